package org.vireo.ui.chart;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The colours canvases draw with (figures' lines, text, grid), the same in sparklines and
 * charts. They come from the theme: vireo.css maps each to one of the theme's looked-up
 * colours (.palette-cpu { -fx-background-color: -color-accent-fg; } ...), and
 * {@link #resolve} reads what those resolve to under the current user-agent stylesheet.
 * Canvases redraw when {@link #versionProperty()} changes.
 */
public enum Palette {
    CPU, CPU_2, MEMORY, MEMORY_2, DISK, DISK_2, NET, NET_2, DANGER,
    /** Legend and value text. */
    TEXT,
    /** Axis labels. */
    MUTED,
    /** Grid lines. */
    GRID,
    /** The zero line and the hover cursor. */
    AXIS;

    private static final Map<Palette, Color> COLORS = new EnumMap<>(Palette.class);
    private static final ReadOnlyIntegerWrapper VERSION = new ReadOnlyIntegerWrapper();

    /** The CSS class of this colour's probe: palette-cpu-2 for CPU_2. */
    public String styleClass() {
        return "palette-" + name().toLowerCase().replace('_', '-');
    }

    /** The colour under the current theme (grey until {@link #resolve} ran). */
    public Color color() {
        return COLORS.getOrDefault(this, Color.GRAY);
    }

    /** Counts theme changes: canvases listen and redraw. */
    public static ReadOnlyIntegerProperty versionProperty() {
        return VERSION.getReadOnlyProperty();
    }

    /**
     * Reads every colour from the theme: one probe region per colour in a scene of its own
     * (never shown) with the application's stylesheets. FX thread; call after the user-agent
     * stylesheet changed.
     */
    public static void resolve(List<String> stylesheets) {
        Pane probes = new Pane();
        Map<Palette, Region> regions = new EnumMap<>(Palette.class);
        for (Palette p : values()) {
            Region r = new Region();
            r.getStyleClass().addAll("palette-probe", p.styleClass());
            regions.put(p, r);
            probes.getChildren().add(r);
        }
        Scene scene = new Scene(probes);
        scene.getStylesheets().setAll(stylesheets);
        probes.applyCss();
        regions.forEach((p, r) -> {
            Paint fill = r.getBackground() == null || r.getBackground().getFills().isEmpty() ? null
                : r.getBackground().getFills().getFirst().getFill();
            COLORS.put(p, fill instanceof Color c ? c : Color.GRAY);
        });
        VERSION.set(VERSION.get() + 1);
    }
}
