package org.vireo.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.vireo.libvirt.ConsoleStream;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;

/** Runs shell commands in a lab guest over its serial console and waits for each to finish. */
public final class GuestShell implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final ConsoleStream console;
    private final StringBuilder seen = new StringBuilder();
    private final Thread reader;

    private GuestShell(ConsoleStream console) {
        this.console = console;
        this.reader = new Thread(this::read, "guest-shell");
        reader.setDaemon(true);
        reader.start();
    }

    public static GuestShell open(VirtConnection conn, String uuid) throws VirtException {
        return new GuestShell(conn.openConsole(uuid));
    }

    private void read() {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = console.read(buf)) > 0) {
                synchronized (seen) {
                    seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    seen.notifyAll();
                }
            }
        } catch (VirtException e) {
            // the console closed
        }
    }

    /** Runs {@code command} and waits until the shell prints the marker after it. */
    public String run(String command, long timeoutMillis) throws VirtException, InterruptedException {
        String marker = "vireo-done-" + SEQ.incrementAndGet();
        int from;
        synchronized (seen) {
            from = seen.length();
        }
        // the marker is built by the shell ($((1))), so our own echoed typing cannot match it
        String line = command + "; echo vireo-done-$((" + marker.substring("vireo-done-".length()) + "))x\n";
        console.write(line.getBytes(StandardCharsets.US_ASCII));
        String want = marker + "x";
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (seen) {
            while (seen.indexOf(want, from) < 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("guest did not finish `" + command + "`; console: " + seen.substring(from));
                }
                seen.wait(left);
            }
            return seen.substring(from, seen.indexOf(want, from));
        }
    }

    /** Starts a command in the background of the guest's shell. */
    public void start(String command) throws VirtException, InterruptedException {
        run("(" + command + ") >/dev/null 2>&1 & true", 10_000);
    }

    @Override
    public void close() throws InterruptedException {
        console.close();
        reader.join(5000);
        console.release();
    }
}
