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
 * aliases, HostName, User, Port, IdentityFile, ProxyJump, ProxyCommand, UserKnownHostsFile,
 * GlobalKnownHostsFile, HashKnownHosts, StrictHostKeyChecking, IdentitiesOnly. Values in the
 * URI win over the config; the config wins over the defaults (login user, port 22, ~/.ssh/id_*).
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
    public record Resolved(String alias, String hostName, int port, String user, List<Path> identityFiles, String proxyJump,
                           Options options) {
        public Resolved {
            options = options == null ? Options.DEFAULT : options;
        }

        public Resolved(String alias, String hostName, int port, String user, List<Path> identityFiles, String proxyJump) {
            this(alias, hostName, port, user, identityFiles, proxyJump, null);
        }

        /** user@host:port as people write it. */
        public String destination() {
            return user + "@" + hostName + (port == 22 ? "" : ":" + port);
        }

        public String key() {
            return user + "@" + hostName + ":" + port + (proxyJump.isEmpty() ? "" : " via " + proxyJump);
        }
    }

    /**
     * The host-key and authentication options of ~/.ssh/config.
     *
     * @param userKnownHosts   UserKnownHostsFile: read, and the first one is where remembered keys go
     *                         (empty list: the environment's known_hosts)
     * @param globalKnownHosts GlobalKnownHostsFile: read only
     * @param hashKnownHosts   HashKnownHosts: a remembered host is written hashed (|1|salt|hash)
     * @param strict           StrictHostKeyChecking: ask (the default), yes (an unknown key is refused
     *                         without asking), accept-new / no (an unknown key is remembered without
     *                         asking); a changed key is refused whatever it says
     * @param identitiesOnly   IdentitiesOnly: only the key files, not the agent's keys
     * @param proxyCommand     ProxyCommand with %h %p %r %n expanded, or "" for a direct link
     */
    public record Options(List<Path> userKnownHosts, List<Path> globalKnownHosts, boolean hashKnownHosts, String strict,
                          boolean identitiesOnly, String proxyCommand) {
        static final List<Path> SYSTEM_KNOWN_HOSTS = List.of(Path.of("/etc/ssh/ssh_known_hosts"), Path.of("/etc/ssh/ssh_known_hosts2"));
        public static final Options DEFAULT = new Options(List.of(), SYSTEM_KNOWN_HOSTS, false, "ask", false, "");

        public Options {
            userKnownHosts = List.copyOf(userKnownHosts);
            globalKnownHosts = List.copyOf(globalKnownHosts);
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
        return new Resolved(target.host(), hostName, port, user, List.copyOf(keys), jump, options(c, target, hostName, port, user));
    }

    private Options options(ConfigRepository.Config c, SshTarget target, String hostName, int port, String user) {
        List<Path> userFiles = files(c.getValue("UserKnownHostsFile"), target, hostName, user);
        String global = c.getValue("GlobalKnownHostsFile");
        List<Path> globalFiles = global == null ? Options.SYSTEM_KNOWN_HOSTS : files(global, target, hostName, user);
        String strict = nonBlank(c.getValue("StrictHostKeyChecking"), "ask").toLowerCase(java.util.Locale.ROOT);
        strict = switch (strict) {
            case "yes", "true" -> "yes";
            case "no", "off", "false" -> "no";
            case "accept-new" -> "accept-new";
            default -> "ask";
        };
        String proxy = nonBlank(c.getValue("ProxyCommand"), "");
        if (proxy.equalsIgnoreCase("none")) {
            proxy = "";
        }
        proxy = proxy.replace("%%", "\u0000").replace("%h", hostName).replace("%p", Integer.toString(port)).replace("%r", user)
            .replace("%n", target.host()).replace("\u0000", "%");
        return new Options(userFiles, globalFiles, yes(c.getValue("HashKnownHosts")), strict, yes(c.getValue("IdentitiesOnly")), proxy);
    }

    /** A list of files as ssh_config writes them (space-separated, ~ and %-tokens expanded; "none" = no file). */
    private List<Path> files(String value, SshTarget target, String hostName, String user) {
        List<Path> out = new ArrayList<>();
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("none")) {
            return out;
        }
        for (String f : value.strip().split("\\s+")) {
            out.add(expand(f, target, hostName, user));
        }
        return out;
    }

    private static boolean yes(String value) {
        return value != null && (value.strip().equalsIgnoreCase("yes") || value.strip().equalsIgnoreCase("true"));
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
