package org.vireo.ssh;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import java.io.IOException;
import org.vireo.libvirt.VirtException;

/** SSH failures in words, as VirtExceptions of error domain "SSH" (ConnectErrors decides what is retried). */
public final class SshErrors {
    public static final String DOMAIN = "SSH";
    public static final String AUTH_FAILED = "SSH_AUTH_FAILED";
    public static final String AUTH_CANCELLED = "SSH_AUTH_CANCELLED";
    public static final String HOSTKEY_UNKNOWN = "SSH_HOSTKEY_UNKNOWN";
    public static final String HOSTKEY_CHANGED = "SSH_HOSTKEY_CHANGED";
    public static final String UNREACHABLE = "SSH_UNREACHABLE";
    public static final String NO_LIBVIRT_SOCKET = "SSH_NO_LIBVIRT_SOCKET";
    public static final String FORWARDING_REFUSED = "SSH_FORWARDING_REFUSED";
    public static final String BAD_TARGET = "SSH_BAD_TARGET";
    public static final String FAILED = "SSH_FAILED";

    private SshErrors() {
    }

    public static VirtException error(String codeName, String message, Throwable cause) {
        return new VirtException(-1, codeName, DOMAIN, message, cause);
    }

    static VirtException of(JSchException e, HostKeyCheck hostKeys, PromptingUserInfo ui, SshConfigResolver.Resolved r) {
        String where = r.destination();
        HostKeyCheck.Outcome hk = hostKeys == null ? HostKeyCheck.Outcome.NOT_CHECKED : hostKeys.outcome();
        HostKeyFacts f = hostKeys == null ? null : hostKeys.facts();
        String msg = String.valueOf(e.getMessage());
        if (e instanceof JSchChangedHostKeyException || hk == HostKeyCheck.Outcome.CHANGED) {
            return error(HOSTKEY_CHANGED, "Host key changed: " + r.hostName() + " now offers "
                + (f == null ? "a different key" : f.keyType() + " " + f.fingerprint() + ", known_hosts has " + f.knownFingerprint())
                + ". Refused: the connection may be intercepted. If the host was reinstalled, remove its old line from "
                + (f == null ? "known_hosts" : f.knownHostsFile()) + ".", e);
        }
        if (hk == HostKeyCheck.Outcome.REFUSED_STRICT) {
            return error(HOSTKEY_UNKNOWN, "Host key unknown: " + r.hostName()
                + (f == null ? "" : " offered " + f.keyType() + " " + f.fingerprint())
                + ", and ~/.ssh/config says StrictHostKeyChecking yes: refused without asking. Add the key to "
                + (f == null ? "known_hosts" : f.knownHostsFile()) + " (ssh-keyscan) or relax the setting for this host.", e);
        }
        if (e instanceof JSchUnknownHostKeyException || hk == HostKeyCheck.Outcome.CANCELLED) {
            return error(HOSTKEY_UNKNOWN, "Host key unknown: " + r.hostName()
                + (f == null ? "" : " offered " + f.keyType() + " " + f.fingerprint()) + ", which was not accepted.", e);
        }
        if (e.getClass().getSimpleName().equals("JSchAuthCancelException") || (ui != null && ui.cancelled())) {
            return error(AUTH_CANCELLED, "Authentication cancelled for " + where + ".", e);
        }
        if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel") || msg.contains("USERAUTH fail")) {
            boolean pw = ui != null && ui.passwordTried();
            return error(AUTH_FAILED, "Authentication failed for " + where + ": "
                + (pw ? "the password was refused." : "no agent key, key file or password was accepted."), e);
        }
        Throwable c = e.getCause();
        if (c instanceof java.net.UnknownHostException) {
            return error(UNREACHABLE, "Host name not found: " + r.hostName() + " does not resolve (DNS, /etc/hosts or the HostName"
                + " of ~/.ssh/config).", e);
        }
        if (c instanceof java.net.SocketTimeoutException && !msg.contains("not established")) {
            return error(UNREACHABLE, "Host unreachable: " + r.hostName() + ":" + r.port() + " accepted the connection but sent no SSH"
                + " greeting (" + c.getMessage() + "): not an SSH server, or one that does not answer.", e);
        }
        if (c instanceof IOException || msg.contains("timeout") || msg.contains("timed out") || msg.contains("Connection refused")
            || msg.contains("No route") || msg.contains("UnknownHost") || msg.contains("not established")
            || msg.contains("Network is unreachable") || msg.contains("Connection reset") || msg.contains("closed by foreign host") || msg.contains("failed to send channel request")) {
            String detail = c != null && c.getMessage() != null ? c.getMessage() : msg;
            String via = r.options().proxyCommand().isEmpty() ? ""
                : " through ProxyCommand \"" + r.options().proxyCommand() + "\" (what it printed is in the log)";
            return error(UNREACHABLE, "Host unreachable: " + r.hostName() + ":" + r.port() + via + " (" + detail + ").", e);
        }
        return error(FAILED, "SSH to " + where + " failed: " + msg, e);
    }
}
