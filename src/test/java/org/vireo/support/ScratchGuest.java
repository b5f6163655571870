package org.vireo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A throwaway copy of lab-gamma for a test that may break it: its own name, UUID, MAC, disk
 * (a fresh copy of the lab's data image) and serial log; defined shut off. Closing it destroys
 * and undefines it and deletes every file beside its disk that starts with its name (its
 * image, snapshot overlays, memory files).
 */
public final class ScratchGuest implements AutoCloseable {
    private final String name;
    private final Path disk;

    private ScratchGuest(String name, Path disk) {
        this.name = name;
        this.disk = disk;
    }

    /** A copy named {@code prefix-<random>}. */
    public static ScratchGuest define(String prefix) {
        return define(prefix, xml -> xml);
    }

    /** A copy whose domain XML {@code edit} changes further before it is defined. */
    public static ScratchGuest define(String prefix, UnaryOperator<String> edit) {
        String name = prefix + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String xml = Lab.virsh("dumpxml", "--inactive", Lab.GAMMA);
        String original = xml.replaceAll("(?s).*<source file='([^']+)'.*", "$1");
        Path disk = Path.of(original).resolveSibling(name + ".qcow2");
        try {
            // the lab's disk image: an ext4 filesystem the guest mounts (guest agent fs freeze, quiesced snapshots)
            Files.copy(CreateLab.ASSETS.resolve("data.qcow2"), disk);
            String mine = xml.replaceAll("<name>[^<]+</name>", "<name>" + name + "</name>")
                .replaceAll("<uuid>[^<]+</uuid>", "")
                .replaceAll("<mac address='[^']+'/>", "")
                .replace(original, disk.toString())
                .replace(Lab.GAMMA + "-serial.log", name + "-serial.log");
            Path file = Files.createTempFile("scratch", ".xml");
            Files.writeString(file, edit.apply(mine));
            Lab.virsh("define", file.toString());
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScratchGuest(name, disk);
    }

    public String name() {
        return name;
    }

    public Path disk() {
        return disk;
    }

    public String uuid() {
        return Lab.virsh("domuuid", name);
    }

    /** Starts it with virsh and waits until its guest has booted (its serial log says so). */
    public ScratchGuest startAndAwaitBoot(Duration limit) {
        int before = Lab.bootCount(name);
        Lab.virsh("start", name);
        long end = System.nanoTime() + limit.toNanos();
        while (Lab.bootCount(name) <= before) {
            if (System.nanoTime() > end) {
                throw new AssertionError(name + " did not boot within " + limit.toSeconds() + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        }
        return this;
    }

    @Override
    public void close() {
        try {
            Lab.virsh("destroy", name);
        } catch (AssertionError notRunning) {
            // shut off already
        }
        try {
            Lab.virsh("undefine", name, "--managed-save", "--snapshots-metadata");
        } catch (AssertionError gone) {
            // undefined by the test
        }
        try (var files = Files.newDirectoryStream(disk.getParent(), name + "*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            System.out.println("[cleanup] " + e);
        }
    }
}
