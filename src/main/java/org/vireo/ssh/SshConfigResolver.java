package org.vireo.ssh;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies ~/.ssh/config to a target the way ssh(1) does for the keys Vireo honours: Host
 * aliases, HostName, User, Port, IdentityFile, ProxyJump. Values in the URI win over the
 * config; the config wins over the defaults (login user, port 22, ~/.ssh/id_*).
 */
public final class SshConfigResolver {
    private static final Logger LOG = LoggerFactory.getLogger(SshConfigResolver.class);
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final SshEnvironment env;

    public SshConfigResolver(SshEnvironment env) {
        this.env = env;
    }

    /**
     * @param alias        the name the user gave (shown in the host list)
     * @param identityFiles key files to try after the agent, in order
     * @param proxyJump    {@code [user@]host[:port]} of a jump host, empty for a direct link
     */
    public record Resolved(String alias, String hostName, int port, String user, List<Path> identityFiles, String proxyJump) {
        /** user@host:port as people write it. */
        public String destination() {
            return user + "@" + hostName + (port == 22 ? "" : ":" + port);
        }

        public String key() {
            return user + "@" + hostName + ":" + port + (proxyJump.isEmpty() ? "" : " via " + proxyJump);
        }
    }

    public Resolved resolve(SshTarget target) {
        ConfigRepository.Config c = config().getConfig(target.host());
        String hostName = nonBlank(c.getHostname(), target.host());
        int port = target.port() > 0 ? target.port() : c.getPort() > 0 ? c.getPort() : 22;
        String user = !target.user().isEmpty() ? target.user() : nonBlank(c.getUser(), System.getProperty("user.name"));
        List<Path> keys = new ArrayList<>();
        if (!target.keyfile().isEmpty()) {
            keys.add(expand(target.keyfile(), target, hostName, user)); // the URI's keyfile=, offered first
        }
        String[] configured = c.getValues("IdentityFile");
        if (configured != null) {
            for (String k : configured) {
                keys.add(expand(k, target, hostName, user));
            }
        }
        if (keys.isEmpty() || keys.size() == 1 && !target.keyfile().isEmpty()) {
            for (String name : DEFAULT_KEYS) {
                Path p = env.sshDir().resolve(name);
                if (Files.isRegularFile(p)) {
                    keys.add(p);
                }
            }
        }
        String jump = nonBlank(c.getValue("ProxyJump"), "");
        if (jump.equalsIgnoreCase("none")) {
            jump = "";
        }
        return new Resolved(target.host(), hostName, port, user, List.copyOf(keys), jump);
    }

    private ConfigRepository config() {
        Path file = env.config();
        if (file != null && Files.isRegularFile(file)) {
            try {
                return OpenSSHConfig.parseFile(file.toString());
            } catch (IOException e) {
                LOG.warn("cannot read {}: {}", file, e.getMessage());
            }
        }
        return ConfigRepository.nullConfig;
    }

    private Path expand(String raw, SshTarget target, String hostName, String user) {
        String s = raw.strip();
        if (s.length() > 1 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        s = s.replace("%d", System.getProperty("user.home")).replace("%h", hostName).replace("%r", user)
            .replace("%n", target.host()).replace("%%", "%");
        if (s.startsWith("~/")) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        Path p = Path.of(s);
        return p.isAbsolute() ? p : env.sshDir().resolve(p);
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
