package org.vireo.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;

/**
 * What the create-VM tests need beside the lab: a directory pool of their own in the lab dir
 * (transient, gone with the lab), the lab guest as install media (assets lab.iso and
 * disk.qcow2, built by lab.sh assets), unique guest names, and a check that a created guest
 * answers on its serial console.
 */
public final class CreateLab {
    public static final Path ASSETS = Path.of("/var/cache/vireo-lab/assets-v3");

    private CreateLab() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Creates (or finds) the transient pool {@code name} on DIR/name; returns its directory. */
    public static Path pool(String name) {
        Path dir = Path.of(System.getenv("VIREO_LAB_DIR"), name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        if (!Lab.virsh("pool-list", "--name").lines().map(String::strip).toList().contains(name)) {
            Lab.virsh("pool-create-as", name, "dir", "--target", dir.toString());
        }
        return dir;
    }

    /** Copies an asset into the pool's directory as {@code volume} and refreshes the pool; returns its path. */
    public static String copyIntoPool(String pool, String asset, String volume) {
        Path dir = pool(pool);
        try {
            Files.copy(ASSETS.resolve(asset), dir.resolve(volume), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Lab.virsh("pool-refresh", pool);
        return dir.resolve(volume).toString();
    }

    /** The names of the volumes in a pool. */
    public static java.util.List<String> volumes(String pool) {
        Lab.virsh("pool-refresh", pool);
        return Lab.virsh("vol-list", pool).lines().map(String::strip).filter(l -> !l.isEmpty())
            .map(l -> l.split("\\s+")[0]).toList();
    }

    public static boolean domainExists(String name) {
        return Lab.virsh("list", "--all", "--name").lines().map(String::strip).anyMatch(name::equals);
    }

    /** Removes a guest the tests made, with its volumes in {@code pool} that carry its name. */
    public static void remove(String name, String pool) {
        if (domainExists(name)) {
            try {
                Lab.virsh("destroy", name);
            } catch (AssertionError e) {
                // not running
            }
            Lab.virsh("undefine", name, "--nvram");
        }
        for (String v : volumes(pool)) {
            if (v.startsWith(name)) {
                Lab.virsh("vol-delete", "--pool", pool, v);
            }
        }
    }

    /** Waits until the guest's shell answers on its serial console ({@code echo $((6*7))} prints 42); returns the wait in ms. */
    public static long awaitSerialShell(String name, long timeoutMillis) throws VirtException, InterruptedException {
        long t0 = System.currentTimeMillis();
        String uuid = Lab.virsh("domuuid", name);
        long end = System.currentTimeMillis() + timeoutMillis;
        try (VirtConnection c = VirtConnection.open(Lab.uri())) {
            GuestShell shell = GuestShell.open(c, uuid);
            try {
                while (true) {
                    try {
                        String out = shell.run("echo $((6*7))", 4000);
                        if (out.contains("42")) {
                            return System.currentTimeMillis() - t0;
                        }
                    } catch (AssertionError e) {
                        if (System.currentTimeMillis() > end) {
                            throw new AssertionError(name + " never answered on its serial console", e);
                        }
                    }
                }
            } finally {
                shell.close();
            }
        }
    }
}
