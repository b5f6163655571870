package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vireo.host.DomainService;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.job.Jobs;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainSummary;
import org.vireo.model.DomainXml;
import org.vireo.model.HostSnapshot;
import org.vireo.support.Await;
import org.vireo.support.Lab;
import org.vireo.support.ScratchGuest;

/**
 * The lab's libvirtd killed (kill -9) while Vireo lists, loads a domain's page, saves its
 * XML, takes snapshots and saves a guest. Every call returns (with libvirt's reason or
 * done), the host shows why it is down and when it tries next, comes back by itself when
 * the daemon returns, and nothing is half-made: the definition is one of those written,
 * whole; every snapshot libvirt lists is in the disk image and the other way round; a
 * guest is either still running or saved to a file that restores.
 */
@Tag("lab")
class DaemonKillFaultTest {
    /** Longest any single call may take while the daemon dies: a hung call would take for ever. */
    private static final Duration CALL_LIMIT = Duration.ofSeconds(10);
    private HostSession session;
    private DomainService service;
    private final List<HostSnapshot> seen = new CopyOnWriteArrayList<>();
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeEach
    void connect() {
        session = new HostSession(Lab.uri(), HostOptions.defaults().withPollInterval(Duration.ofMillis(500)), seen::add);
        service = new DomainService(session, new Jobs());
        session.start();
        awaitListed(Duration.ofSeconds(20));
    }

    @AfterEach
    void tidy() {
        try {
            daemonUp();
            cleanup.reversed().forEach(Runnable::run);
        } finally {
            session.stop();
        }
    }

    private void awaitListed(Duration limit) {
        Await.until(limit, "the lab host lists lab-alpha",
            () -> session.current().state() == ConnectionState.CONNECTED
                && session.current().domains().stream().anyMatch(d -> d.name().equals(Lab.ALPHA)));
    }

    private String uuid(String name) {
        return session.current().domains().stream().filter(d -> d.name().equals(name)).map(DomainSummary::uuid).findFirst().orElseThrow();
    }

    private static void daemonUp() {
        if (!Lab.daemonAnswers()) {
            Lab.script("start-daemon");
        }
    }

