package org.vireo.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelDirectStreamLocal;
import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.JSchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.vireo.libvirt.VirtException;

/**
 * Byte streams to something on a host, as channels on the host's one SSH session:
 * direct-tcpip to an address and port as the host sees them, or direct-streamlocal to a
 * unix socket. Nothing is needed on the host beyond sshd; no second handshake.
 */
public final class SshChannels {
    private SshChannels() {
    }

    /** One channel's two directions; closing it ends the channel and returns the lease. */
    public record Stream(InputStream in, OutputStream out, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    public static Stream tcp(SshSessions.Lease lease, String host, int port, int timeoutMs) throws VirtException {
        try {
            ChannelDirectTCPIP ch = (ChannelDirectTCPIP) lease.session().openChannel("direct-tcpip");
            ch.setHost(host);
            ch.setPort(port);
            return connect(ch, lease, timeoutMs, host + ":" + port);
        } catch (JSchException e) {
            throw SshErrors.error(SshErrors.FAILED, "cannot open an SSH channel to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public static Stream unix(SshSessions.Lease lease, String socket, int timeoutMs) throws VirtException {
        try {
            ChannelDirectStreamLocal ch = (ChannelDirectStreamLocal) lease.session().openChannel("direct-streamlocal@openssh.com");
            ch.setSocketPath(socket);
            return connect(ch, lease, timeoutMs, socket);
        } catch (JSchException e) {
            throw SshErrors.error(SshErrors.FAILED, "cannot open an SSH channel to " + socket + ": " + e.getMessage(), e);
        }
    }

    private static Stream connect(Channel ch, SshSessions.Lease lease, int timeoutMs, String what) throws VirtException {
        try {
            InputStream in = ch.getInputStream();
            OutputStream out = ch.getOutputStream();
            ch.connect(timeoutMs);
            return new Stream(in, out, () -> {
                ch.disconnect();
                lease.close();
            });
        } catch (JSchException | IOException e) {
            ch.disconnect();
            throw SshErrors.error(SshErrors.FAILED, "the host refused a channel to " + what + ": " + e.getMessage(), e);
        }
    }
}
