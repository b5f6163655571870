package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.model.DomainFlags;
import org.vireo.support.DemoPage;
import org.vireo.support.Fx;

/** The tabs' view models against the demo host (test driver), with no window shown. */
@ExtendWith(ApplicationExtension.class)
class DomainTabViewModelsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private DemoPage demo;
    private DomainPageViewModel page;

    @Start
    void start(Stage stage) {
        demo = DemoPage.start();
        page = demo.page();
    }

    @AfterEach
    void stop() {
        demo.stop();
    }

    @Test
    void badNumbersAreRefusedAtTheTabWithTheReasonAndNothingIsSent() {
        demo.open("web-frontend");
        ActionsViewModel actions = page.actions();
        Fx.run(() -> actions.blockPull("vda", "fast"));
        assertEquals("Speed needs a whole number, not \"fast\"", Fx.get(() -> actions.outcome().get()));
        assertTrue(Fx.get(() -> actions.failed().get()));
        Fx.run(() -> actions.memoryPeek("-1"));
        assertEquals("Offset must be at least 0", Fx.get(() -> actions.outcome().get()), "no peek at offset 0 instead");
        Fx.run(() -> actions.sendCodes("29 56 del", "LINUX"));
        assertTrue(Fx.get(() -> actions.outcome().get()).startsWith("Key code needs a whole number"), "no keycode 0 sent");
        Fx.run(() -> actions.pmSuspend("suspend to RAM", "soon"));
        assertTrue(Fx.get(() -> actions.outcome().get()).startsWith("Wake-up time needs a whole number"), "not \"never\"");
        Fx.run(() -> actions.save("/tmp/web.save", EnumSet.noneOf(DomainFlags.Save.class)));
        assertTrue(Fx.get(() -> actions.outcome().get()).startsWith("Not in /tmp"));
        HardwareViewModel hardware = page.hardware();
        Fx.run(() -> hardware.setMemory("lots", false, DomainFlags.Affect.CONFIG));
        assertEquals("Memory (MiB) needs a whole number, not \"lots\"", Fx.get(() -> hardware.outcome().get()));
        Fx.run(() -> hardware.blockResize(null, "100"));
        assertEquals("Choose the disk to resize in the block info table", Fx.get(() -> hardware.outcome().get()), "never the first disk");
        // a valid input is sent: its label runs on the outcome line
        Fx.run(() -> actions.pmSuspend("suspend to RAM", "0"));
        assertTrue(Fx.get(() -> actions.outcome().get()).startsWith("PM suspend"), Fx.get(() -> actions.outcome().get()));
    }

    @Test
    void disruptiveActionsSayWhatIsLost() {
        demo.open("web-frontend");
        ActionsViewModel a = page.actions();
        Confirmation reset = Fx.get(a::resetConfirmation);
        assertEquals("Reset web-frontend?", reset.title());
        assertTrue(reset.lost().contains("unsaved data in the guest is lost"));
        assertNull(Fx.get(() -> a.coreDumpConfirmation(EnumSet.noneOf(DomainFlags.Dump.class))), "a plain dump asks nothing");
        assertEquals("Core dump web-frontend and stop it?", Fx.get(() -> a.coreDumpConfirmation(EnumSet.of(DomainFlags.Dump.CRASH))).title());
        assertTrue(Fx.get(() -> a.coreDumpConfirmation(EnumSet.of(DomainFlags.Dump.RESET))).lost().contains("reset after the dump"));
        assertEquals("Send Ctrl+Alt+Del to web-frontend?",
            Fx.get(() -> a.keysConfirmation("Ctrl+Alt+Del", "LINUX", ActionsViewModel.KEYS.get("Ctrl+Alt+Del"))).title());
        assertNull(Fx.get(() -> a.keysConfirmation("Ctrl+Alt+F2", "LINUX", ActionsViewModel.KEYS.get("Ctrl+Alt+F2"))));
        assertTrue(Fx.get(a::nmiConfirmation).lost().contains("panic or reboot"));
        String undefine = Fx.get(() -> a.undefineConfirmation(EnumSet.of(DomainFlags.Undefine.MANAGED_SAVE))).lost();
        assertTrue(undefine.contains("Its managed save image is deleted.") && !undefine.contains("forgets its snapshots"), undefine);
        assertTrue(Fx.get(() -> a.saveConfirmation("/var/lib/x.save")).lost().contains("/var/lib/x.save"));
        assertNull(Fx.get(() -> page.hardware().resizeConfirmation(new org.vireo.model.BlockDetails("vda", 1L << 30, 0, 0), "2048")),
            "growing asks nothing");
        assertEquals("Shrink vda?", Fx.get(() -> page.hardware().resizeConfirmation(new org.vireo.model.BlockDetails("vda", 1L << 30, 0, 0),
            "512")).title());
    }

    @Test
    void theBlockJobIsPolledOnlyWhileARunningDomainsTabIsOnScreen() {
        demo.open("web-frontend");
        ActionsViewModel a = page.actions();
        boolean[] onScreen = {true};
        Fx.run(() -> a.startPolling(() -> "vda", () -> onScreen[0]));
        try {
            assertTrue(Fx.get(a::pollTick), "running domain, tab on screen");
            onScreen[0] = false;
            assertFalse(Fx.get(a::pollTick), "another tab chosen (or the page hidden)");
            onScreen[0] = true;
            Fx.run(() -> demo.select("build-cache"));
            assertFalse(Fx.get(a::shouldPoll), "a shut-off domain opened: no job to poll");
            Fx.run(() -> demo.main().selectedDomainProperty().set(null));
            assertFalse(Fx.get(a::shouldPoll), "no domain open");
            Fx.run(() -> demo.select("db-primary"));
            assertTrue(Fx.get(a::shouldPoll));
        } finally {
            Fx.run(a::stopPolling);
        }
    }

    @Test
    void performanceChartsFollowOnlyWhileTheirTabIsSelectedOnAShownPage() {
        PerformanceViewModel p = page.performance();
        Fx.run(() -> p.pageShownProperty().set(true));
        assertFalse(Fx.get(() -> p.liveProperty().get()), "tab not selected");
        Fx.run(() -> p.tabSelectedProperty().set(true));
        assertTrue(Fx.get(() -> p.liveProperty().get()));
        Fx.run(() -> p.pageShownProperty().set(false));
        assertFalse(Fx.get(() -> p.liveProperty().get()), "page hidden");
    }

    /** An editor without a window: the text the view model put in it, or the user's. */
    private static final class FakeEditor implements XmlViewModel.Editor {
        String text = "";

        @Override
        public String text() {
            return text;
        }

        @Override
        public void replace(String t, boolean atTop) {
            text = t;
        }
    }

    @Test
    void xmlEditsAreTrackedAgainstLibvirtsTextKeptAcrossDomainsAndNeverOverwritten() {
        demo.open("web-frontend");
        XmlViewModel xml = page.xml();
        FakeEditor editor = new FakeEditor();
        Fx.run(() -> xml.attach(editor));
        Fx.run(() -> page.load(DomainPageViewModel.XML));
        Fx.await(WAIT, "web-frontend's XML", () -> editor.text.contains("<name>web-frontend</name>"));
        assertFalse(Fx.get(() -> xml.dirtyProperty().get()));
        String libvirts = Fx.get(() -> editor.text);
        String mine = libvirts.replace("</name>", "</name>\n  <description>mine</description>");
        Fx.run(() -> {
            editor.text = mine;
            xml.edited();
        });
        assertTrue(Fx.get(() -> xml.dirtyProperty().get()), "an edit is unsaved");
        String place = Fx.get(() -> page.place("XML"));
        assertEquals(mine, Fx.get(() -> demo.main().unsavedEdits().get(place)));
        assertTrue(Fx.get(xml::reloadConfirmation).lost().contains("did not save is lost"), "reload asks first");
        // libvirt's text arrives again (a state change reloads the tab): the edit stays, libvirt's is offered
        Fx.run(() -> xml.xmlProperty().set(libvirts.replace("<name>", "<!-- changed -->\n<name>")));
        assertEquals(mine, Fx.get(() -> editor.text));
        assertTrue(Fx.get(() -> xml.libvirtChangedProperty().get()));
        // another domain: its own XML; then back, and the draft comes back
        Fx.run(() -> demo.select("db-primary"));
        Fx.run(() -> page.load(DomainPageViewModel.XML));
        Fx.await(WAIT, "db-primary's XML", () -> editor.text.contains("<name>db-primary</name>"));
        assertFalse(Fx.get(() -> xml.dirtyProperty().get()));
        Fx.run(() -> demo.select("web-frontend"));
        Fx.run(() -> page.load(DomainPageViewModel.XML));
        Fx.await(WAIT, "the draft back", () -> editor.text.equals(mine));
        assertTrue(Fx.get(() -> xml.dirtyProperty().get()));
        // back to libvirt's text: no longer an edit, no draft left
        Fx.run(xml::discard);
        assertFalse(Fx.get(() -> xml.dirtyProperty().get()));
        assertNull(Fx.get(() -> demo.main().unsavedEdits().get(place)));
        assertNull(Fx.get(xml::reloadConfirmation), "nothing to lose: reload asks nothing");
    }

    /**
     * The page clears every tab before it sets the next domain: what the new domain's listeners load (the open tab,
     * at once) must not start from the last domain's values (Tuning reads the hardware for its disks and NICs).
     */
    @Test
    void theNextDomainsListenersSeeNothingOfTheLastOne() {
        demo.open("web-frontend");
        Fx.run(() -> page.load(DomainPageViewModel.HARDWARE));
        Fx.await(WAIT, "web-frontend's hardware", () -> page.hardware().hardwareProperty().get() != null);
        Object[] seen = {"nothing"};
        Fx.run(() -> {
            page.domainProperty().addListener((o, a, now) -> seen[0] = page.hardware().hardwareProperty().get());
            demo.select("db-primary");
        });
        assertNull(seen[0], "web-frontend's hardware was still there when db-primary opened");
    }

    /** Hardware, XML and snapshots loaded for a domain the user left land nowhere: the next page shows only its own. */
    @Test
    void loadsLeftBehindNeverLandOnTheNextDomainsTabs() throws Exception {
        demo.open("web-frontend");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // holds the host's worker so both domains' loads queue behind it, in order
        demo.host().session().submit(c -> {
            try {
                return release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        List<String> landed = new java.util.ArrayList<>();
        Fx.run(() -> {
            page.load(DomainPageViewModel.HARDWARE);
            page.load(DomainPageViewModel.XML);
            demo.select("db-primary");
            page.hardware().hardwareProperty().addListener((o, a, hw) -> {
                if (hw != null) {
                    landed.add("vcpus " + hw.vcpusConfig());
                }
            });
            page.xml().xmlProperty().addListener((o, a, x) -> {
                if (!x.isEmpty()) {
                    landed.add(x.contains("<name>db-primary</name>") ? "xml db-primary" : "xml of another");
                }
            });
            page.load(DomainPageViewModel.HARDWARE);
            page.load(DomainPageViewModel.XML);
        });
        release.countDown();
        Fx.await(WAIT, "db-primary's hardware and XML", () -> landed.contains("vcpus 4") && landed.contains("xml db-primary"));
        assertEquals(List.of("vcpus 4", "xml db-primary"), Fx.get(() -> List.copyOf(landed)));
    }
}
