package org.vireo.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.libvirt.DomainRef;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.support.TwoHostLab;

/**
 * ~/.ssh/config's host-key and authentication options, against the two-host lab's sshd:
 * UserKnownHostsFile, GlobalKnownHostsFile, HashKnownHosts, StrictHostKeyChecking,
 * IdentitiesOnly, ProxyCommand. Each test writes its own config (TwoHostLab.sshHome).
 */
@Tag("lab")
class SshConfigLabTest {
    @TempDir
    Path tmp;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    /** Host-key questions the user was asked. */
    private final List<HostKeyFacts> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private SshConnector connector(SshEnvironment env, SshPrompter.HostKeyDecision answer) {
        SshSessions sessions = new SshSessions(env, new SshPrompter.Declining() {
            @Override
            public HostKeyDecision unknownHostKey(HostKeyFacts facts) {
                asked.add(facts);
                return answer;
            }
        });
        cleanup.add(sessions::closeAll);
        return new SshConnector(sessions);
    }

    private List<String> names(SshConnector c, String uri) throws VirtException {
        try (VirtConnection conn = c.open(uri)) {
            return conn.listAllDomains().stream().map(DomainRef::name).sorted().toList();
        }
    }

    private static String hostBlock(String alias, String host, String extra) {
        return "Host " + alias + "\n  HostName " + TwoHostLab.ip(host) + "\n  User root\n  IdentityFile " + TwoHostLab.key() + "\n" + extra;
    }

    private static String knownHosts() {
        return TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_KNOWN_HOSTS")));
    }

    /** Keys known only in the files the config names are known; a remembered key goes to its first file, not ~/.ssh/known_hosts. */
    @Test
    void userKnownHostsFilesAreReadAndTheFirstIsWritten() throws Exception {
        Path empty = Files.writeString(tmp.resolve("kh-empty"), "");
        Path full = Files.writeString(tmp.resolve("kh-full"), knownHosts());
        Path fresh = tmp.resolve("kh-fresh");
        SshEnvironment env = TwoHostLab.sshHome(tmp, "", hostBlock("cfgA", "A", "  UserKnownHostsFile " + empty + " " + full + "\n")
            + hostBlock("cfgB", "B", "  UserKnownHostsFile " + fresh + "\n"));
        SshConnector c = connector(env, SshPrompter.HostKeyDecision.ACCEPT_AND_REMEMBER);
        assertEquals(TwoHostLab.guests("A"), names(c, "qemu+ssh://cfgA/system"));
        assertTrue(asked.isEmpty(), "hostA's key is in the second UserKnownHostsFile: no question");

        assertEquals(TwoHostLab.guests("B"), names(c, "qemu+ssh://cfgB/system"));
        assertEquals(1, asked.size(), "hostB's key is in none of its files: asked once");
        assertTrue(TwoHostLab.read(fresh).contains(TwoHostLab.hostKeyLine("B").split(" ")[1]), "remembered in " + fresh);
        assertEquals("", TwoHostLab.read(env.knownHosts()), "~/.ssh/known_hosts untouched");
        assertEquals(asked.getFirst().knownHostsFile(), fresh.toString(), "the question names the file the key goes to");
    }

    @Test
    void globalKnownHostsFileIsRead() throws Exception {
        Path global = Files.writeString(tmp.resolve("ssh_known_hosts"), knownHosts());
        SshEnvironment env = TwoHostLab.sshHome(tmp, "", hostBlock("cfgA", "A", "  GlobalKnownHostsFile " + global + "\n"));
        SshConnector c = connector(env, SshPrompter.HostKeyDecision.CANCEL);
        assertEquals(TwoHostLab.guests("A"), names(c, "qemu+ssh://cfgA/system"));
        assertTrue(asked.isEmpty(), "known from the global file");
        // without the global file the same host is unknown: the test above could not pass by accident
        SshConnector plain = connector(TwoHostLab.sshHome(tmp.resolve("plain"), "", ""), SshPrompter.HostKeyDecision.CANCEL);
        assertThrows(VirtException.class, () -> plain.open("qemu+ssh://labA/system"));
        assertEquals(1, asked.size());
    }

    @Test
    void strictHostKeyCheckingYesRefusesAnUnknownKeyWithoutAsking() {
        SshEnvironment env = TwoHostLab.sshHome(tmp, "", hostBlock("cfgA", "A", "  StrictHostKeyChecking yes\n"));
        SshConnector c = connector(env, SshPrompter.HostKeyDecision.ACCEPT_AND_REMEMBER);
        VirtException e = assertThrows(VirtException.class, () -> c.open("qemu+ssh://cfgA/system"));
        assertEquals(SshErrors.HOSTKEY_UNKNOWN, e.codeName());
        assertTrue(e.getMessage().contains("StrictHostKeyChecking yes"), e.getMessage());
        assertTrue(asked.isEmpty(), "not asked");
        assertEquals("", TwoHostLab.read(env.knownHosts()), "nothing remembered");
    }

