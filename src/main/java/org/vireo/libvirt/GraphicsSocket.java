package org.vireo.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** A file descriptor from virDomainOpenGraphicsFD: a socket to the guest's VNC server. */
public final class GraphicsSocket implements AutoCloseable {
    private final int fd;

    GraphicsSocket(int fd) {
        this.fd = fd;
    }

    public int fd() {
        return fd;
    }

    /** Blocks for at least one byte; -1 at the end. */
    public int read(byte[] buffer) {
        int n = LibC.LIB.read(fd, buffer, buffer.length);
        return n <= 0 ? -1 : n;
    }

    /** Blocks for at least one byte, reads at most {@code length}; -1 at the end. */
    public int read(byte[] buffer, int length) {
        int n = LibC.LIB.read(fd, buffer, Math.min(length, buffer.length));
        return n <= 0 ? -1 : n;
    }

    public int write(byte[] bytes) {
        return LibC.LIB.write(fd, bytes, bytes.length);
    }

    /** Wakes a reader blocked in {@link #read} (it gets -1); call before {@link #close()}. */
    public void shutdown() {
        LibC.LIB.shutdown(fd, 2);
    }

    @Override
    public void close() {
        LibC.LIB.close(fd);
    }

    private interface LibC extends Library {
        LibC LIB = Native.load("c", LibC.class);

        int read(int fd, byte[] buf, long count);

        int write(int fd, byte[] buf, long count);

        int close(int fd);

        int shutdown(int fd, int how);
    }
}
