package org.vireo.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.libvirt.DomainRef;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.model.ConnectionState;
import org.vireo.model.HostSnapshot;
import org.vireo.support.Await;
import org.vireo.support.TwoHostLab;

/** Vireo's SSH transport against the two-host lab's sshd + libvirtd (no UI). */
@Tag("lab")
class SshLabTest {
    @TempDir
    Path tmp;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private SshConnector connector(SshEnvironment env, SshPrompter prompter) {
        SshSessions sessions = new SshSessions(env, prompter);
        cleanup.add(sessions::closeAll);
        return new SshConnector(sessions);
    }

    private VirtConnection open(SshConnector c, String uri) throws VirtException {
        VirtConnection conn = c.open(uri);
        cleanup.add(conn);
        return conn;
    }

    private static List<String> names(VirtConnection c) throws VirtException {
        return c.listAllDomains().stream().map(DomainRef::name).sorted().toList();
    }

    @Test
    void bothHostsByKeyFileWithExactlyOneHandshakeEachFromConnectThroughListing() throws Exception {
        SshConnector c = connector(TwoHostLab.sshHome(tmp, null, ""), SshPrompter.NONE);
        for (String h : List.of("A", "B")) {
            int before = TwoHostLab.handshakes(h);
            List<HostSnapshot> seen = new CopyOnWriteArrayList<>();
            HostSession s = new HostSession("qemu+ssh://lab" + h + "/system", HostOptions.defaults(), c, seen::add);
            cleanup.add(s::stop);
            long t0 = System.nanoTime();
            s.start();
            Await.until(Duration.ofSeconds(20), "lab" + h + " lists its domains",
                () -> s.current().state() == ConnectionState.CONNECTED && s.current().domains().size() == TwoHostLab.guests(h).size());
            System.out.printf("[figure] host%s: connect to domains listed via Vireo SSH in %d ms%n", h, (System.nanoTime() - t0) / 1_000_000);
            // a few more refreshes (stats polls) still ride the same session
            long polls = seen.size();
            Await.until(Duration.ofSeconds(5), "more refreshes", () -> seen.size() >= polls + 2);
            assertEquals(1, TwoHostLab.handshakes(h) - before, "SSH handshakes to host" + h + " (sshd log)");
            assertEquals(TwoHostLab.guests(h).stream().sorted().toList(),
                s.current().domains().stream().map(d -> d.name()).sorted().toList());
        }
        assertEquals(2, c.sessions().handshakes());
    }

    /** test+ssh opens the test driver on the host (not qemu); socket= and keyfile= of the URI are honoured. */
    @Test
    void theUrisDriverSocketAndKeyfileAreHonoured() throws Exception {
        SshConnector c = connector(TwoHostLab.sshHome(tmp, null, ""), SshPrompter.NONE);
        assertEquals(List.of("test"), names(open(c, "test+ssh://labA/default")));
        assertEquals(TwoHostLab.guests("A"), names(open(c, "qemu+ssh://labA/system?socket=/var/run/libvirt/libvirt-sock")));
        VirtException wrongSocket = assertThrows(VirtException.class, () -> c.open("qemu+ssh://labA/system?socket=/var/run/libvirt/nothing-sock"));
        assertTrue(wrongSocket.getMessage().contains("/var/run/libvirt/nothing-sock"), wrongSocket.getMessage());
        // no key in the SSH dir and no config for the bare address: only keyfile= gets in
        assertEquals(TwoHostLab.guests("B"), names(open(c, "qemu+ssh://root@" + TwoHostLab.ip("B") + "/system?keyfile=" + TwoHostLab.key())));
        VirtException refused = assertThrows(VirtException.class, () -> c.open("qemu+ssh://labA/system?no_verify=1"));
        assertTrue(refused.getMessage().contains("no_verify= is not taken"), refused.getMessage());
    }

    /** hostA's sshd on port 2222 forbids stream-local forwarding: that is the reason given, not a missing socket. */
    @Test
    void anSshdThatForbidsSocketForwardingIsNamedAsTheCause() {
        String knownHosts = read(Path.of(TwoHostLab.get("TWOHOST_KNOWN_HOSTS"))) + "[" + TwoHostLab.ip("A") + "]:2222 "
            + TwoHostLab.hostKeyLine("A") + "\n";
        SshConnector c = connector(TwoHostLab.sshHome(tmp, knownHosts, ""), SshPrompter.NONE);
        VirtException e = assertThrows(VirtException.class, () -> c.open("qemu+ssh://labA:2222/system"));
        assertEquals(SshErrors.FORWARDING_REFUSED, e.codeName());
        assertTrue(e.getMessage().contains("AllowStreamLocalForwarding no"), e.getMessage());
        assertTrue(org.vireo.host.ConnectErrorsAccess.isPermanent(e), "an admin must change sshd_config: no retry loop");
    }

    private static String read(Path p) {
        return TwoHostLab.read(p);
    }

