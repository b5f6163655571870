package org.vireo.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.host.HostConnector;
import org.vireo.host.HostSession;
import org.vireo.libvirt.HardwareApi;
import org.vireo.libvirt.GraphicsSocket;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.model.DomainFlags;
import org.vireo.ssh.SshChannels;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshSessions;

/**
 * Opens a host's consoles. Every method blocks and runs on the console's own thread: the
 * host's worker only hands over its connection (libvirt connections are thread-safe), so
 * a console that stays open for hours never holds up the host's calls and stats.
 *
 * <p>Graphics: a local host gives a socket through virDomainOpenGraphicsFD (no TCP port);
 * an SSH host gets a channel on its existing SSH session to the VNC server's address and
 * port as the host sees them (or its unix socket). Serial: virDomainOpenConsole on the
 * host's libvirt connection, which already rides the SSH session for remote hosts.
 */
public final class ConsoleService {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleService.class);

    private final HostSession session;
    private final SshConnector ssh;

    public ConsoleService(HostSession session, HostConnector connector) {
        this.session = session;
        this.ssh = connector instanceof SshConnector s ? s : null;
    }

    public String uri() {
        return session.uri();
    }

    private VirtConnection connection() throws VirtException {
        try {
            return session.submit(c -> c).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VirtException v) {
                throw v;
            }
            throw new VirtException(-1, "VIR_ERR_NO_CONNECT", "", String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new VirtException(-1, "VIR_ERR_NO_CONNECT", "", "the host did not answer in time", e);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new VirtException(-1, "VIR_ERR_NO_CONNECT", "", "the host's session has ended", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(-1, "VIR_ERR_NO_CONNECT", "", "interrupted", e);
        }
    }

    /** The domain's displays as its live XML has them. */
    public GraphicsFacts facts(String uuid) throws ConsoleException {
        try {
            return GraphicsFacts.of(new HardwareApi(connection()).xml(uuid, java.util.Set.of()));
        } catch (VirtException e) {
            throw new ConsoleException(e.getMessage(), e, false);
        }
    }

    /** Whether this host is reached through Vireo's SSH session. */
    public boolean overSsh() {
        return ssh != null && ssh.session(session.uri()).map(l -> {
            l.close();
            return true;
        }).orElse(false);
    }

    /** A stream to the guest's VNC server. */
    public GraphicsLink openGraphics(String uuid) throws ConsoleException {
        try {
            return graphics(uuid);
        } catch (VirtException e) {
            throw new ConsoleException(e.getMessage(), e, false);
        }
    }

    private GraphicsLink graphics(String uuid) throws VirtException, ConsoleException {
        Optional<SshSessions.Lease> lease = ssh == null ? Optional.empty() : ssh.session(session.uri());
        if (lease.isPresent()) {
            GraphicsFacts f = facts(uuid);
            SshChannels.Stream s;
            String via;
            try {
                if (!f.socket().isEmpty()) {
                    s = SshChannels.unix(lease.get(), f.socket(), 10_000);
                    via = "SSH channel to " + f.socket();
                } else if (f.port() > 0) {
                    s = SshChannels.tcp(lease.get(), f.reachableAddress(), f.port(), 10_000);
                    via = "SSH channel to " + f.reachableAddress() + ":" + f.port();
                } else {
                    throw new VirtException(-1, "VIR_ERR_OPERATION_INVALID", "", "the domain has no VNC server to reach", null);
                }
            } catch (VirtException e) {
                lease.get().close();
                throw e;
            }
            LOG.info("graphics of {} on {} through {}", uuid, session.uri(), via);
            return new GraphicsLink(s.in(), s.out(), s, via);
        }
        GraphicsSocket socket = connection().openGraphics(uuid, 0);
        LOG.info("graphics of {} on {} through virDomainOpenGraphicsFD", uuid, session.uri());
        return new GraphicsLink(new FdInput(socket), new FdOutput(socket), () -> {
            socket.shutdown();
            socket.close();
        }, "libvirt graphics fd");
    }

    /** The serial console; without {@code force} it fails while another client holds it. */
    public SerialConsole openSerial(String uuid, boolean force) throws ConsoleException {
        try {
            return new SerialConsole(connection().openConsole(uuid, force ? Set.of(DomainFlags.Console.FORCE) : Set.of()));
        } catch (VirtException e) {
            // libvirt: "Active console session exists for this domain"
            boolean held = String.valueOf(e.getMessage()).toLowerCase().contains("active console session");
            throw new ConsoleException(e.getMessage(), e, held);
        }
    }

    private static final class FdInput extends InputStream {
        private final GraphicsSocket socket;
        private final byte[] chunk = new byte[128 * 1024];

        FdInput(GraphicsSocket socket) {
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = socket.read(chunk, len);
            if (n > 0) {
                System.arraycopy(chunk, 0, b, off, n);
            }
            return n;
        }
    }

    private static final class FdOutput extends OutputStream {
        private final GraphicsSocket socket;

        FdOutput(GraphicsSocket socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] bytes = off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len);
            int sent = 0;
            while (sent < bytes.length) {
                byte[] rest = sent == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, sent, bytes.length);
                int n = socket.write(rest);
                if (n <= 0) {
                    throw new IOException("the graphics socket closed");
                }
                sent += n;
            }
        }
    }
}
