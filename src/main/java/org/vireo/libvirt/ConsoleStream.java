package org.vireo.libvirt;

import org.libvirt.LibvirtException;
import org.libvirt.Stream;

/**
 * A domain's serial console as a blocking byte stream. One thread reads, any thread
 * writes; {@link #close()} aborts the stream first so that a blocked reader returns,
 * and frees it only after (freeing first would be a use-after-free).
 */
public final class ConsoleStream implements AutoCloseable {
    private final Stream stream;
    private volatile boolean closed;

    ConsoleStream(Stream stream) {
        this.stream = stream;
    }

    /** Blocks until bytes arrive; returns the count, or -1 at the end of the stream. */
    public int read(byte[] buffer) throws VirtException {
        try {
            int n = stream.receive(buffer);
            return n == 0 ? -1 : n;
        } catch (LibvirtException e) {
            if (closed) {
                return -1;
            }
            throw VirtException.from(e);
        }
    }

    public void write(byte[] bytes) throws VirtException {
        try {
            int sent = 0;
            while (sent < bytes.length) {
                byte[] rest = sent == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, sent, bytes.length);
                sent += stream.send(rest);
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    /** Aborts the stream; call {@link #release()} after the reader thread has ended. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                stream.abort();
            } catch (LibvirtException ignored) {
                // already ended by the other side
            }
        }
    }

    public void release() {
        close();
        release(stream);
    }

    static void release(Stream stream) {
        try {
            stream.free();
        } catch (LibvirtException ignored) {
            // nothing left to release
        }
    }
}
