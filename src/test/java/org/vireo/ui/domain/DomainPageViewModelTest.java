package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.model.VcpuPin;
import org.vireo.support.DemoPage;
import org.vireo.support.Fx;

/** The domain page's view model against the demo host (test driver): results belong to the page that asked. */
@ExtendWith(ApplicationExtension.class)
class DomainPageViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private DemoPage demo;
    private DomainPageViewModel page;

    @Start
    void start(Stage stage) {
        demo = DemoPage.start();
        page = demo.page();
    }

    @AfterEach
    void stop() {
        demo.stop();
    }

    /**
     * web-frontend has 2 vCPUs, db-primary 4. A tuning load for web-frontend still queued on the
     * host's worker when the user opens db-primary must not show its 2 vCPU rows on db-primary's
     * page (where Apply would then send them to db-primary).
     */
    @Test
    void aLoadForTheDomainLeftBehindNeverLandsOnTheNextOnesPage() throws Exception {
        demo.awaitListed();
        CountDownLatch release = new CountDownLatch(1);
        // holds the host's worker so both pages' loads queue behind it, in order
        demo.host().session().submit(c -> {
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        List<Integer> seenOnDbPrimary = new ArrayList<>();
        Fx.run(() -> {
            demo.select("web-frontend");
            page.load(DomainPageViewModel.TUNING);
            page.load(DomainPageViewModel.OVERVIEW);
            demo.select("db-primary");
            page.tuning().vcpuPins().addListener((ListChangeListener<VcpuPin>) ch -> seenOnDbPrimary.add(ch.getList().size()));
            page.overview().overviewProperty().addListener((o, was, now) -> {
                if (now != null) {
                    seenOnDbPrimary.add(-now.name().length());
                }
            });
            page.load(DomainPageViewModel.TUNING);
            page.load(DomainPageViewModel.OVERVIEW);
        });
        release.countDown();
        Fx.await(WAIT, "db-primary's vCPUs and overview", () -> page.tuning().vcpuPins().size() == 4 && page.overview().overviewProperty().get() != null);
        // every value that reached the page after the switch was db-primary's: 4 vCPU rows, its name
        assertTrue(seenOnDbPrimary.stream().allMatch(n -> n == 4 || n == -"db-primary".length()),
            "values that landed on db-primary's page: " + seenOnDbPrimary);
        assertEquals("db-primary", Fx.get(() -> page.overview().overviewProperty().get().name()));
    }
}
