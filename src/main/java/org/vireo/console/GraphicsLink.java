package org.vireo.console;

import java.io.InputStream;
import java.io.OutputStream;

/** A byte stream to a guest's VNC server and how it was reached ("libvirt fd", "SSH channel to 127.0.0.1:5900"). */
public record GraphicsLink(InputStream in, OutputStream out, AutoCloseable closer, String via) implements AutoCloseable {
    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception ignored) {
            // already gone
        }
    }
}
