package org.vireo.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshTargetTest {
    @TempDir
    Path tmp;

    @Test
    void parsesQemuSshUris() {
        SshTarget t = SshTarget.parse("qemu+ssh://admin@kvm1.example.org:2222/system");
        assertEquals(new SshTarget("kvm1.example.org", "admin", 2222, "/system"), t);
        assertEquals("qemu+ssh://admin@kvm1.example.org:2222/system", t.uri());
        assertEquals("/var/run/libvirt/libvirt-sock", t.remoteSocket("0"));
        SshTarget s = SshTarget.parse("qemu+ssh://alias/session");
        assertEquals("", s.user());
        assertEquals(0, s.port());
        assertEquals("/run/user/1000/libvirt/libvirt-sock", s.remoteSocket("1000"));
        assertTrue(SshTarget.handles("qemu+ssh://h/system"));
        assertFalse(SshTarget.handles("qemu:///system"));
        assertFalse(SshTarget.handles("qemu+tcp://h/system"));
    }

    @Test
    void theDriverAndTheUrisSocketAndKeyfileAreKeptAndOtherParametersRefused() {
        SshTarget lxc = SshTarget.parse("lxc+ssh://root@h/");
        assertEquals("lxc", lxc.driver());
        assertEquals("lxc+unix:///?socket=/tmp/s", lxc.localUri("/tmp/s"));
        assertEquals("lxc+ssh://root@h/", lxc.uri());
        SshTarget test = SshTarget.parse("test+ssh://h/default");
        assertEquals("test+unix:///default?socket=/tmp/s", test.localUri("/tmp/s"));
        SshTarget q = SshTarget.parse("qemu+ssh://h/system?socket=/run/libvirt/virtqemud-sock&keyfile=~/.ssh/lab_key");
        assertEquals("/run/libvirt/virtqemud-sock", q.remoteSocket("0"));
        assertEquals("~/.ssh/lab_key", q.keyfile());
        assertEquals("qemu+ssh://h/system?socket=/run/libvirt/virtqemud-sock&keyfile=~/.ssh/lab_key", q.uri());
        for (String bad : List.of("no_verify=1", "known_hosts=/tmp/kh", "netcat=/bin/nc", "command=ssh", "frobnicate=1")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SshTarget.parse("qemu+ssh://h/system?" + bad));
            assertTrue(e.getMessage().startsWith("URI parameter " + bad.substring(0, bad.indexOf('=')) + "= is not taken: "), e.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("qemu+ssh://h/system?socket=relative"));
    }

    @Test
    void sshConfigAliasesGiveHostUserPortKeysAndJump() throws Exception {
        Path config = tmp.resolve("config");
        Files.writeString(config, """
            Host kvm
              HostName 192.0.2.7
              User ops
              Port 2200
              IdentityFile ~/.ssh/kvm_key
              ProxyJump bastion
            Host *
              User nobody
            """);
        SshEnvironment env = new SshEnvironment(tmp, config, tmp.resolve("known_hosts"), Optional.empty(),
            Duration.ofSeconds(5), Duration.ofSeconds(2), 3);
        SshConfigResolver.Resolved r = new SshConfigResolver(env).resolve(SshTarget.parse("qemu+ssh://kvm/system"));
        assertEquals("192.0.2.7", r.hostName());
        assertEquals("ops", r.user());
        assertEquals(2200, r.port());
        assertEquals(List.of(Path.of(System.getProperty("user.home"), ".ssh", "kvm_key")), r.identityFiles());
        assertEquals("bastion", r.proxyJump());
        // the URI wins over the config
        SshConfigResolver.Resolved u = new SshConfigResolver(env).resolve(SshTarget.parse("qemu+ssh://root@kvm:22/system"));
        assertEquals("root", u.user());
        assertEquals(22, u.port());
    }

    @Test
    void fingerprintsAreOpenSshSha256() {
        byte[] blob = java.util.Base64.getDecoder().decode("AAAAC3NzaC1lZDI1NTE5AAAAIE4vF8yM8rG0dlGkLqNnHH+3EFSl6mYBv0uuT8Bd4XfJ");
        assertEquals("ssh-ed25519", HostKeyCheck.typeOf(blob));
        assertTrue(HostKeyCheck.fingerprint(blob).matches("SHA256:[A-Za-z0-9+/]{43}"));
    }
}
