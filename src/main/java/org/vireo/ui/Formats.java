package org.vireo.ui;

/** How figures read in the views. */
public final class Formats {
    private Formats() {
    }

    /** 131072 KiB -> "128 MiB"; 8388608 KiB -> "8.0 GiB". */
    public static String memoryKiB(long kib) {
        if (kib <= 0) {
            return "—";
        }
        if (kib < 1024 * 1024) {
            return Math.round(kib / 1024.0) + " MiB";
        }
        return String.format("%.1f GiB", kib / (1024.0 * 1024.0));
    }

    /** 1536 -> "1.5 KiB/s". */
    public static String bytesPerSecond(double bps) {
        if (Double.isNaN(bps)) {
            return "—";
        }
        return bytes(bps) + "/s";
    }

    public static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (Math.abs(b) >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? String.format("%.0f %s", b, units[u]) : String.format(b < 10 ? "%.1f %s" : "%.0f %s", b, units[u]);
    }

    /** A figure of the given unit, as charts and tooltips show it. */
    public static String of(org.vireo.model.Metric.Unit unit, double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return switch (unit) {
            case PERCENT -> String.format(value < 10 ? "%.1f %%" : "%.0f %%", value);
            case KIB -> bytes(value * 1024);
            case BYTES_PER_SECOND -> bytesPerSecond(value);
            case PER_SECOND -> String.format(value < 10 ? "%.1f/s" : "%.0f/s", value);
        };
    }

    public static String percent(double value) {
        return Double.isNaN(value) ? "—" : String.format("%.0f %%", value);
    }
}
