package org.vireo.model;

/**
 * A number typed by the user, checked before anything is sent: a field that does not hold a
 * valid number says why, instead of becoming 0 (which libvirt reads as "unlimited", "never"
 * or keycode 0).
 */
public record NumberInput(long value, String problem) {
    public boolean ok() {
        return problem == null;
    }

    /**
     * Parses {@code text} as a whole number in [{@code min}, {@code max}]; with {@code hex},
     * "0x…" is read as hexadecimal. {@code what} names the field in the reason.
     */
    public static NumberInput parse(String text, String what, long min, long max, boolean hex) {
        String t = text == null ? "" : text.strip().replace("_", "");
        if (t.isEmpty()) {
            return refused(what + " is empty");
        }
        boolean isHex = hex && (t.startsWith("0x") || t.startsWith("0X"));
        String digits = isHex ? t.substring(2) : t;
        if (!digits.matches(isHex ? "-?[0-9a-fA-F]+" : "-?[0-9]+")) {
            return refused(what + " needs a whole number" + (hex ? " (decimal, or hex as 0x…)" : "") + ", not \"" + shorten(t) + "\"");
        }
        long v;
        try {
            v = Long.parseLong(digits, isHex ? 16 : 10);
        } catch (NumberFormatException e) {
            return refused(what + " is too large");
        }
        if (v < min) {
            return refused(what + " must be at least " + min);
        }
        if (v > max) {
            return refused(what + " must be at most " + max);
        }
        return new NumberInput(v, null);
    }

    private static NumberInput refused(String why) {
        return new NumberInput(0, why);
    }

    private static String shorten(String t) {
        return t.length() > 24 ? t.substring(0, 24) + "…" : t;
    }
}
