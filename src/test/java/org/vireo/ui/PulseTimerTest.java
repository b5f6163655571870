package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.support.DemoWindow;
import org.vireo.support.Fx;

/**
 * The pulse timer rests while nothing changes: JavaFX's GTK timer wakes the FX thread 60
 * times a second for ever; Vireo's stops between the host's once-a-second ticks.
 */
@ExtendWith(ApplicationExtension.class)
class PulseTimerTest {
    private DemoWindow window;

    @Start
    void start(Stage stage) {
        window = DemoWindow.show(stage);
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void theTimerStopsBetweenTicksAndPulsesStillCome() throws Exception {
        PausingPulseTimer timer = PausingPulseTimer.installed();
        assertNotNull(timer, "Vireo's pulse timer is in place of GTK's");
        Fx.await(Duration.ofSeconds(20), "the demo host listed", () -> window.model().hosts().stream()
            .anyMatch(h -> !h.domains().isEmpty()));
        long before = timer.fired();
        long t0 = System.nanoTime();
        Thread.sleep(3000); // a span of time is what is measured here: the timer's rate over it
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = (timer.fired() - before) / seconds;
        // GTK's timer: 60 a second; resting between the 1 s ticks, a few pulses' worth
        assertTrue(rate < 30, "the timer fired " + rate + " times a second while the window only ticked");
        // and the timer comes back at once when something moves: an animation gets its frames
        java.util.concurrent.atomic.AtomicInteger frames = new java.util.concurrent.atomic.AtomicInteger();
        javafx.animation.AnimationTimer animation = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.incrementAndGet();
            }
        };
        Fx.run(animation::start);
        try {
            long ms = Fx.timeUntil(Duration.ofSeconds(5), "30 animation frames", () -> frames.get() >= 30);
            assertTrue(ms < 2000, "30 frames took " + ms + " ms (60 a second expected)");
        } finally {
            Fx.run(animation::stop);
        }
    }
}
