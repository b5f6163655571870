package org.vireo.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.host.HostConnector;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;

/**
 * Opens {@code qemu+ssh://user@host:port/system} (or /session) over Vireo's own SSH session:
 * the host's libvirt socket is served on a private local unix socket through
 * direct-streamlocal channels, and libvirt connects to
 * {@code qemu+unix:///system?socket=<that socket>}. Closing the connection closes the
 * endpoint and returns the session lease. Other URIs go to {@code fallback}.
 */
public final class SshConnector implements HostConnector {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);

    private final SshSessions sessions;
    private final HostConnector fallback;

    public SshConnector(SshSessions sessions) {
        this(sessions, HostConnector.DIRECT);
    }

    public SshConnector(SshSessions sessions, HostConnector fallback) {
        this.sessions = sessions;
        this.fallback = fallback;
    }

    public SshSessions sessions() {
        return sessions;
    }

    @Override
    public VirtConnection open(String uri) throws VirtException {
        if (!SshTarget.handles(uri)) {
            return fallback.open(uri);
        }
        SshTarget target;
        try {
            target = SshTarget.parse(uri);
        } catch (IllegalArgumentException e) {
            throw SshErrors.error(SshErrors.BAD_TARGET, e.getMessage(), e);
        }
        SshConfigResolver.Resolved resolved = sessions.resolver().resolve(target);
        int timeout = (int) sessions.environment().connectTimeout().toMillis();
        SshSessions.Lease lease = sessions.acquire(resolved);
        UnixSocketForward forward = null;
        VirtConnection conn = null;
        try {
            String remote = target.remoteSocket(target.path().equals("/session") && target.socket().isEmpty() ? remoteUid(lease, timeout) : "0");
            try {
                UnixSocketForward.probe(lease.session(), remote, timeout);
            } catch (JSchException e) {
                if (!lease.isConnected()) {
                    throw SshErrors.error(SshErrors.UNREACHABLE, "Host unreachable: the SSH link to " + resolved.hostName() + " dropped.", e);
                }
                // sshd answers "connect failed" both when nothing listens there and when its policy forbids
                // the forwarding: what is at the path tells the two apart. A socket nobody listens on is
                // a daemon that died (kill -9 leaves its socket file): retried, not blamed on sshd.
                String at = socketState(lease, remote, timeout);
                if (at.equals("stale")) {
                    throw SshErrors.error(SshErrors.NO_LIBVIRT_SOCKET, "libvirt is not running on " + resolved.hostName() + ": its socket "
                        + remote + " is there but nothing listens on it (the daemon stopped or died).", e);
                }
                if (at.equals("listening") || at.equals("socket")) {
                    throw SshErrors.error(SshErrors.FORWARDING_REFUSED, "sshd on " + resolved.hostName()
                        + " refuses to forward to libvirt's socket " + remote + ", which is there: its sshd_config forbids it "
                        + "(AllowStreamLocalForwarding no), or this user may not open the socket. Vireo reaches libvirt only "
                        + "that way: allow it for this user (a Match block) and reconnect.", e);
                }
                throw SshErrors.error(SshErrors.NO_LIBVIRT_SOCKET, "libvirt socket missing on " + resolved.hostName() + ": nothing answers at "
                    + remote + " (is libvirtd running there?).", e);
            }
            forward = UnixSocketForward.start(lease.session(), remote, timeout);
            conn = VirtConnection.open(target.localUri(forward.socketPath().toString()));
            UnixSocketForward f = forward;
            conn.attach(() -> {
                f.close();
                lease.close();
            });
            LOG.info("{} open through SSH {} -> {}", uri, resolved.key(), remote);
            return conn;
        } catch (IOException e) {
            throw SshErrors.error(SshErrors.FAILED, "cannot create the local endpoint for " + uri + ": " + e.getMessage(), e);
        } finally {
            if (conn == null) {
                if (forward != null) {
                    forward.close();
                }
                lease.close();
            }
        }
    }

    /** A share of the SSH session that carries {@code uri}, for consoles and other channels; empty when none is open. */
    public Optional<SshSessions.Lease> session(String uri) {
        if (!SshTarget.handles(uri)) {
            return Optional.empty();
        }
        return sessions.existing(sessions.resolver().resolve(SshTarget.parse(uri)));
    }

    /**
     * What is at {@code path} on the host, over an exec channel on the same session:
     * "listening" (a unix socket something listens on, as ss(8) lists it), "stale" (a socket
     * file nobody listens on), "socket" (a socket; ss missing, so unknown whether it listens),
     * "missing", or "" when that cannot be told.
     */
    private static String socketState(SshSessions.Lease lease, String path, int timeout) {
        String q = "'" + path.replace("'", "'\\''") + "'";
        String script = "p=" + q + "; [ -S \"$p\" ] || { echo missing; exit 0; }; r=$(readlink -f \"$p\"); "
            + "if command -v ss >/dev/null 2>&1; then "
            + "if ss -xlnH 2>/dev/null | awk '{print $5}' | grep -qxF -e \"$p\" -e \"$r\"; then echo listening; else echo stale; fi; "
            + "else echo socket; fi";
        try {
            ChannelExec exec = (ChannelExec) lease.session().openChannel("exec");
            exec.setCommand(script);
            InputStream in = exec.getInputStream();
            exec.connect(timeout);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            exec.disconnect();
            return out.toString(StandardCharsets.US_ASCII).strip();
        } catch (JSchException | IOException e) {
            return "";
        }
    }

    /** The remote user's uid (for the session daemon's socket path), over an exec channel on the same session. */
    private static String remoteUid(SshSessions.Lease lease, int timeout) throws VirtException {
        try {
            ChannelExec exec = (ChannelExec) lease.session().openChannel("exec");
            exec.setCommand("id -u");
            InputStream in = exec.getInputStream();
            exec.connect(timeout);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            exec.disconnect();
            String uid = out.toString(StandardCharsets.US_ASCII).strip();
            if (!uid.matches("\\d+")) {
                throw SshErrors.error(SshErrors.FAILED, "cannot learn the remote user's id (got \"" + uid + "\")", null);
            }
            return uid;
        } catch (JSchException | IOException e) {
            throw SshErrors.error(SshErrors.UNREACHABLE, "Host unreachable while asking for the user id: " + e.getMessage(), e);
        }
    }
}
