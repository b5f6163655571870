package org.vireo.model;

import java.math.BigDecimal;
import java.util.List;

/** Sizes as people write them ("20" with a unit of GiB) to bytes, and back. */
public final class Sizes {
    public static final List<String> UNITS = List.of("MiB", "GiB", "TiB");
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[0-9]{1,16}(\\.[0-9]{0,9})?|\\.[0-9]{1,9}");

    private Sizes() {
    }

    /**
     * Bytes of {@code number} {@code unit} (MiB, GiB, TiB; plain decimals allowed, no exponent), rounded up to whole
     * MiB; -1 when it is not a number, 0 or below, or beyond 1 PiB.
     */
    public static long parse(String number, String unit) {
        long factor = switch (unit) {
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            default -> -1;
        };
        if (factor < 0 || number == null) {
            return -1;
        }
        // plain decimals only: BigDecimal takes "1e-99999999" too, and rounding it up took half a minute
        if (!PLAIN.matcher(number.strip()).matches()) {
            return -1;
        }
        try {
            BigDecimal n = new BigDecimal(number.strip());
            if (n.signum() <= 0 || n.compareTo(BigDecimal.valueOf((1L << 50) / factor)) > 0) {
                return -1;
            }
            long bytes = n.multiply(BigDecimal.valueOf(factor)).setScale(0, java.math.RoundingMode.UP).longValueExact();
            long mib = 1L << 20;
            return (bytes + mib - 1) / mib * mib;
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    /** "1.5 GiB", "512 MiB", "0 B". */
    public static String format(long bytes) {
        if (bytes < 0) {
            return "";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : (v >= 100 || v == Math.floor(v) ? String.format("%.0f %s", v, units[u]) : String.format("%.1f %s", v, units[u]));
    }
}
