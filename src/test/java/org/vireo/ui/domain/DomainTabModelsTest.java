package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vireo.model.BlockJob;
import org.vireo.model.Fact;
import org.vireo.model.TuningGroup;
import org.vireo.model.TuningParam;
import org.vireo.ui.UnsavedEdits;

/** The tabs' parsing, edit tracking and texts, without a window or a host. */
class DomainTabModelsTest {
    @Test
    void numbersAreRefusedWithTheReasonNeverReadAsZero() {
        assertEquals("Speed needs a whole number, not \"fast\"", ActionsViewModel.SPEED.problem("fast"));
        assertEquals("Speed must be at least 0", ActionsViewModel.SPEED.problem("-1"));
        assertEquals("Speed is empty", ActionsViewModel.SPEED.problem(""));
        assertEquals(16, ActionsViewModel.PEEK_OFFSET.parse("0x10").value());
        assertEquals("Offset needs a whole number (decimal, or hex as 0x…), not \"0xZZ\"", ActionsViewModel.PEEK_OFFSET.problem("0xZZ"));
        assertEquals("Wake-up time must be at least 0", ActionsViewModel.PM_SECONDS.problem("-5"));
        assertEquals("Memory (MiB) must be at least 1", HardwareViewModel.MEMORY_MIB.problem("0"));
        assertEquals("Size (MiB) needs a whole number, not \"1.5\"", HardwareViewModel.RESIZE_MIB.problem("1.5"));
        assertNull(ActionsViewModel.SPEED.problem("0"), "0 is unlimited when typed, never when the text is bad");
    }

    @Test
    void keyCodesAreCheckedAndTheRebootingOnesKnown() {
        assertEquals("Type key codes, e.g. 29 56 111", ActionsViewModel.keyCodesProblem("  "));
        assertEquals("Key code needs a whole number (decimal, or hex as 0x…), not \"del\"", ActionsViewModel.keyCodesProblem("29 56 del"));
        assertEquals("Key code must be at most 65535", ActionsViewModel.keyCodesProblem("70000"));
        assertEquals("At most 16 keys at once, not 17", ActionsViewModel.keyCodesProblem("1 ".repeat(17)));
        assertEquals(List.of(29, 56, 111), java.util.Arrays.stream(ActionsViewModel.keyCodes("29, 0x38 111")).boxed().toList());
        assertTrue(ActionsViewModel.disruptive(ActionsViewModel.KEYS.get("Ctrl+Alt+Del")));
        assertTrue(ActionsViewModel.disruptive(ActionsViewModel.KEYS.get("Alt+SysRq+S (sync)")));
        assertFalse(ActionsViewModel.disruptive(ActionsViewModel.KEYS.get("Ctrl+Alt+F2")));
    }

    @Test
    void hostPathsForMemoryAreAbsoluteAndNotWorldWritable() {
        assertEquals("Give an absolute path on the host, not \"x.save\"", ActionsViewModel.hostPathProblem("x.save", "the guest's memory"));
        assertEquals("Not in /tmp: other users of the host could read the guest's memory there",
            ActionsViewModel.hostPathProblem("/tmp/x.save", "the guest's memory"));
        assertEquals("Give a file name, not a directory", ActionsViewModel.hostPathProblem("/var/lib/", "x"));
        assertNull(ActionsViewModel.hostPathProblem("/var/lib/libvirt/qemu/save/x.save", "x"));
    }

    @Test
    void aBlockJobIsShownInWords() {
        assertEquals("no job", ActionsViewModel.jobText(null));
        assertEquals("copy 50% (5 / 10 bytes, 3 MiB/s)", ActionsViewModel.jobText(new BlockJob("vda", "copy", 3, 5, 10)));
    }

    @Test
    void tuningSendsOnlyWhatTheUserChanged() {
        TuningGroup memory = new TuningGroup("memory", null, "Memory", List.of(new TuningParam("hard_limit", "ullong", "100"),
            new TuningParam("soft_limit", "ullong", "50")), null);
        Map<String, String> typed = Map.of("hard_limit", "100", "soft_limit", "70");
        assertEquals(Map.of("soft_limit", "70"), TuningViewModel.changes(memory, typed::get));
        assertEquals(Map.of(), TuningViewModel.changes(memory, Map.of("hard_limit", "100", "soft_limit", "50")::get));
    }

    @Test
    void anEditedTitleSurvivesAReloadAndWaitsAsADraftWhileAnotherDomainIsOpen() {
        UnsavedEdits drafts = new UnsavedEdits();
        String[] domain = {"a"};
        FieldDraft title = new FieldDraft("Title", what -> what + " of " + domain[0], drafts);
        FieldDraft.Shown first = title.arrived(Fact.of("libvirt's"), "", "A short title");
        assertEquals("libvirt's", first.text());
        assertFalse(title.edited("libvirt's"));
        // the user types; libvirt's value changes (a state change reloads): the edit stays
        assertTrue(title.edited("mine"));
        assertEquals("mine", title.arrived(Fact.of("libvirt's new"), "mine", "A short title").text());
        // another domain opens: the edit waits as a draft of a's title
        title.leave("mine");
        assertEquals("mine", drafts.get("Title of a"));
        domain[0] = "b";
        assertEquals("b's", title.arrived(Fact.of("b's"), "mine", "A short title").text(), "b shows its own title");
        title.leave("b's");
        assertNull(drafts.get("Title of b"), "an unedited title leaves no draft");
        // back to a: the draft comes back, and is no longer a draft
        domain[0] = "a";
        assertEquals("mine", title.arrived(Fact.of("libvirt's new"), "b's", "A short title").text());
        assertNull(drafts.get("Title of a"));
    }

    @Test
    void aTitleThatCouldNotBeReadIsReadOnlyWithLibvirtsReason() {
        FieldDraft title = new FieldDraft("Title", what -> what, new UnsavedEdits());
        FieldDraft.Shown shown = title.arrived(Fact.failed("Timed out during operation"), "", "A short title");
        assertEquals("", shown.text());
        assertFalse(shown.editable());
        assertTrue(shown.prompt().contains("Timed out during operation"), shown.prompt());
    }

    @Test
    void aPrefilledInputTakesLibvirtsValueUntilTheUserChangesIt() {
        Prefill<String> memory = new Prefill<>();
        assertEquals("512", memory.offer("512", ""));
        assertEquals("1024", memory.offer("1024", "512"), "untouched: a reload brings libvirt's new value");
        assertNull(memory.offer("2048", "768"), "the user typed 768: a reload leaves it");
        memory.reset();
        assertEquals("4096", memory.offer("4096", "768"), "another domain: its value afresh");
    }
}
