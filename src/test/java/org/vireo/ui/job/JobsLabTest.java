package org.vireo.ui.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainState;
import org.vireo.support.Await;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;
import org.vireo.support.TwoHostLab;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;

/**
 * A save runs as a job beside the host's worker: the host's figures keep ticking, a Force
 * off of another guest completes meanwhile, and Cancel aborts the save in libvirt. Real
 * QEMU guests on the two-host lab's hostA, checked with virsh.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class JobsLabTest {
    private static final String SAVED = "job-save";
    private static final String OTHER = "job-other";
    private MainViewModel model;
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        // ticks every 200 ms, so a 2 s save spans many of them
        model = new MainViewModel(HostOptions.defaults().withPollInterval(Duration.ofMillis(200)), uris -> { });
        scene = VireoApp.createScene(model, 1280, 860);
        window = (MainWindow) scene.getRoot();
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(TwoHostLab.uri("A")));
    }

    private static void guests(String... names) {
        for (String n : names) {
            TwoHostLab.removeEverywhere(n);
            TwoHostLab.guest("A", n, "start");
        }
        // a guest still in its firmware has almost nothing to save: wait for its kernel and initramfs
        for (String n : names) {
            TwoHostLab.awaitBooted("A", n);
        }
    }

    private boolean throttledUntilEnd;

    @AfterEach
    void stop() throws Exception {
        if (throttledUntilEnd) {
            TwoHostLab.throttleWrites("A", 0);
        }
        Fx.run(model::stopAll);
        TwoHostLab.removeEverywhere(SAVED);
        TwoHostLab.removeEverywhere(OTHER);
        Files.deleteIfExists(saveFile());
    }

    private static Path saveFile() {
        return Path.of(TwoHostLab.get("TWOHOST_DIR"), "A", "images", SAVED + ".save");
    }

    private HostViewModel hostA() {
        return model.find(TwoHostLab.uri("A")).orElseThrow();
    }

    private DomainRowViewModel row(String name) {
        return hostA().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElse(null);
    }

    /**
     * Starts a save of {@link #SAVED} that lasts: the lab's disk is fast and the guest small,
     * so hostA's direct writes are held to 8 MB/s and the save bypasses the cache (~12 s).
     */
    private Job startLongSave(DomainRowViewModel saved) {
        TwoHostLab.throttleWrites("A", 8L << 20);
        throttledUntilEnd = true;
        hostA().domainService().save(saved.uuid(), saveFile().toString(), Set.of(org.vireo.model.DomainFlags.Save.BYPASS_CACHE));
        Job job = model.jobs().jobs().running().getFirst();
        Await.until(Duration.ofSeconds(20), "data written", () -> job.stats().dataProcessed() > (4L << 20) || job.state().finished());
        assertTrue(!job.state().finished(), "the save still runs: " + job.state() + " " + job.error() + " " + job.stats());
        return job;
    }

    @Test
    void duringASaveTheHostKeepsTickingAndAForceOffOfAnotherGuestCompletes() throws Exception {
        guests(SAVED, OTHER);
        Fx.await(Duration.ofSeconds(30), "both guests running in Vireo", () -> row(SAVED) != null && row(OTHER) != null
            && row(SAVED).getState() == DomainState.RUNNING && row(OTHER).getState() == DomainState.RUNNING);
        DomainRowViewModel saved = Fx.get(() -> row(SAVED));
        DomainRowViewModel other = Fx.get(() -> row(OTHER));
        long base0 = Fx.get(() -> hostA().tickProperty().get());
        long b0 = System.nanoTime();
        Await.until(Duration.ofSeconds(5), "2 s of ticks before the save", () -> System.nanoTime() - b0 > 2_000_000_000L);
        long baseline = Fx.get(() -> hostA().tickProperty().get()) - base0;
        Job job = startLongSave(saved);
        // the host's ticks while the save writes
        long ticksBefore = Fx.get(() -> hostA().tickProperty().get());
        long t0 = System.nanoTime();
        Await.until(Duration.ofSeconds(10), "3 s of the save", () -> System.nanoTime() - t0 > 3_000_000_000L || job.state().finished());
        long ticks = Fx.get(() -> hostA().tickProperty().get()) - ticksBefore;
        // then a Force off of another guest, while the save still writes (it used to queue behind it on the host's worker)
        long forcedOffAt = hostA().session().perform(other.uuid(), DomainAction.FORCE_OFF)
            .thenApply(v -> job.elapsedMillis()).get(30, TimeUnit.SECONDS);
        assertEquals("shut off", TwoHostLab.state("A", OTHER));
        assertTrue(!job.state().finished(), "the Force off completed while the save still ran");
        boolean stillSaving = !job.state().finished();
        long secondsWatched = 3000;
        Fx.run(() -> window.showJobs(true));
        Screenshots.save(scene, "jobs-save-running");
        job.done().handle((ok, err) -> null).get(60, TimeUnit.SECONDS);
        System.out.printf("[figure] save of %s (throttled to 8 MB/s): %d ms; Force off of %s done %d ms into it; "
            + "host ticks (200 ms poll) in %d ms of the save: %d, in 2 s before it: %d%n", SAVED, job.elapsedMillis(), OTHER,
            forcedOffAt, secondsWatched, ticks, baseline);
        assertTrue(stillSaving, "the save outlasted the watch");
        // a worker held by the save would not tick at all
        assertTrue(baseline >= 2, "the host ticks at all: " + baseline);
        // slower than before the save (libvirtd's own status writes share the throttled disk), but going:
        // a worker held by the save would tick once at most
        assertTrue(ticks >= 3, "the host's figures kept ticking: " + ticks + " in " + secondsWatched + " ms, "
            + baseline + " in 2 s before the save");
        assertEquals(JobState.SUCCEEDED, job.state(), job.error());
        assertEquals("shut off", TwoHostLab.state("A", SAVED), "saved: the guest stopped");
        assertTrue(Files.size(saveFile()) > 1_000_000, "the save image was written");
        Fx.await(Duration.ofSeconds(10), OTHER + " shut off in Vireo", () -> row(OTHER).getState() == DomainState.SHUTOFF);
    }

    @Test
    void aSaveCancelledMidWayLeavesTheGuestRunning(FxRobot robot) throws Exception {
        guests(SAVED);
        Fx.await(Duration.ofSeconds(30), SAVED + " running in Vireo", () -> row(SAVED) != null && row(SAVED).getState() == DomainState.RUNNING);
        DomainRowViewModel saved = Fx.get(() -> row(SAVED));
        Fx.run(() -> window.showJobs(true));
        Job job = startLongSave(saved);
        Fx.await(Duration.ofSeconds(5), "the job's row", () -> robot.lookup("#cancelJob-" + job.id()).tryQuery().isPresent());
        Fx.await(Duration.ofSeconds(5), "figures in the row", () -> model.jobs().rowOf(job).figuresProperty().get().contains("MiB"));
        // quitting now asks first; Cancel keeps Vireo (and the save) going
        CompletableFuture<Boolean> quit = new CompletableFuture<>();
        javafx.application.Platform.runLater(() -> quit.complete(VireoApp.mayQuit(scene.getWindow(), model)));
        Fx.await(Duration.ofSeconds(5), "the quit question", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        String question = Fx.get(() -> ((javafx.scene.control.DialogPane) robot.lookup("#confirmDialog").query()).getHeaderText());
        assertEquals("Quit with 1 job running?", question);
        robot.clickOn(Fx.get(() -> ((javafx.scene.control.DialogPane) robot.lookup("#confirmDialog").query())
            .lookupButton(javafx.scene.control.ButtonType.CANCEL)));
        assertEquals(Boolean.FALSE, quit.get(5, TimeUnit.SECONDS));
        assertTrue(!job.state().finished(), "the save goes on");
        long written = job.stats().dataProcessed();
        robot.clickOn("#cancelJob-" + job.id());
        job.done().handle((ok, err) -> null).get(60, TimeUnit.SECONDS);
        Screenshots.save(scene, "jobs-save-cancelled");
        System.out.printf("[figure] save cancel -> job aborted: %d ms (save ran %d ms, %s written)%n", job.cancelMillis(),
            job.elapsedMillis(), org.vireo.ui.Formats.bytes(written));
        assertEquals(JobState.CANCELLED, job.state(), "the save ended before the cancel: " + job.note());
        assertEquals("running", TwoHostLab.state("A", SAVED));
        Fx.await(Duration.ofSeconds(5), "Cancelled in the panel",
            () -> model.jobs().rowOf(job).stateTextProperty().get().equals("Cancelled"));
    }
}
