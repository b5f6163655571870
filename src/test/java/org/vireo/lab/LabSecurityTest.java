package org.vireo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vireo.support.TwoHostLab;

/**
 * The two-host lab runs libvirtd with an unauthenticated TCP listener for peer-to-peer migration:
 * only the other lab host may reach it (and QEMU's migration ports), not this machine's namespace.
 * Its files hold no copy of the machine's /etc/shadow and its directory is private.
 */
@Tag("lab")
class LabSecurityTest {
    private static void refused(String ip, int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ip, port), 3000);
            }
        }, ip + ":" + port + " must refuse this namespace");
    }

    @Test
    void libvirtdsTcpListenerAndQemusMigrationPortsRefuseThisNamespace() {
        for (String h : List.of("A", "B")) {
            refused(TwoHostLab.ip(h), 16509);
            refused(TwoHostLab.ip(h), 49152);
        }
    }

    @Test
    void theOtherHostStillReachesIt() {
        // what peer-to-peer migration needs: hostA's libvirtd opens qemu+tcp to hostB
        String answer = run(List.of("ip", "netns", "exec", TwoHostLab.get("TWOHOST_A_NETNS"),
            "virsh", "-q", "-c", "qemu+tcp://" + TwoHostLab.ip("B") + "/system", "uri"));
        assertEquals("qemu+tcp://" + TwoHostLab.ip("B") + "/system", answer.strip(), "hostA reaches hostB's libvirtd over TCP");
    }

    @Test
    void noCopyOfTheMachinesShadowAndAPrivateDirectory() throws IOException {
        Path dir = Path.of(TwoHostLab.get("TWOHOST_DIR"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String h : List.of("A", "B")) {
            List<String> users = Files.readAllLines(dir.resolve(h).resolve("shadow")).stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
            assertEquals(List.of("root", TwoHostLab.get("TWOHOST_PASSWORD_USER")), users);
            assertTrue(Files.readString(dir.resolve(h).resolve("shadow")).startsWith("root:*:"), "root: keys only, no password hash");
        }
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new AssertionError(cmd + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
