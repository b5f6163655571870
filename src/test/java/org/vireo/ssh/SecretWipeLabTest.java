package org.vireo.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vireo.libvirt.VirtConnection;

/**
 * A password kept for reconnects lives in a char array that is wiped when the host is
 * removed or the app quits: a heap dump of this JVM (live objects, after a full GC) holds
 * the known lab password while it is kept, and not once it is wiped; the log (DEBUG, the
 * app's logback.xml) never has it. Surefire gives every test class its own JVM, and this
 * one never keeps the password in a String (it does not use TwoHostLab's facts cache).
 */
@Tag("lab")
class SecretWipeLabTest {
    @TempDir
    Path tmp;

    @Test
    void aKeptPasswordIsWipedWhenTheHostIsRemovedAndWhenTheAppQuitsAndNeverLogged() throws Exception {
        Path log = tmp.resolve("vireo.log");
        LoggerContext ctx = appLog(log);
        Facts f = facts();
        String uri = "qemu+ssh://" + f.value.get("TWOHOST_PASSWORD_USER") + "@" + f.value.get("TWOHOST_B_IP") + "/system";
        Path ssh = Files.createDirectories(tmp.resolve(".ssh"));
        Files.copy(Path.of(f.value.get("TWOHOST_KNOWN_HOSTS")), ssh.resolve("known_hosts"));
        SshEnvironment env = new SshEnvironment(ssh, ssh.resolve("config"), ssh.resolve("known_hosts"), Optional.empty(),
            Duration.ofSeconds(5), Duration.ofSeconds(2), 3);
        byte[] utf16 = utf16be(f.password);
        byte[] latin1 = latin1(f.password);
        SshSessions sessions = new SshSessions(env, new SshPrompter.Declining() {
            @Override
            public Optional<char[]> password(String destination, boolean retry) {
                return Optional.of(f.password.clone()); // the receiver wipes its copy
            }
        });
        SshConnector connector = new SshConnector(sessions);

        connectAndList(connector, uri);
        Arrays.fill(f.password, '\0'); // from here on, the only copy is the one kept for reconnects
        assertTrue(sessions.keepsPassword(uri), "kept for reconnects");
        Path kept = dump("kept");
        assertTrue(contains(kept, utf16), "the kept char[] is in the heap dump: the search can find the password");

        char[] held = keptArray(sessions);
        sessions.forget(uri, List.of());
        assertFalse(sessions.keepsPassword(uri));
        assertTrue(allZero(held), "the kept array itself is overwritten, not just dropped for the GC");
        Path removed = dump("removed");
        assertFalse(contains(removed, utf16), "host removed: no UTF-16 copy left in the heap");
        assertFalse(contains(removed, latin1), "host removed: no String (Latin-1) copy left in the heap");
        Files.delete(kept);
        Files.delete(removed);

        // again, then the app quits (closeAll)
        f.password = facts().password;
        connectAndList(connector, uri);
        Arrays.fill(f.password, '\0');
        assertTrue(sessions.keepsPassword(uri));
        held = keptArray(sessions);
        sessions.closeAll();
        assertTrue(allZero(held), "overwritten at quit");
        Path quit = dump("quit");
        assertFalse(contains(quit, utf16), "app quit: no UTF-16 copy left in the heap");
        assertFalse(contains(quit, latin1), "app quit: no String copy left in the heap");
        Files.delete(quit);

        ctx.stop();
        byte[] logged = Files.readAllBytes(log);
        assertTrue(new String(logged, StandardCharsets.UTF_8).contains("SSH session to " + f.value.get("TWOHOST_PASSWORD_USER")),
            "the log has the connects (it is the app's log, at DEBUG)");
        assertFalse(indexOf(logged, latin1) >= 0, "the log never has the password");
        assertFalse(indexOf(logged, utf16) >= 0);
    }

    /** The one char[] SshSessions keeps (its private map: the test must see the array itself to tell wiped from dropped). */
    @SuppressWarnings("unchecked")
    private static char[] keptArray(SshSessions sessions) throws Exception {
        java.lang.reflect.Field f = SshSessions.class.getDeclaredField("passwords");
        f.setAccessible(true);
        Map<String, char[]> m = (Map<String, char[]>) f.get(sessions);
        assertEquals(1, m.size());
        char[] a = m.values().iterator().next();
        assertFalse(allZero(a));
        return a;
    }

    private static boolean allZero(char[] a) {
        for (char c : a) {
            if (c != '\0') {
                return false;
            }
        }
        return true;
    }

    private static void connectAndList(SshConnector connector, String uri) throws Exception {
        try (VirtConnection c = connector.open(uri)) {
            assertFalse(c.listAllDomains().isEmpty());
        }
    }

    /** The app's logback.xml writing to {@code file}, everything from DEBUG up. */
    private static LoggerContext appLog(Path file) throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ctx.putProperty("vireo.log.file", file.toString());
        JoranConfigurator config = new JoranConfigurator();
        config.setContext(ctx);
        config.doConfigure(SecretWipeLabTest.class.getResource("/logback.xml"));
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
        return ctx;
    }

    /** The two-host lab's facts, the password as a char array only (the line's Strings are garbage by the first dump). */
    private static final class Facts {
        final Map<String, String> value = new HashMap<>();
        char[] password;
    }

    private static Facts facts() throws Exception {
        Facts f = new Facts();
        String file = System.getenv("VIREO_TWOHOST_FACTS");
        assertTrue(file != null && Files.isRegularFile(Path.of(file)), "needs the two-host lab (VIREO_TWOHOST_FACTS)");
        for (String line : Files.readAllLines(Path.of(file))) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            if (line.startsWith("TWOHOST_PASSWORD=")) {
                f.password = Arrays.copyOfRange(line.toCharArray(), eq + 1, line.length());
            } else if (!line.contains("PASSPHRASE")) {
                f.value.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertTrue(f.password != null && f.password.length >= 8, "a test password in the facts");
        return f;
    }

    private Path dump(String name) throws Exception {
        Path file = tmp.resolve(name + ".hprof");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
        System.out.printf("[figure] heap dump %s: %d MB%n", name, Files.size(file) >> 20);
        return file;
    }

    private static boolean contains(Path file, byte[] needle) throws Exception {
        return indexOf(Files.readAllBytes(file), needle) >= 0;
    }

    /** Needles are kept masked (XOR {@value #MASK}): the test's own search pattern must not be what the dump finds. */
    private static final int MASK = 0x5a;

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if ((byte) (hay[i + j] ^ MASK) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** How a char[] appears in an HPROF dump (big-endian UTF-16; masked). */
    private static byte[] utf16be(char[] s) {
        byte[] b = new byte[s.length * 2];
        for (int i = 0; i < s.length; i++) {
            b[2 * i] = (byte) ((s[i] >> 8) ^ MASK);
            b[2 * i + 1] = (byte) (s[i] ^ MASK);
        }
        return b;
    }

    /** How an ASCII String (compact, Latin-1) and UTF-8 bytes appear (masked). */
    private static byte[] latin1(char[] s) {
        byte[] b = new byte[s.length];
        for (int i = 0; i < s.length; i++) {
            b[i] = (byte) (s[i] ^ MASK);
        }
        return b;
    }
}
