package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainSummary;
import org.vireo.model.HostSnapshot;
import org.vireo.support.Lab;

/**
 * A freshly started daemon lists at once: the first bulk call with cpu-total makes libvirtd
 * probe every QEMU binary it has no cached capabilities for (seconds under TCG), and the
 * first listing must not wait for it. The test restarts the lab's libvirtd with the cached
 * capabilities of qemu-system-i386 removed, so the probe happens, and checks that the
 * guests were published while that probe had not finished yet (its cache file is written
 * when it ends), which the old order (the full call first) can never do.
 */
@Tag("lab")
class FirstListingLabTest {
    private static final String PROBED = "/usr/bin/qemu-system-i386";
    private HostSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.stop();
        }
    }

    @Test
    void listsBeforeTheDaemonFinishesProbingQemu() throws Exception {
        assertTrue(Files.isExecutable(Path.of(PROBED)), PROBED + " is part of Debian's qemu-system-x86, which the lab needs");
        Lab.script("kill-daemon");
        for (Path f : cacheFiles()) {
            if (Files.readString(f).contains("<emulator>" + PROBED + "</emulator>")) {
                Files.delete(f);
            }
        }
        Lab.script("start-daemon");
        assertFalse(probed(), "the capabilities of " + PROBED + " are cached before any call");

        CompletableFuture<Boolean> probedWhenListed = new CompletableFuture<>();
        CompletableFuture<List<DomainSummary>> listed = new CompletableFuture<>();
        // polls far apart: only the connect's own calls run in this test
        session = new HostSession(Lab.uri(), HostOptions.defaults().withPollInterval(Duration.ofMinutes(10)), s -> {
            if (s.state() == ConnectionState.CONNECTED && !s.domains().isEmpty() && !listed.isDone()) {
                probedWhenListed.complete(probed());
                listed.complete(s.domains());
            }
        });
        session.start();
        List<DomainSummary> domains = listed.get(60, TimeUnit.SECONDS);
        assertEquals(3, domains.size(), "lab-alpha, lab-beta and lab-gamma listed");
        assertTrue(domains.stream().anyMatch(d -> d.name().equals(Lab.ALPHA) && d.status().state().isActive()));
        // the full refresh after the listing does make the daemon probe: the case this test is about
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!probed() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(probed(), "the full refresh made libvirtd probe " + PROBED);
        assertFalse(probedWhenListed.get(), "the guests were listed only after libvirtd's QEMU probe had finished");
    }

    private static boolean probed() {
        try {
            for (Path f : cacheFiles()) {
                if (Files.readString(f).contains("<emulator>" + PROBED + "</emulator>")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> cacheFiles() throws IOException {
        String dir = System.getenv("VIREO_LAB_DIR");
        if (dir == null) {
            throw new AssertionError("VIREO_LAB_DIR is set by src/scripts/test");
        }
        Path caps = Path.of(dir, "cache", "qemu", "capabilities");
        if (!Files.isDirectory(caps)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(caps)) {
            return files.filter(p -> p.toString().endsWith(".xml")).toList();
        }
    }
}
