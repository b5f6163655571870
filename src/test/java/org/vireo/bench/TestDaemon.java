package org.vireo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private libvirtd without guests (src/lab/testd.sh) that serves libvirt's test driver over
 * RPC: {@code test+unix:///ABS/host.xml?socket=...} opens the file inside the daemon, so a
 * Vireo process on that URI holds only the remote side (its RSS is Vireo's alone) and every
 * bulk call crosses the RPC as on a real host. test:///default there is one driver shared by
 * every connection, so changes made on one connection reach the others as events.
 */
final class TestDaemon implements AutoCloseable {
    private final Path dir;
    private final String socket;

    private TestDaemon(Path dir, String socket) {
        this.dir = dir;
        this.socket = socket;
    }

    static TestDaemon start(Path dir) throws IOException, InterruptedException {
        return new TestDaemon(dir, run("start", dir).strip());
    }

    /** The URI of a test-driver host file served by this daemon. */
    String uri(Path hostFile) {
        return "test+unix://" + hostFile.toAbsolutePath() + "?socket=" + socket;
    }

    /** The daemon's shared test:///default driver. */
    String defaultUri() {
        return "test+unix:///default?socket=" + socket;
    }

    /** The daemon's resident memory (MiB). */
    double rssMiB() throws IOException {
        String pid = java.nio.file.Files.readString(dir.resolve("daemon.pid")).strip();
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop", dir);
    }

    private static String run(String command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("src/lab/testd.sh", command, dir.toAbsolutePath().toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("src/lab/testd.sh " + command + " failed");
        }
        return out;
    }
}
