package org.vireo.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's lab (src/lab/lab.sh): a private libvirtd with real QEMU guests lab-alpha and
 * lab-beta (running) and lab-gamma (shut off). src/scripts/test starts it and passes its URI.
 */
public final class Lab {
    public static final String ALPHA = "lab-alpha";
    public static final String BETA = "lab-beta";
    public static final String GAMMA = "lab-gamma";

    private Lab() {
    }

    /** The lab's URI; a lab test fails (it is never skipped) when the lab was not started. */
    public static String uri() {
        String uri = System.getProperty("vireo.lab.uri", "");
        if (uri.isBlank()) {
            throw new AssertionError("lab tests need the lab: run src/scripts/test (it passes -Dvireo.lab.uri)");
        }
        return uri;
    }

    /** Runs virsh against the lab and returns its trimmed output; fails on a non-zero exit. */
    public static String virsh(String... args) {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-q", "-c", uri()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** The guest's state as virsh domstate prints it ("running", "paused", "shut off"). */
    public static String state(String domain) {
        return virsh("domstate", domain);
    }

    /** Runs a subcommand of the lab script (kill-daemon, start-daemon ...) on the running lab. */
    public static String script(String subcommand) {
        String script = System.getenv("VIREO_LAB_SCRIPT");
        String dir = System.getenv("VIREO_LAB_DIR");
        if (script == null || dir == null) {
            throw new AssertionError("VIREO_LAB_SCRIPT and VIREO_LAB_DIR are set by src/scripts/test");
        }
        return run(List.of(script, subcommand, dir));
    }

    /** The guest's serial console log as the lab records it (DIR/log/NAME-serial.log). */
    public static String readSerialLog(String guest) {
        String dir = System.getenv("VIREO_LAB_DIR");
        if (dir == null) {
            throw new AssertionError("VIREO_LAB_DIR is set by src/scripts/test");
        }
        try {
            java.nio.file.Path log = java.nio.file.Path.of(dir, "log", guest + "-serial.log");
            return java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether QEMU itself crashed for this guest (its log, DIR/log/qemu/NAME.log, says "reason=crashed"). */
    public static boolean qemuCrashed(String guest) {
        String dir = System.getenv("VIREO_LAB_DIR");
        try {
            java.nio.file.Path log = java.nio.file.Path.of(dir == null ? "/nonexistent" : dir, "log", "qemu", guest + ".log");
            return java.nio.file.Files.exists(log)
                && java.nio.file.Files.readString(log, StandardCharsets.ISO_8859_1).contains("shutting down, reason=crashed");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** How many times the guest has announced it finished booting. */
    public static int bootCount(String guest) {
        return readSerialLog(guest).split("GUEST READY", -1).length - 1;
    }

    /** Whether the lab's libvirtd answers now (virsh uri). */
    public static boolean daemonAnswers() {
        try {
            run(List.of("timeout", "5", "virsh", "-q", "-c", uri(), "uri"));
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /** Runs a command (qemu-img ...), returns its trimmed output; fails on a non-zero exit. */
    public static String run(String... cmd) {
        return run(List.of(cmd));
    }

    /** Runs a command, returns its trimmed output; fails on a non-zero exit or after two minutes. */
    static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new AssertionError(cmd + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