    /** Kills the daemon, checks the host says why and when it tries next, brings the daemon back, awaits the reconnect. */
    private void killAndRecover(Runnable whileDown) {
        Lab.script("kill-daemon");
        long t0 = System.nanoTime();
        try {
            Await.until(Duration.ofSeconds(15), "the host shows it is down",
                () -> session.current().state() == ConnectionState.DISCONNECTED && !session.current().error().isBlank());
            System.out.printf("[figure] killed daemon shown after %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, session.current().error());
            assertTrue(seen.stream().anyMatch(s -> s.state() == ConnectionState.DISCONNECTED && s.nextTryAtMillis() > 0),
                "the next try is announced");
            whileDown.run();
        } finally {
            Lab.script("start-daemon");
        }
        long t1 = System.nanoTime();
        awaitListed(Duration.ofSeconds(30));
        System.out.printf("[figure] reconnected by itself %d ms after the daemon returned%n", (System.nanoTime() - t1) / 1_000_000);
    }

    /** Runs {@code call} over and over on a thread until stopped, recording each outcome; no call may hang. */
    private static final class Hammer implements AutoCloseable {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<Long> millis = new CopyOnWriteArrayList<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread thread;
        volatile int done;

        Hammer(java.util.function.IntFunction<CompletableFuture<?>> call) {
            thread = Thread.ofPlatform().daemon().name("fault hammer").start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    long t0 = System.nanoTime();
                    try {
                        call.apply(i).get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                        done++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(String.valueOf(e.getCause().getMessage()));
                        // refused at once while the host is down: pace the retries, do not spin
                        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                    } catch (java.util.concurrent.TimeoutException e) {
                        failures.add("HUNG for " + CALL_LIMIT);
                    } catch (InterruptedException e) {
                        return;
                    }
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(CALL_LIMIT.toMillis() * 2);
        }

        void check(String what) {
            System.out.printf("[figure] %s: %d calls done, %d failed, longest %d ms%n", what, done, failures.size(),
                millis.stream().mapToLong(Long::longValue).max().orElse(0));
            assertTrue(failures.stream().noneMatch(f -> f.startsWith("HUNG")), what + ": a call hung: " + failures);
            assertTrue(failures.stream().allMatch(f -> f != null && !f.isBlank() && !f.equals("null")), what + ": each failure says why: " + failures);
            assertTrue(done > 0, what + ": calls were made");
        }
    }

    @Test
    void listingAndPageLoadsFailWithTheReasonAndTheHostComesBack() throws Exception {
        List<String> before = session.current().domains().stream().map(DomainSummary::name).sorted().toList();
        String alpha = uuid(Lab.ALPHA);
        try (Hammer list = new Hammer(i -> session.submit(c -> c.listAllDomains()));
             Hammer page = new Hammer(i -> i % 2 == 0 ? service.xml(alpha, 0) : service.snapshots(alpha))) {
            Await.until(Duration.ofSeconds(10), "calls running", () -> list.done > 5 && page.done > 5);
            killAndRecover(() -> Await.until(Duration.ofSeconds(10), "calls refused while down",
                () -> !list.failures.isEmpty() && !page.failures.isEmpty()));
            int after = list.done;
            Await.until(Duration.ofSeconds(10), "calls succeed again", () -> list.done > after + 5);
            list.close();
            page.close();
            list.check("listing");
            page.check("page loads");
            assertTrue(list.failures.stream().anyMatch(f -> f.startsWith("Not connected") || f.contains("end of file")
                || f.contains("Cannot write") || f.contains("closed")), list.failures.toString());
        }
        assertEquals(before, session.current().domains().stream().map(DomainSummary::name).sorted().toList());
    }

    @Test
    void anXmlSaveCutByTheKillLeavesOneWholeDefinition() throws Exception {
        String gamma = uuid(Lab.GAMMA);
        String original = service.xml(gamma, 2).get(10, TimeUnit.SECONDS);
        cleanup.add(() -> Lab.virsh("define", writeTemp(original).toString()));
        Set<String> written = new TreeSet<>();
        try (Hammer save = new Hammer(i -> {
            String v = "fault-" + i;
            written.add(v);
            return service.define(withDescription(original, v));
        })) {
            Await.until(Duration.ofSeconds(20), "definitions saved", () -> save.done > 3);
            killAndRecover(() -> Await.until(Duration.ofSeconds(10), "saves refused while down", () -> !save.failures.isEmpty()));
            save.close();
            save.check("XML saves");
        }
        String now = service.xml(gamma, 2).get(10, TimeUnit.SECONDS);
        assertEquals(java.util.Optional.empty(), DomainXml.definitionProblem(now), "whole and well-formed");
        String desc = now.replaceAll("(?s).*<description>(.*?)</description>.*", "$1");
        assertTrue(written.contains(desc), "the definition is one that was written: " + desc);
        // libvirt writes NAME.xml.new, then renames it: none may be left behind
        try (Stream<Path> files = Files.list(Path.of(System.getenv("VIREO_LAB_DIR"), "etc", "qemu"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".new")).toList());
        }
    }

    private List<String> snapshotFailures = List.of();

    @Test
    void snapshotsCutByTheKillLeaveNoOrphanUntold() throws Exception {
        String gamma = uuid(Lab.GAMMA);
        cleanup.add(() -> {
            for (String s : libvirtSnapshots()) {
                Lab.virsh("snapshot-delete", Lab.GAMMA, s);
            }
            for (String s : imageSnapshots()) {
                Lab.run("qemu-img", "snapshot", "-d", s, image(Lab.GAMMA));
            }
        });
        try (Hammer snap = new Hammer(i -> service.createSnapshot(gamma, new org.vireo.model.SnapshotPlan("fault-" + i, "",
            org.vireo.model.SnapshotPlan.Kind.INTERNAL, java.util.List.of(), false)))) {
            Await.until(Duration.ofSeconds(30), "snapshots taken", () -> snap.done > 2);
            killAndRecover(() -> Await.until(Duration.ofSeconds(10), "snapshots refused while down", () -> !snap.failures.isEmpty()));
            snap.close();
            snap.check("snapshots");
            snapshotFailures = snap.failures;
        }
        Set<String> meta = libvirtSnapshots();
        Set<String> disk = imageSnapshots();
        System.out.printf("[figure] after the kill: libvirt lists %d fault snapshots, the image holds %d%n", meta.size(), disk.size());
        assertFalse(meta.isEmpty());
        assertTrue(disk.containsAll(meta), "every snapshot libvirt lists is in the image: " + meta + " vs " + disk);
        // libvirt 9.0 writes the image's snapshot before its record: a kill in between leaves one in the image only.
        // libvirt cannot list or remove it, so Vireo must have told the user, naming it, when that call failed.
        for (String orphan : disk.stream().filter(n -> !meta.contains(n)).toList()) {
            System.out.printf("[figure] snapshot %s left in the image only (libvirt's order of writes)%n", orphan);
            assertTrue(snapshotFailures.stream().anyMatch(f -> f.contains("snapshot \"" + orphan + "\": it may be left in")),
                orphan + " is in the image only, and no failure named it: " + snapshotFailures);
        }
    }

