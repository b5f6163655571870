package org.vireo.model;

import java.util.Optional;

/**
 * The Send key field: key codes separated by spaces or commas (decimal, or hex as 0x…).
 * libvirt sends at most 16 keys at once (VIR_DOMAIN_SEND_KEY_MAX_KEYS); codes are 16-bit.
 */
public final class KeyCodes {
    public static final int MAX_KEYS = 16;

    private KeyCodes() {
    }

    /** Why {@code text} is not a list of key codes; empty when it is. */
    public static Optional<String> problem(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Optional.of("Type key codes, e.g. 29 56 111");
        }
        String[] parts = t.split("[\\s,]+");
        if (parts.length == 0) {
            return Optional.of("Type key codes, e.g. 29 56 111 (not only separators)");
        }
        if (parts.length > MAX_KEYS) {
            return Optional.of("At most " + MAX_KEYS + " keys at once, not " + parts.length);
        }
        for (String p : parts) {
            NumberInput n = code(p);
            if (!n.ok()) {
                return Optional.of(n.problem());
            }
        }
        return Optional.empty();
    }

    /** The codes of a text {@link #problem} accepts. */
    public static int[] parse(String text) {
        String[] parts = text.strip().split("[\\s,]+");
        int[] codes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            codes[i] = (int) code(parts[i]).value();
        }
        return codes;
    }

    private static NumberInput code(String p) {
        return NumberInput.parse(p, "Key code", 0, 0xffff, true);
    }
}
