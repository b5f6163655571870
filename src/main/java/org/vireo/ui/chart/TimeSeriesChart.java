package org.vireo.ui.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.ui.Formats;

/**
 * A live line chart of one or more time series on a canvas: a y scale that adapts to the
 * data (fixed 0-100 for percentages) with unit labels, a time axis, and a hover readout
 * with the exact values and time. It draws only when told to ({@link #refresh()}), which
 * its page does once per tick while it is shown.
 */
public final class TimeSeriesChart extends VBox {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final double LEFT = 70;
    private static final double RIGHT = 8;
    private static final double TOP = 18;
    private static final double BOTTOM = 18;
    private static final Font SMALL = Font.font(10.5);

    private record Line(String label, Supplier<TimeSeries> source, Palette hue) {
        Color color() {
            return hue.color();
        }
    }

    private final Metric.Unit unit;
    private final List<Line> lines = new ArrayList<>();
    private final Canvas canvas = new Canvas();
    private final javafx.scene.layout.Pane plot = new javafx.scene.layout.Pane();
    private final Label readout = new Label();
    private double fixedMax = Double.NaN;
    private double hoverX = -1;
    private List<TimeSeries> shown = List.of();
    /** The picture on the canvas now (see {@link Fingerprint}). */
    private long drawn;
    private int pictures;
    /** Redraws in the new theme's colours (held here: the palette keeps only a weak reference). */
    private final javafx.beans.InvalidationListener restyle = o -> refresh();

    public TimeSeriesChart(String id, String title, Metric.Unit unit) {
        this.unit = unit;
        setId(id);
        getStyleClass().add("time-series-chart");
        Label caption = new Label(title);
        caption.getStyleClass().add("chart-title");
        HBox head = new HBox(caption);
        head.setAlignment(Pos.CENTER_LEFT);
        readout.setId(id + "-readout");
        readout.getStyleClass().add("chart-readout");
        readout.setVisible(false);
        readout.setManaged(false);
        readout.setMouseTransparent(true);
        plot.getChildren().addAll(canvas, readout);
        plot.setMinHeight(90);
        plot.setPrefSize(420, 150);
        // the canvas follows the plot's size and must not feed back into it
        canvas.setManaged(false);
        VBox.setVgrow(plot, Priority.ALWAYS);
        getChildren().addAll(head, plot);
        setPadding(new Insets(6, 8, 6, 8));
        setSpacing(2);
        canvas.widthProperty().bind(plot.widthProperty());
        canvas.heightProperty().bind(plot.heightProperty());
        canvas.widthProperty().addListener(o -> refresh());
        canvas.heightProperty().addListener(o -> refresh());
        Palette.versionProperty().addListener(new javafx.beans.WeakInvalidationListener(restyle));
        plot.setPickOnBounds(true);
        plot.setOnMouseMoved(e -> {
            hoverX = e.getX();
            refresh();
        });
        plot.setOnMouseExited(e -> {
            hoverX = -1;
            readout.setVisible(false);
            refresh();
        });
    }

    /** A line whose data is read afresh at every refresh (the selected domain may change). */
    public TimeSeriesChart line(String label, Supplier<TimeSeries> source, Palette hue) {
        lines.add(new Line(label, source, hue));
        return this;
    }

    /** A fixed top of the scale (100 for percentages); by default the scale follows the data. */
    public TimeSeriesChart fixedMax(double max) {
        this.fixedMax = max;
        return this;
    }

    /** The colour line {@code i} is drawn in now (tests check that a theme change restyles it). */
    public Color lineColor(int i) {
        return lines.get(i).color();
    }

    /** How many times the chart has drawn a new picture (a refresh that would draw the same one does not). */
    public int pictures() {
        return pictures;
    }

    /** The readout text of the point under the pointer, for tests. */
    public String readoutText() {
        return readout.isVisible() ? readout.getText() : "";
    }

