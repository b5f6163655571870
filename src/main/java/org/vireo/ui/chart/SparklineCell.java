package org.vireo.ui.chart;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableCell;
import javafx.scene.text.Font;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.Formats;

/**
 * A table cell with the last minute of one figure as a small line and its current value.
 * It redraws on the row's tick, once per refresh, and only while it is one of
 * the table's visible cells: with thousands of rows, only the shown ones cost anything.
 * {@code S} is the table's row type (the domain table's rows, or the fleet view's lines).
 */
public final class SparklineCell<S> extends TableCell<S, DomainRowViewModel> {
    private static final int POINTS = 60;
    private static final double WIDTH = 48;
    private static final double HEIGHT = 20;
    private static final Font SMALL = Font.font(11);

    private final Metric[] metrics;
    private final Metric.Unit unit;
    private final Canvas canvas = new Canvas(WIDTH + 62, HEIGHT);
    private final Palette hue;
    private final javafx.beans.InvalidationListener redraw = o -> redraw();
    private DomainRowViewModel watched;
    /** What the canvas shows now; an unchanged picture is not drawn again. */
    private long drawn;

    /** One metric, or the sum of several (disk read + write). */
    public SparklineCell(Palette hue, Metric... metrics) {
        this.metrics = metrics;
        this.unit = metrics[0].unit();
        this.hue = hue;
        Palette.versionProperty().addListener(new javafx.beans.WeakInvalidationListener(redraw));
        setText(null);
        getStyleClass().add("sparkline-cell");
    }

    @Override
    protected void updateItem(DomainRowViewModel item, boolean empty) {
        super.updateItem(item, empty);
        DomainRowViewModel row = empty ? null : item;
        if (row != watched) {
            if (watched != null) {
                watched.tickProperty().removeListener(redraw);
            }
            watched = row;
            if (row != null) {
                row.tickProperty().addListener(redraw);
            }
        }
        redraw();
    }

    private void redraw() {
        if (watched == null || isEmpty()) {
            setGraphic(null);
            return;
        }
        draw(watched);
        setGraphic(canvas);
    }

    private void draw(DomainRowViewModel row) {
        TimeSeries[] series = new TimeSeries[metrics.length];
        int n = Integer.MAX_VALUE;
        for (int k = 0; k < metrics.length; k++) {
            series[k] = row.series(metrics[k]);
            n = Math.min(n, series[k].size());
        }
        int from = Math.max(0, n - POINTS);
        // percentages against 100, memory against the guest's size, rates against their own peak
        double max = switch (unit) {
            case PERCENT -> 100;
            case KIB -> row.memoryKiBProperty().get();
            default -> 0;
        };
        double last = Double.NaN;
        double[] values = new double[Math.max(0, n - from)];
        for (int i = from; i < n; i++) {
            double v = sum(series, i);
            values[i - from] = v;
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
                last = v;
            }
        }
        double step = WIDTH / (POINTS - 1);
        double x0 = WIDTH - step * (values.length - 1);
        String text = Formats.of(unit, last);
        Fingerprint picture = new Fingerprint().add(hue.color()).add(Palette.TEXT.color()).add(text).add(x0);
        for (double v : values) {
            picture.add(max > 0 ? HEIGHT * v / max : v);
        }
        if (picture.value() == drawn) {
            return;
        }
        drawn = picture.value();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), HEIGHT);
        if (max > 0 && values.length > 1) {
            g.setStroke(hue.color());
            g.setLineWidth(1.2);
            g.beginPath();
            boolean drawing = false;
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i])) {
                    drawing = false;
                    continue;
                }
                double x = x0 + i * step;
                double y = HEIGHT - 2 - (HEIGHT - 4) * values[i] / max;
                if (drawing) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    drawing = true;
                }
            }
            g.stroke();
        }
        g.setFill(Palette.TEXT.color());
        g.setFont(SMALL);
        g.fillText(text, WIDTH + 6, HEIGHT - 5);
    }

    private static double sum(TimeSeries[] series, int i) {
        double total = 0;
        boolean any = false;
        for (TimeSeries s : series) {
            float v = s.valueAt(i);
            if (!Float.isNaN(v)) {
                total += v;
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }
}