    @Test
    void aSaveCutByTheKillLeavesTheGuestRunningOrSavedWhole() throws Exception {
        String beta = uuid(Lab.BETA);
        Path dir = Files.createDirectories(Path.of(System.getenv("VIREO_LAB_DIR"), "fault-saves"));
        Path file = dir.resolve("lab-beta.sav");
        Files.deleteIfExists(file);
        cleanup.add(() -> {
            if (!Lab.state(Lab.BETA).equals("running")) {
                Lab.virsh("start", Lab.BETA);
            }
            file.toFile().delete();
        });
        CompletableFuture<Void> save = service.save(beta, file.toString(), Set.of());
        // under way, or (on a loaded machine) already done before the first look: then the kill finds it saved
        Await.until(Duration.ofSeconds(10), "the save is under way", () -> {
            try {
                return Lab.virsh("domjobinfo", Lab.BETA).contains("Unbounded") || save.isDone();
            } catch (AssertionError notRunning) {
                return !Lab.state(Lab.BETA).equals("running");
            }
        });
        killAndRecover(() -> { });
        Throwable outcome = save.handle((ok, err) -> err).get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        System.out.printf("[figure] save cut by the kill: %s; guest %s; file %s%n", outcome == null ? "done" : outcome.getMessage(),
            Lab.state(Lab.BETA), Files.exists(file) ? Files.size(file) + " bytes" : "none");
        assertTrue(outcome == null || !String.valueOf(outcome.getMessage()).isBlank(), "a failed save says why");
        String state = Lab.state(Lab.BETA);
        if (state.equals("running") && Files.exists(file)) {
            // libvirt removes a failed save's file itself, unless it died: the user must hear of the leftover
            assertTrue(outcome != null && outcome.getMessage().contains(file + " on the host is left over"),
                "a stale save file is named: " + outcome);
        }
        if (!state.equals("running")) {
            // saved (the daemon died after QEMU wrote it out): the file must bring the guest back
            assertTrue(Files.exists(file), "guest " + state + " and no save file: lost");
            Lab.virsh("restore", file.toString());
            assertEquals("running", Lab.state(Lab.BETA), "restored from the save");
        }
    }