    /** Redraws from the current data. */
    public void refresh() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        if (w < LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) {
            g.clearRect(0, 0, w, h);
            drawn = 0;
            return;
        }
        shown = lines.stream().map(l -> l.source().get()).toList();
        long t1 = Long.MIN_VALUE;
        long t0 = Long.MAX_VALUE;
        double max = 0;
        for (TimeSeries s : shown) {
            int n = s.size();
            if (n == 0) {
                continue;
            }
            t0 = Math.min(t0, s.timeAt(0));
            t1 = Math.max(t1, s.timeAt(n - 1));
            for (int i = 0; i < n; i++) {
                float v = s.valueAt(i);
                if (!Float.isNaN(v) && v > max) {
                    max = v;
                }
            }
        }
        if (t1 == Long.MIN_VALUE) {
            t1 = System.currentTimeMillis();
            t0 = t1 - 60_000;
        }
        // at least a minute on screen, so a fresh chart does not stretch three points across
        t0 = Math.min(t0, t1 - 60_000);
        double top = Double.isNaN(fixedMax) ? Scales.niceMax(max, unit) : fixedMax;
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        long picture = picture(w, h, top, t0, t1, pw, ph);
        if (picture == drawn) {
            return;
        }
        drawn = picture;
        pictures++;
        g.clearRect(0, 0, w, h);
        drawGrid(g, top, t0, t1, pw, ph);
        for (int i = 0; i < lines.size(); i++) {
            drawLine(g, shown.get(i), lines.get(i).color(), i == 0, top, t0, t1, pw, ph);
        }
        drawLegend(g, pw);
        drawHover(g, t0, t1, pw, ph);
    }

    /** What {@link #refresh()} would draw: its size, scale, labels, colours, hover and every point. */
    private long picture(double w, double h, double top, long t0, long t1, double pw, double ph) {
        Fingerprint f = new Fingerprint().add(w).add(h).add(top).add(hoverX).add(Palette.versionProperty().get());
        long span = Math.max(1, t1 - t0);
        int steps = (int) Math.max(1, Math.min(4, pw / 90));
        for (int k = 0; k < steps; k++) {
            f.add(Scales.duration(t1 - (t0 + span * k / steps)));
        }
        for (int i = 0; i < lines.size(); i++) {
            TimeSeries s = shown.get(i);
            f.add(lines.get(i).color()).add(Formats.of(unit, s.last()));
            int n = s.size();
            f.add((long) n);
            for (int j = 0; j < n; j++) {
                float v = s.valueAt(j);
                f.add(pw * (s.timeAt(j) - t0) / span);
                f.add(Float.isNaN(v) ? Double.NaN : ph * Math.min(1.0, v / top));
            }
        }
        return f.value();
    }

    /**
     * The lines' names and newest values, drawn on the canvas rather than in labels: a
     * label's new text every tick would lay out the whole window every tick.
     */
    private void drawLegend(GraphicsContext g, double pw) {
        g.setFont(SMALL);
        double x = LEFT;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).label() + " " + Formats.of(unit, shown.get(i).last());
            g.setFill(lines.get(i).color());
            g.fillRect(x, 3, 8, 8);
            g.setFill(Palette.TEXT.color());
            g.fillText(text, x + 11, 11);
            x += 14 + text.length() * 6.2;
            if (x > LEFT + pw - 40) {
                break;
            }
        }
    }

    private void drawGrid(GraphicsContext g, double top, long t0, long t1, double pw, double ph) {
        g.setFont(SMALL);
        g.setLineWidth(1);
        for (int k = 0; k <= 4; k++) {
            double y = Math.round(TOP + ph - ph * k / 4.0) + 0.5;
            g.setStroke(k == 0 ? Palette.AXIS.color() : Palette.GRID.color());
            g.strokeLine(LEFT, y, LEFT + pw, y);
            g.setFill(Palette.MUTED.color());
            g.fillText(Formats.of(unit, top * k / 4.0), 4, y + 4);
        }
        long span = Math.max(1, t1 - t0);
        // as many time labels as fit: about one per 90 px
        int steps = (int) Math.max(1, Math.min(4, pw / 90));
        for (int k = 0; k <= steps; k++) {
            long t = t0 + span * k / steps;
            double x = LEFT + pw * k / steps;
            String label = k == steps ? "now" : "−" + Scales.duration(t1 - t);
            g.setFill(Palette.MUTED.color());
            g.fillText(label, Math.max(LEFT - 10, Math.min(x - 14, LEFT + pw - 24)), TOP + ph + 14);
        }
    }

    private static void drawLine(GraphicsContext g, TimeSeries s, Color color, boolean fill, double top,
                                 long t0, long t1, double pw, double ph) {
        int n = s.size();
        if (n == 0 || top <= 0) {
            return;
        }
        double span = Math.max(1, t1 - t0);
        g.setStroke(color);
        g.setLineWidth(1.6);
        g.beginPath();
        boolean drawing = false;
        double firstX = 0;
        double lastX = 0;
        for (int i = 0; i < n; i++) {
            float v = s.valueAt(i);
            double x = LEFT + pw * (s.timeAt(i) - t0) / span;
            if (Float.isNaN(v)) {
                drawing = false;
                continue;
            }
            double y = TOP + ph - ph * Math.min(1.0, v / top);
            if (!drawing) {
                g.moveTo(x, y);
                if (firstX == 0) {
                    firstX = x;
                }
                drawing = true;
            } else {
                g.lineTo(x, y);
            }
            lastX = x;
        }
        g.stroke();
        if (fill && lastX > firstX) {
            g.lineTo(lastX, TOP + ph);
            g.lineTo(firstX, TOP + ph);
            g.closePath();
            g.setFill(color.deriveColor(0, 1, 1, 0.15));
            g.fill();
        }
    }

    private void drawHover(GraphicsContext g, long t0, long t1, double pw, double ph) {
        if (hoverX < LEFT || hoverX > LEFT + pw || shown.isEmpty() || shown.getFirst().size() == 0) {
            readout.setVisible(false);
            return;
        }
        TimeSeries first = shown.getFirst();
        double span = Math.max(1, t1 - t0);
        long t = t0 + (long) ((hoverX - LEFT) / pw * span);
        int i = Scales.nearest(first, t);
        double x = LEFT + pw * (first.timeAt(i) - t0) / span;
        g.setStroke(Palette.AXIS.color());
        g.setLineWidth(1);
        g.strokeLine(Math.round(x) + 0.5, TOP, Math.round(x) + 0.5, TOP + ph);
        StringBuilder text = new StringBuilder(CLOCK.format(Instant.ofEpochMilli(first.timeAt(i))));
        for (int k = 0; k < lines.size(); k++) {
            TimeSeries s = shown.get(k);
            int j = s == first ? i : Scales.nearest(s, first.timeAt(i));
            float v = j < 0 ? Float.NaN : s.valueAt(j);
            text.append('\n').append(lines.get(k).label()).append(": ").append(Formats.of(unit, v));
        }
        readout.setText(text.toString());
        readout.autosize();
        double rx = x + 8 + readout.getWidth() > LEFT + pw ? x - 8 - readout.getWidth() : x + 8;
        readout.relocate(rx, TOP + 4);
        readout.setVisible(true);
    }
}
