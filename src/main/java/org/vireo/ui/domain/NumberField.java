package org.vireo.ui.domain;

import org.vireo.model.NumberInput;

/** A {@link CheckedField} for a whole number in a range (hex as 0x… where allowed). */
final class NumberField extends CheckedField {
    private final String what;
    private final long min;
    private final long max;
    private final boolean hex;

    NumberField(String id, String text, String what, long min, long max, boolean hex) {
        super(id, text, t -> NumberInput.parse(t, what, min, max, hex).problem());
        this.what = what;
        this.min = min;
        this.max = max;
        this.hex = hex;
    }

    /** The number typed; the buttons that call this are disabled while the field is invalid. */
    long value() {
        NumberInput n = NumberInput.parse(getText(), what, min, max, hex);
        if (!n.ok()) {
            throw new IllegalStateException(n.problem());
        }
        return n.value();
    }
}
