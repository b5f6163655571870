package org.vireo.console;

import java.io.IOException;
import org.vireo.libvirt.ConsoleStream;
import org.vireo.libvirt.VirtException;

/**
 * A domain's serial console (virDomainOpenConsole on the host's libvirt connection, so
 * an SSH host needs no other channel). One thread reads; writes come from any thread.
 */
public final class SerialConsole implements AutoCloseable {
    private final ConsoleStream stream;
    private final Object lock = new Object();
    private volatile boolean closed;
    private boolean released;

    SerialConsole(ConsoleStream stream) {
        this.stream = stream;
    }

    /** Blocks for bytes; -1 when the console ended (closed here, taken by another client, guest gone). */
    public int read(byte[] buffer) throws IOException {
        try {
            int n = stream.read(buffer);
            if (n < 0) {
                release();
            }
            return n;
        } catch (VirtException e) {
            release();
            if (closed) {
                return -1;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    public void write(byte[] bytes) throws IOException {
        synchronized (lock) {
            if (released) {
                throw new IOException("the console is closed");
            }
            try {
                stream.write(bytes);
            } catch (VirtException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    /** Ends the stream; the reader gets -1 and frees it (freeing under a blocked reader would crash). */
    @Override
    public void close() {
        closed = true;
        stream.close();
    }

    /** After the reader has seen the end: nothing can use the stream any more. */
    private void release() {
        synchronized (lock) {
            if (!released) {
                released = true;
                stream.release();
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }
}