    @Test
    void agentKeysAreUsedWithoutAnyKeyFile() throws Exception {
        try (TwoHostLab.Agent agent = new TwoHostLab.Agent(tmp)) {
            // no IdentityFile anywhere, no keys in the ssh dir: only the agent holds the key
            SshEnvironment env = TwoHostLab.sshHome(tmp, null, "").withAgent(agent.socket);
            SshConnector c = connector(env, SshPrompter.NONE);
            String uri = "qemu+ssh://root@" + TwoHostLab.ip("B") + "/system";
            SshConfigResolver.Resolved r = c.sessions().resolver().resolve(SshTarget.parse(uri));
            assertTrue(r.identityFiles().isEmpty(), "no key files: " + r.identityFiles());
            assertEquals(TwoHostLab.guests("B"), names(open(c, uri)));
        }
    }

    @Test
    void withoutAgentOrKeyTheKeyOnlyHostRefusesWithAuthenticationFailed() {
        SshConnector c = connector(TwoHostLab.sshHome(tmp, null, ""), SshPrompter.NONE);
        VirtException e = assertThrows(VirtException.class, () -> c.open("qemu+ssh://root@" + TwoHostLab.ip("A") + "/system"));
        assertEquals(SshErrors.AUTH_FAILED, e.codeName());
        assertTrue(e.getMessage().startsWith("Authentication failed for root@" + TwoHostLab.ip("A")), e.getMessage());
    }

