package org.vireo.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vireo.ssh.SshEnvironment;

/**
 * The two-host lab (src/lab/twohost.sh): hostA and hostB with libvirtd + sshd in namespaces.
 * src/scripts/test starts it and exports VIREO_TWOHOST_FACTS (its KEY=VALUE facts file).
 */
public final class TwoHostLab {
    private static Map<String, String> facts;

    private TwoHostLab() {
    }

    public static synchronized Map<String, String> facts() {
        if (facts == null) {
            String file = System.getProperty("vireo.twohost.facts", System.getenv("VIREO_TWOHOST_FACTS"));
            if (file == null || file.isBlank() || !Files.isRegularFile(Path.of(file))) {
                throw new AssertionError("two-host lab tests need the lab: run src/scripts/test (it exports VIREO_TWOHOST_FACTS)");
            }
            Map<String, String> m = new HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        m.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            facts = m;
        }
        return facts;
    }

    public static String get(String key) {
        String v = facts().get(key);
        if (v == null) {
            throw new AssertionError("no " + key + " in the two-host lab facts");
        }
        return v;
    }

    /** host: "A" or "B". */
    public static String ip(String host) {
        return get("TWOHOST_" + host + "_IP");
    }

    public static String runningGuest(String host) {
        return get("TWOHOST_" + host + "_RUNNING");
    }

    public static List<String> guests(String host) {
        return List.of(get("TWOHOST_" + host + "_GUESTS").split(","));
    }

    public static Path key() {
        return Path.of(get("TWOHOST_KEY"));
    }

    /** The host's public host key line (type base64). */
    public static String hostKeyLine(String host) {
        return read(Path.of(get("TWOHOST_DIR"), host, "ssh", "ssh_host_ed25519_key.pub")).strip();
    }

    /** SHA256 fingerprint of the host's key as ssh-keygen prints it. */
    public static String hostKeyFingerprint(String host) {
        String out = run(List.of("ssh-keygen", "-lf", Path.of(get("TWOHOST_DIR"), host, "ssh", "ssh_host_ed25519_key.pub").toString()));
        return out.split("\\s+")[1];
    }

    /** TCP connections (= SSH handshakes) sshd of the host has accepted so far. */
    public static int handshakes(String host) {
        String log = read(Path.of(get("TWOHOST_" + host + "_SSHD_LOG")));
        int n = 0;
        for (String line : log.split("\n")) {
            if (line.contains("Connection from ")) {
                n++;
            }
        }
        return n;
    }

    /** The host's libvirt URI as this machine reaches it (its unix socket). */
    public static String uri(String host) {
        return get("TWOHOST_" + host + "_URI");
    }

    /** virsh against host A or B; fails on a non-zero exit. */
    public static String virsh(String host, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("virsh", "-q", "-c", uri(host)));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** The domain's state on the host as virsh says it, or "" when the host has no such domain. */
    public static String state(String host, String domain) {
        try {
            return virsh(host, "domstate", domain);
        } catch (AssertionError e) {
            return "";
        }
    }

    /** Defines a throwaway guest on the host (twohost.sh guest): "private" puts its disk in the host's own pool dir, "start" boots it. */
    public static void guest(String host, String name, String... options) {
        List<String> cmd = new java.util.ArrayList<>(List.of(get("TWOHOST_SCRIPT"), "guest", host, name));
        cmd.addAll(List.of(options));
        cmd.add(get("TWOHOST_DIR"));
        run(cmd);
    }

    /** Waits until the guest on host A or B has printed GUEST READY on its serial console (a booted guest has its memory filled). */
    public static void awaitBooted(String host, String guest) {
        Path log = Path.of(get("TWOHOST_DIR"), host, "log", guest + "-serial.log");
        long end = System.nanoTime() + 60_000_000_000L;
        while (!(Files.exists(log) && read(log).contains("GUEST READY"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError(guest + " on host" + host + " did not boot within 60 s (" + log + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Removes a throwaway guest from both hosts, whatever state it is in (for @AfterEach). */
    public static void removeEverywhere(String name) {
        for (String h : List.of("A", "B")) {
            try {
                virsh(h, "destroy", name);
            } catch (AssertionError ignored) {
                // not running there
            }
            try {
                virsh(h, "undefine", "--managed-save", "--snapshots-metadata", name);
            } catch (AssertionError ignored) {
                // not defined there
            }
        }
    }

    /** Limits the host's direct disk writes to {@code bytesPerSecond} (0 lifts the limit): saves with "bypass cache" slow down. */
    public static void throttleWrites(String host, long bytesPerSecond) {
        run(List.of(get("TWOHOST_SCRIPT"), "throttle-writes", host, Long.toString(bytesPerSecond), get("TWOHOST_DIR")));
    }

    public static void linkDown(String host) {
        run(List.of(get("TWOHOST_SCRIPT"), "link-down", host, get("TWOHOST_DIR")));
    }

    public static void linkUp(String host) {
        run(List.of(get("TWOHOST_SCRIPT"), "link-up", host, get("TWOHOST_DIR")));
    }

    /**
     * A private ~/.ssh for one test: config with aliases labA/labB (root, the lab key) plus
     * {@code extraConfig}; known_hosts as given (null: the lab's full known_hosts).
     */
    public static SshEnvironment sshHome(Path dir, String knownHosts, String extraConfig) {
        try {
            Path ssh = Files.createDirectories(dir.resolve(".ssh"));
            String config = extraConfig + "\n"
                + "Host labA\n  HostName " + ip("A") + "\n  User root\n  IdentityFile " + key() + "\n"
                + "Host labB\n  HostName " + ip("B") + "\n  User root\n  IdentityFile " + key() + "\n";
            Files.writeString(ssh.resolve("config"), config);
            Files.writeString(ssh.resolve("known_hosts"), knownHosts != null ? knownHosts : read(Path.of(get("TWOHOST_KNOWN_HOSTS"))));
            return new SshEnvironment(ssh, ssh.resolve("config"), ssh.resolve("known_hosts"), Optional.empty(),
                Duration.ofSeconds(5), Duration.ofSeconds(2), 3);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An ssh-agent (from openssh-client) holding the lab key; close() ends it. */
    public static final class Agent implements AutoCloseable {
        private final Process process;
        public final Path socket;

        public Agent(Path dir) {
            socket = dir.resolve("agent.sock");
            try {
                process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                long end = System.nanoTime() + 5_000_000_000L;
                while (!Files.exists(socket)) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("ssh-agent did not create " + socket);
                    }
                    Thread.sleep(20);
                }
                ProcessBuilder add = new ProcessBuilder("ssh-add", key().toString()).redirectErrorStream(true);
                add.environment().put("SSH_AUTH_SOCK", socket.toString());
                Process p = add.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new AssertionError("ssh-add failed: " + out);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String run(List<String> cmd) {
        return Lab.run(cmd);
    }
}
