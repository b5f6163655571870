package org.vireo.ui.chart;

import javafx.scene.paint.Color;

/** The colours of figures, the same in sparklines and charts. */
public final class Palette {
    public static final Color CPU = Color.web("#0969da");
    public static final Color CPU_2 = Color.web("#54aeff");
    public static final Color MEMORY = Color.web("#8250df");
    public static final Color MEMORY_2 = Color.web("#c297ff");
    public static final Color DISK = Color.web("#bc4c00");
    public static final Color DISK_2 = Color.web("#d4a72c");
    public static final Color NET = Color.web("#1a7f37");
    public static final Color NET_2 = Color.web("#4ac26b");

    private Palette() {
    }
}