    @Test
    void encryptedKeyAsksForItsPassphrase() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        SshPrompter prompter = new Scripted() {
            @Override
            public Optional<char[]> passphrase(String destination, String keyFile, boolean retry) {
                asked.add(keyFile + (retry ? " retry" : ""));
                return Optional.of((retry ? TwoHostLab.get("TWOHOST_KEY_PASSPHRASE") : "wrong").toCharArray());
            }
        };
        SshEnvironment env = TwoHostLab.sshHome(tmp, null,
            "Host encA\n  HostName " + TwoHostLab.ip("A") + "\n  User root\n  IdentityFile " + TwoHostLab.get("TWOHOST_ENCRYPTED_KEY"));
        SshConnector c = connector(env, prompter);
        assertEquals(TwoHostLab.guests("A"), names(open(c, "qemu+ssh://encA/system")));
        assertEquals(2, asked.size(), asked.toString());
        assertTrue(asked.get(1).endsWith(" retry"), asked.toString());
    }

    @Test
    void passwordThroughThePrompterWrongThenRight() throws Exception {
        List<Boolean> retries = new CopyOnWriteArrayList<>();
        SshPrompter prompter = new Scripted() {
            @Override
            public Optional<char[]> password(String destination, boolean retry) {
                retries.add(retry);
                return Optional.of((retry ? TwoHostLab.get("TWOHOST_PASSWORD") : "not-the-password").toCharArray());
            }
        };
        SshConnector c = connector(TwoHostLab.sshHome(tmp, null, ""), prompter);
        String uri = "qemu+ssh://" + TwoHostLab.get("TWOHOST_PASSWORD_USER") + "@" + TwoHostLab.ip("B") + "/system";
        assertEquals(TwoHostLab.guests("B"), names(open(c, uri)));
        assertEquals(List.of(false, true), retries);
    }

    @Test
    void hashedKnownHostsEntriesAreHonoured() throws Exception {
        AtomicReference<HostKeyFacts> asked = new AtomicReference<>();
        SshPrompter prompter = new Scripted() {
            @Override
            public HostKeyDecision unknownHostKey(HostKeyFacts facts) {
                asked.set(facts);
                return HostKeyDecision.CANCEL;
            }
        };
        SshEnvironment env = TwoHostLab.sshHome(tmp, TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_KNOWN_HOSTS_HASHED"))), "");
        assertTrue(TwoHostLab.read(env.knownHosts()).startsWith("|1|"), "hashed entries");
        SshConnector c = connector(env, prompter);
        assertEquals(TwoHostLab.guests("A"), names(open(c, "qemu+ssh://labA/system")));
        assertEquals(null, asked.get(), "no host key question for a hashed known host");
    }

    @Test
    void unknownKeyCancelledRememberedAndChangedKeyRefused() throws Exception {
        List<HostKeyFacts> unknown = new CopyOnWriteArrayList<>();
        List<HostKeyFacts> changed = new CopyOnWriteArrayList<>();
        AtomicReference<SshPrompter.HostKeyDecision> decision = new AtomicReference<>(SshPrompter.HostKeyDecision.CANCEL);
        SshPrompter prompter = new Scripted() {
            @Override
            public HostKeyDecision unknownHostKey(HostKeyFacts facts) {
                unknown.add(facts);
                return decision.get();
            }

            @Override
            public void changedHostKey(HostKeyFacts facts) {
                changed.add(facts);
            }
        };
        SshEnvironment env = TwoHostLab.sshHome(tmp, "", "");
        SshConnector c = connector(env, prompter);
        VirtException e = assertThrows(VirtException.class, () -> c.open("qemu+ssh://labA/system"));
        assertEquals(SshErrors.HOSTKEY_UNKNOWN, e.codeName());
        assertEquals(1, unknown.size());
        assertEquals(TwoHostLab.hostKeyFingerprint("A"), unknown.getFirst().fingerprint());
        assertEquals("ssh-ed25519", unknown.getFirst().keyType());

        decision.set(SshPrompter.HostKeyDecision.ACCEPT_AND_REMEMBER);
        open(c, "qemu+ssh://labA/system").close();
        assertEquals(2, unknown.size());
        String known = TwoHostLab.read(env.knownHosts());
        assertTrue(known.contains(TwoHostLab.ip("A") + " " + TwoHostLab.hostKeyLine("A").split(" ")[0] + " "
            + TwoHostLab.hostKeyLine("A").split(" ")[1]), known);
        c.sessions().closeAll();
        assertEquals(TwoHostLab.guests("A"), names(open(c, "qemu+ssh://labA/system")));
        assertEquals(2, unknown.size(), "remembered: the next connect does not ask");

        // an impostor key under hostB's address in known_hosts: the real key now looks changed
        String impostor = TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_IMPOSTOR_KEY"))).split(" ")[1];
        java.nio.file.Files.writeString(env.knownHosts(), TwoHostLab.ip("B") + " ssh-ed25519 " + impostor + "\n");
        VirtException ch = assertThrows(VirtException.class, () -> c.open("qemu+ssh://labB/system"));
        assertEquals(SshErrors.HOSTKEY_CHANGED, ch.codeName());
        assertTrue(ch.getMessage().startsWith("Host key changed"), ch.getMessage());
        assertEquals(1, changed.size());
        assertEquals(TwoHostLab.hostKeyFingerprint("B"), changed.getFirst().fingerprint());
        assertEquals(2, unknown.size(), "a changed key is never offered for acceptance");
    }

    @Test
    void unreachableHostAndMissingSocketAreToldApart() {
        SshConnector c = connector(TwoHostLab.sshHome(tmp, null, ""), SshPrompter.NONE);
        VirtException down = assertThrows(VirtException.class, () -> c.open("qemu+ssh://labA:2/system"));
        assertEquals(SshErrors.UNREACHABLE, down.codeName());
        assertTrue(down.getMessage().startsWith("Host unreachable"), down.getMessage());
        // root has no session daemon on the lab hosts
        VirtException nosock = assertThrows(VirtException.class, () -> c.open("qemu+ssh://labA/session"));
        assertEquals(SshErrors.NO_LIBVIRT_SOCKET, nosock.codeName());
        assertTrue(nosock.getMessage().contains("/run/user/0/libvirt/libvirt-sock"), nosock.getMessage());
    }

    @Test
    void proxyJumpReachesHostBThroughHostA() throws Exception {
        int a0 = TwoHostLab.handshakes("A");
        int b0 = TwoHostLab.handshakes("B");
        SshEnvironment env = TwoHostLab.sshHome(tmp, null,
            "Host viaA\n  HostName " + TwoHostLab.ip("B") + "\n  User root\n  IdentityFile " + TwoHostLab.key() + "\n  ProxyJump labA");
        SshConnector c = connector(env, SshPrompter.NONE);
        assertEquals(TwoHostLab.guests("B"), names(open(c, "qemu+ssh://viaA/system")));
        assertEquals(1, TwoHostLab.handshakes("A") - a0);
        assertEquals(1, TwoHostLab.handshakes("B") - b0);
    }

    @Test
    void aCutLinkIsDetectedWithinTheKeepaliveWindowAndReconnectsByItself() throws Exception {
        SshEnvironment env = TwoHostLab.sshHome(tmp, null, "");
        SshConnector c = connector(env, SshPrompter.NONE);
        HostSession s = new HostSession("qemu+ssh://labB/system", HostOptions.defaults(), c, snap -> { });
        cleanup.add(s::stop);
        s.start();
        Await.until(Duration.ofSeconds(20), "labB listed", () -> s.current().state() == ConnectionState.CONNECTED && !s.current().domains().isEmpty());
        Duration window = env.keepAlive().multipliedBy(env.keepAliveCount() + 1);
        TwoHostLab.linkDown("B");
        try {
            long t0 = System.nanoTime();
            Await.until(window.plusSeconds(3), "labB disconnected", () -> s.current().state() == ConnectionState.DISCONNECTED);
            System.out.printf("[figure] cut link detected after %d ms (SSH keepalive window %d ms)%n",
                (System.nanoTime() - t0) / 1_000_000, window.toMillis());
            assertTrue(!s.current().error().isBlank());
        } finally {
            TwoHostLab.linkUp("B");
        }
        long t1 = System.nanoTime();
        Await.until(Duration.ofSeconds(40), "labB back", () -> s.current().state() == ConnectionState.CONNECTED && !s.current().domains().isEmpty());
        System.out.printf("[figure] link up -> reconnected and listed after %d ms%n", (System.nanoTime() - t1) / 1_000_000);
    }

    /** Cancels whatever a test does not script. */
    private static class Scripted extends SshPrompter.Declining {
    }
}
