package org.vireo.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Broken links on loopback for the fault suite: a black hole, a refused port, a slow relay. */
public final class FaultLinks {
    private FaultLinks() {
    }

    /** A port on 127.0.0.1 that completes TCP handshakes (the kernel's backlog) and never reads or answers: a black hole. */
    public static final class Silent implements AutoCloseable {
        private final ServerSocket socket;

        public Silent() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }

        public int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A port on 127.0.0.1 where nothing listens (bound, then closed): connects are refused. */
    public static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * A relay on 127.0.0.1 to {@code host:port} that holds every chunk {@code delayMs} before
     * passing it on, in both directions: a slow link (the lab's kernel has no netem).
     */
    public static final class Slow implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        public Slow(String host, int port, long delayMs) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().name("slow relay").start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        Socket out = new Socket();
                        out.connect(new InetSocketAddress(host, port), 5000);
                        open.add(in);
                        open.add(out);
                        pump(in, out, delayMs);
                        pump(out, in, delayMs);
                    } catch (IOException e) {
                        // closed, or the far end refused: the client sees its socket close
                    }
                }
            });
        }

        public int port() {
            return server.getLocalPort();
        }

        /** Cuts every connection through the relay (a flapping link); new ones are accepted again. */
        public void cutAll() {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already closed
                }
                open.remove(s);
            }
        }

        private static void pump(Socket from, Socket to, long delayMs) {
            Thread.ofPlatform().daemon().name("slow relay pump").start(() -> {
                byte[] buf = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (delayMs > 0) {
                            Thread.sleep(delayMs); // the injected latency itself
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // either side closed
                } finally {
                    try {
                        to.shutdownOutput();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            });
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
