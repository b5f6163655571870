package org.vireo.ssh;

import com.jcraft.jsch.ChannelDirectStreamLocal;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local unix socket in a private (0700) directory whose every client is piped to a new
 * direct-streamlocal channel on the host's SSH session, i.e. to the host's libvirt socket.
 * Only this user can reach it (a TCP port on 127.0.0.1 would serve every local user root
 * on the host). Closing it removes the socket and its directory and ends its channels.
 */
public final class UnixSocketForward implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketForward.class);

    private final Session session;
    private final String remoteSocket;
    private final int channelTimeoutMs;
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final List<ChannelDirectStreamLocal> channels = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private UnixSocketForward(Session session, String remoteSocket, int channelTimeoutMs) throws IOException {
        this.session = session;
        this.remoteSocket = remoteSocket;
        this.channelTimeoutMs = channelTimeoutMs;
        this.dir = Files.createTempDirectory(baseDir(), "vireo-ssh-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.socket = dir.resolve("libvirt-sock");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(dir);
            throw e;
        }
        this.acceptor = Thread.ofPlatform().daemon().name("ssh-forward " + session.getHost()).unstarted(this::acceptLoop);
    }

    /** Serves {@code remoteSocket} of the session's host on a fresh private local socket. */
    public static UnixSocketForward start(Session session, String remoteSocket, int channelTimeoutMs) throws IOException {
        UnixSocketForward f = new UnixSocketForward(session, remoteSocket, channelTimeoutMs);
        f.acceptor.start();
        return f;
    }

    /** Opens one channel to the remote socket and closes it: fails when no daemon listens there. */
    public static void probe(Session session, String remoteSocket, int timeoutMs) throws JSchException {
        ChannelDirectStreamLocal ch = (ChannelDirectStreamLocal) session.openChannel("direct-streamlocal@openssh.com");
        ch.setSocketPath(remoteSocket);
        try {
            ch.connect(timeoutMs);
        } catch (JSchException e) {
            // JSch keeps the channel-open failure's reason code as the exit status
            if (ch.getExitStatus() == SSH_OPEN_ADMINISTRATIVELY_PROHIBITED) {
                throw new ForwardingProhibited(e);
            }
            throw e;
        } finally {
            ch.disconnect();
        }
    }

    /** RFC 4254's reason for a channel the server's policy refuses (sshd: AllowStreamLocalForwarding no). */
    private static final int SSH_OPEN_ADMINISTRATIVELY_PROHIBITED = 1;

    /** sshd refused the channel by policy, not because nothing listens at the socket. */
    public static final class ForwardingProhibited extends JSchException {
        ForwardingProhibited(JSchException cause) {
            super("administratively prohibited", cause);
        }
    }

    public Path socketPath() {
        return socket;
    }

    private static Path baseDir() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("local endpoint {} stopped accepting: {}", socket, e.getMessage());
                }
                return;
            }
            try {
                ChannelDirectStreamLocal ch = (ChannelDirectStreamLocal) session.openChannel("direct-streamlocal@openssh.com");
                ch.setSocketPath(remoteSocket);
                ch.setInputStream(Channels.newInputStream(client));
                ch.setOutputStream(Channels.newOutputStream(client));
                ch.connect(channelTimeoutMs);
                channels.add(ch);
                channels.removeIf(c -> c.isClosed());
                LOG.debug("{} -> {}:{} channel {}", socket, session.getHost(), remoteSocket, ch.getId());
            } catch (JSchException e) {
                LOG.warn("cannot open a channel to {} on {}: {}", remoteSocket, session.getHost(), e.getMessage());
                try {
                    client.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", socket, e.getMessage());
        }
        for (ChannelDirectStreamLocal ch : channels) {
            ch.disconnect();
        }
        channels.clear();
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("cleaning {}: {}", dir, e.getMessage());
        }
    }
}
