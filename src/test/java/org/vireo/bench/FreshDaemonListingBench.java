package org.vireo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vireo.host.HostConnector;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.libvirt.VirtConnection;
import org.vireo.model.ConnectionState;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshPrompter;
import org.vireo.ssh.SshSessions;
import org.vireo.support.TwoHostLab;

/**
 * A Vireo host session over SSH to a freshly started daemon of the two-host lab (src/scripts/bench
 * --ssh runs it first, before anything else has called the daemons): the time from the
 * session being up (SSH session, tunnel and libvirt connection open) to the guests listed,
 * and to the first full refresh, which is when the guests were listed before the listing
 * went first (the full call's cpu-total group makes a fresh daemon probe QEMU).
 */
public final class FreshDaemonListingBench {
    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "A";
        String ip = TwoHostLab.ip(host);
        String uri = "qemu+ssh://root@" + ip + "/system";
        SshSessions sessions = new SshSessions(TwoHostLab.sshHome(Files.createTempDirectory("vireo-bench"), null,
            "Host " + ip + "\n  IdentityFile " + TwoHostLab.key()), SshPrompter.NONE);
        SshConnector ssh = new SshConnector(sessions);
        long t0 = System.nanoTime();
        CompletableFuture<Long> up = new CompletableFuture<>();
        CompletableFuture<Long> listed = new CompletableFuture<>();
        CompletableFuture<Long> full = new CompletableFuture<>();
        HostConnector timed = u -> {
            VirtConnection c = ssh.open(u);
            up.complete(System.nanoTime());
            return c;
        };
        HostSession session = new HostSession(uri, HostOptions.defaults().withPollInterval(Duration.ofMinutes(10)), timed, s -> {
            if (s.state() != ConnectionState.CONNECTED || s.domains().isEmpty()) {
                return;
            }
            if (!listed.isDone()) {
                listed.complete(System.nanoTime());
            } else if (!full.isDone()) {
                full.complete(System.nanoTime());
            }
        });
        session.start();
        try {
            long u = up.get(60, TimeUnit.SECONDS);
            long l = listed.get(60, TimeUnit.SECONDS);
            long f = full.get(60, TimeUnit.SECONDS);
            System.out.printf("fresh daemon, host%s over SSH: session up %.0f ms after start; listed %.0f ms after up;"
                + " first full refresh %.0f ms after up%n", host, (u - t0) / 1e6, (l - u) / 1e6, (f - u) / 1e6);
        } finally {
            session.stop();
            sessions.closeAll();
        }
    }

    private FreshDaemonListingBench() {
    }
}
