package org.vireo.ui.domain;

import org.vireo.model.NumberInput;

/** Which whole numbers an input takes (a range; hex as 0x… where allowed) and how the field is named in a refusal. */
record NumberRule(String what, long min, long max, boolean hex) {
    NumberInput parse(String text) {
        return NumberInput.parse(text, what, min, max, hex);
    }

    /** Why {@code text} is refused, or null when it is a number this rule takes. */
    String problem(String text) {
        return parse(text).problem();
    }
}