    /** Waits, polling every millisecond, until libvirt has opened {@code file}: the job's writing has begun. */
    private static void awaitFile(Path file) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(file + " was not written within 20 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }

    private ScratchGuest runningScratch(String prefix) {
        ScratchGuest guest = ScratchGuest.define(prefix);
        cleanup.add(guest::close);
        guest.startAndAwaitBoot(Duration.ofSeconds(120));
        Await.until(Duration.ofSeconds(20), "the host lists " + guest.name(),
            () -> session.current().domains().stream().anyMatch(d -> d.name().equals(guest.name())));
        return guest;
    }

    private static boolean hasManagedSave(String guest) {
        return Lab.virsh("dominfo", guest).matches("(?s).*Managed save:\\s+yes.*");
    }

    @Test
    void aManagedSaveCutByTheKillLeavesNoStaleImageOnARunningGuest() throws Exception {
        ScratchGuest guest = runningScratch("fault-msave");
        String name = guest.name();
        Path image = Path.of(System.getenv("VIREO_LAB_DIR"), "lib", "qemu", "save", name + ".save");
        CompletableFuture<Void> save = service.managedSave(uuid(name), Set.of());
        awaitFile(image);
        killAndRecover(() -> { });
        Throwable outcome = save.handle((ok, err) -> err).get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        String state = Lab.state(name);
        System.out.printf("[figure] managed save cut by the kill: %s; guest %s; image %s%n",
            outcome == null ? "done" : outcome.getMessage(), state, Files.exists(image) ? Files.size(image) + " bytes" : "none");
        if (state.equals("running")) {
            // libvirt 9.0, restarted, resumes the guest and keeps the unfinished image: its next start would
            // restore that old memory over newer disks. Vireo says so and removes the image once the host is back.
            assertTrue(outcome != null && outcome.getMessage().contains("the unfinished save image is removed"),
                "the failure says what happens to the image: " + outcome);
            long t0 = System.nanoTime();
            Await.until(Duration.ofSeconds(20), "the unfinished managed-save image removed", () -> !hasManagedSave(name));
            System.out.printf("[figure] unfinished managed-save image gone %d ms after the host listed again (the owed removal runs at the reconnect)%n", (System.nanoTime() - t0) / 1_000_000);
            assertFalse(Files.exists(image), image + " is left");
            assertEquals("running", Lab.state(name), "the guest runs on");
        } else {
            // the daemon died after QEMU wrote the image out: it must bring the guest back
            assertEquals("shut off", state);
            assertTrue(hasManagedSave(name), "shut off and no managed-save image: lost");
            Lab.virsh("start", name);
            assertEquals("running", Lab.state(name), "restored from the managed save");
        }
    }

    @Test
    void aMemorySnapshotCutByTheKillNamesEveryFileItLeft() throws Exception {
        ScratchGuest guest = runningScratch("fault-msnap");
        String name = guest.name();
        Path memory = guest.disk().resolveSibling(name + "-cut.mem");
        Path overlay = guest.disk().resolveSibling(name + "-cut.qcow2");
        CompletableFuture<String> snap = service.createSnapshot(uuid(name), new org.vireo.model.SnapshotPlan("cut", "",
            org.vireo.model.SnapshotPlan.Kind.EXTERNAL_MEMORY, List.of("vda"), false));
        awaitFile(memory);
        killAndRecover(() -> { });
        Throwable outcome = snap.handle((ok, err) -> err).get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        boolean listed = Lab.virsh("snapshot-list", "--name", name).lines().anyMatch(l -> l.strip().equals("cut"));
        String disk = Lab.virsh("domblklist", name);
        System.out.printf("[figure] memory snapshot cut by the kill: %s; listed %s; memory file %s; overlay %s%n",
            outcome == null ? "done" : outcome.getMessage(), listed, Files.exists(memory), Files.exists(overlay));
        assertEquals("running", Lab.state(name), "the guest runs on");
        if (listed) {
            // whole: the guest writes to the overlay, the memory file holds the snapshot's memory
            assertTrue(disk.contains(overlay.toString()) && Files.exists(memory), disk);
        } else {
            // not made: the guest still writes to its own disk, and every file left behind was named to the user
            assertTrue(disk.contains(guest.disk().toString()) && !disk.contains(overlay.toString()), disk);
            assertTrue(outcome != null, "the snapshot is not listed, yet its job succeeded");
            for (Path left : List.of(memory, overlay)) {
                if (Files.exists(left)) {
                    assertTrue(outcome.getMessage().contains(left.toString()), left + " is left and not named: " + outcome.getMessage());
                }
            }
        }
    }

    private static String withDescription(String xml, String text) {
        String clean = xml.replaceAll("(?s)\\s*<description>.*?</description>", "");
        return clean.replaceFirst("</name>", "</name>\n  <description>" + text + "</description>");
    }

    private static Path writeTemp(String xml) {
        try {
            Path p = Files.createTempFile("gamma", ".xml");
            Files.writeString(p, xml);
            return p;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> libvirtSnapshots() {
        Set<String> out = new TreeSet<>();
        for (String line : Lab.virsh("snapshot-list", "--name", Lab.GAMMA).split("\n")) {
            if (line.strip().startsWith("fault-")) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private static String image(String guest) {
        return Path.of(System.getenv("VIREO_LAB_DIR"), "images", guest + ".qcow2").toString();
    }

    private static Set<String> imageSnapshots() {
        Set<String> out = new TreeSet<>();
        for (String line : Lab.run("qemu-img", "snapshot", "-l", "-U", image(Lab.GAMMA)).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 1 && f[1].startsWith("fault-")) {
                out.add(f[1]);
            }
        }
        return out;
    }
}
