package org.vireo.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.support.Fx;

/** A chart draws again only when its picture changes: a figure that holds still costs no drawing. */
@ExtendWith(ApplicationExtension.class)
class ChartRedrawTest {
    private final float[] values = new float[120];
    private final long[] times = new long[120];
    private TimeSeriesChart chart;

    private final TimeSeries series = new TimeSeries() {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public long timeAt(int i) {
            return times[i];
        }

        @Override
        public float valueAt(int i) {
            return values[i];
        }
    };

    @Start
    void start(Stage stage) {
        for (int i = 0; i < values.length; i++) {
            times[i] = 1_000_000L + i * 1000L;
            values[i] = 40;
        }
        chart = new TimeSeriesChart("testChart", "CPU", Metric.Unit.PERCENT).fixedMax(100)
            .line("Guest", () -> series, Palette.CPU);
        stage.setScene(new Scene(new StackPane(chart), 500, 200));
        stage.show();
    }

    @Test
    void anUnchangedPictureIsNotDrawnAgain() {
        Fx.run(chart::refresh);
        int first = Fx.get(chart::pictures);
        Fx.run(chart::refresh);
        Fx.run(chart::refresh);
        assertEquals(first, Fx.get(chart::pictures), "refreshing the same figures drew again");
        // a value that moves the line by more than a quarter pixel is drawn
        Fx.run(() -> {
            values[values.length - 1] = 90;
            chart.refresh();
        });
        assertEquals(first + 1, Fx.get(chart::pictures), "a changed figure was not drawn");
        // so is a new tick that shifts the time axis
        Fx.run(() -> {
            for (int i = 0; i < times.length; i++) {
                times[i] += 30_000;
            }
            System.arraycopy(values, 1, values, 0, values.length - 1);
            chart.refresh();
        });
        assertEquals(first + 2, Fx.get(chart::pictures), "a shifted series was not drawn");
    }
}