    @Test
    void strictHostKeyCheckingAcceptNewRemembersWithoutAskingButRefusesAChangedKey() throws Exception {
        SshEnvironment env = TwoHostLab.sshHome(tmp, "", hostBlock("cfgA", "A", "  StrictHostKeyChecking accept-new\n")
            + hostBlock("cfgB", "B", "  StrictHostKeyChecking accept-new\n"));
        SshConnector c = connector(env, SshPrompter.HostKeyDecision.CANCEL);
        assertEquals(TwoHostLab.guests("A"), names(c, "qemu+ssh://cfgA/system"));
        assertTrue(asked.isEmpty(), "not asked");
        assertTrue(TwoHostLab.read(env.knownHosts()).contains(TwoHostLab.hostKeyLine("A").split(" ")[1]), "remembered");
        String impostor = TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_IMPOSTOR_KEY"))).split(" ")[1];
        Files.writeString(env.knownHosts(), TwoHostLab.ip("B") + " ssh-ed25519 " + impostor + "\n", java.nio.file.StandardOpenOption.APPEND);
        VirtException e = assertThrows(VirtException.class, () -> c.open("qemu+ssh://cfgB/system"));
        assertEquals(SshErrors.HOSTKEY_CHANGED, e.codeName(), "accept-new takes new keys, never changed ones");
    }

    /** HashKnownHosts yes: the remembered line has no host name in clear, and both OpenSSH and Vireo find it. */
    @Test
    void hashKnownHostsWritesTheRememberedHostHashed() throws Exception {
        SshEnvironment env = TwoHostLab.sshHome(tmp, "", hostBlock("cfgA", "A", "  HashKnownHosts yes\n"));
        SshConnector c = connector(env, SshPrompter.HostKeyDecision.ACCEPT_AND_REMEMBER);
        assertEquals(TwoHostLab.guests("A"), names(c, "qemu+ssh://cfgA/system"));
        String known = TwoHostLab.read(env.knownHosts());
        assertTrue(known.startsWith("|1|"), known);
        assertFalse(known.contains(TwoHostLab.ip("A")), "no address in clear: " + known);
        Process p = new ProcessBuilder("ssh-keygen", "-F", TwoHostLab.ip("A"), "-f", env.knownHosts().toString())
            .redirectErrorStream(true).start();
        String found = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "ssh-keygen -F finds the hashed entry: " + found);
        c.sessions().closeAll();
        assertEquals(TwoHostLab.guests("A"), names(c, "qemu+ssh://cfgA/system"));
        assertEquals(1, asked.size(), "the hashed entry is honoured: asked only the first time");
    }

    /** The agent holds the lab key; IdentitiesOnly yes with no IdentityFile leaves nothing to offer. */
    @Test
    void identitiesOnlyIgnoresTheAgentsKeys() throws Exception {
        try (TwoHostLab.Agent agent = new TwoHostLab.Agent(tmp)) {
            String bare = "  HostName " + TwoHostLab.ip("B") + "\n  User root\n";
            SshEnvironment env = TwoHostLab.sshHome(tmp, null, "Host onlyB\n" + bare + "  IdentitiesOnly yes\n\nHost agentB\n" + bare)
                .withAgent(agent.socket);
            SshConnector c = connector(env, SshPrompter.HostKeyDecision.CANCEL);
            assertEquals(TwoHostLab.guests("B"), names(c, "qemu+ssh://agentB/system"), "the agent's key gets in");
            VirtException e = assertThrows(VirtException.class, () -> c.open("qemu+ssh://onlyB/system"));
            assertEquals(SshErrors.AUTH_FAILED, e.codeName(), e.getMessage());
        }
    }

    /** ProxyCommand: OpenSSH's own client carries the stream to hostB through hostA (ssh -W). */
    @Test
    void proxyCommandCarriesTheLinkAndAFailingOneIsNamed() throws Exception {
        int a0 = TwoHostLab.handshakes("A");
        int b0 = TwoHostLab.handshakes("B");
        String ssh = "ssh -F /dev/null -i " + TwoHostLab.key() + " -o UserKnownHostsFile=" + TwoHostLab.get("TWOHOST_KNOWN_HOSTS")
            + " -o StrictHostKeyChecking=yes -o BatchMode=yes";
        SshEnvironment env = TwoHostLab.sshHome(tmp, null,
            hostBlock("cmdB", "B", "  ProxyCommand " + ssh + " -W %h:%p root@" + TwoHostLab.ip("A") + "\n")
            + hostBlock("brokenB", "B", "  ProxyCommand sh -c 'echo no route to the bastion >&2; exit 3'\n"));
        SshConnector c = connector(env, SshPrompter.HostKeyDecision.CANCEL);
        assertEquals(TwoHostLab.guests("B"), names(c, "qemu+ssh://cmdB/system"));
        assertEquals(1, TwoHostLab.handshakes("A") - a0, "through hostA");
        assertEquals(1, TwoHostLab.handshakes("B") - b0);
        VirtException e = assertThrows(VirtException.class, () -> c.open("qemu+ssh://brokenB/system"));
        assertEquals(SshErrors.UNREACHABLE, e.codeName());
        assertTrue(e.getMessage().contains("through ProxyCommand"), e.getMessage());
    }
}
