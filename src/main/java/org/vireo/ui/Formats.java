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

    public static String percent(double value) {
        return Double.isNaN(value) ? "—" : String.format("%.0f %%", value);
    }
}
