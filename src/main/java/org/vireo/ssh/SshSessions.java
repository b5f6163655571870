package org.vireo.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.libvirt.VirtException;

/**
 * One SSH session per host (user@host:port), shared by everything that talks to that host:
 * libvirt's RPC now, consoles later. Users take a {@link Lease}; the session closes when the
 * last lease is returned. A dead session (keepalive gave up) is replaced on the next acquire.
 */
public final class SshSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);

    static {
        JschLogging.install();
    }

    private final SshEnvironment env;
    private final SshPrompter prompter;
    private final SshConfigResolver resolver;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Passwords that worked, for automatic reconnects; memory only, dropped when refused. */
    private final Map<String, char[]> passwords = new ConcurrentHashMap<>();
    private final AtomicInteger handshakes = new AtomicInteger();

    public SshSessions(SshEnvironment env, SshPrompter prompter) {
        this.env = env;
        this.prompter = prompter;
        this.resolver = new SshConfigResolver(env);
    }

    public SshEnvironment environment() {
        return env;
    }

    public SshConfigResolver resolver() {
        return resolver;
    }

    /** How many SSH handshakes this instance has started (tests, benchmark). */
    public int handshakes() {
        return handshakes.get();
    }

    /** The host's session, connected now if it is not already; may ask the user (host key, secrets). */
    public Lease acquire(SshConfigResolver.Resolved target) throws VirtException {
        String key = target.key();
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            synchronized (entries) {
                Entry e = entries.get(key);
                if (e != null && e.session.isConnected()) {
                    e.refs++;
                    return new Lease(e);
                }
                if (e != null) {
                    entries.remove(key);
                    LOG.info("SSH session to {} is dead; opening a new one", key);
                    e.session.disconnect();
                }
            }
            Session s = connect(target);
            Entry e = new Entry(key, s);
            e.refs = 1;
            synchronized (entries) {
                entries.put(key, e);
            }
            return new Lease(e);
        }
    }

    /** The open session of a host, if any, as a new lease (for consoles and other channels). */
    public java.util.Optional<Lease> existing(SshConfigResolver.Resolved target) {
        synchronized (entries) {
            Entry e = entries.get(target.key());
            if (e == null || !e.session.isConnected()) {
                return java.util.Optional.empty();
            }
            e.refs++;
            return java.util.Optional.of(new Lease(e));
        }
    }

    /** Drops every session (app exit). */
    public void closeAll() {
        List<Entry> all;
        synchronized (entries) {
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        for (Entry e : all) {
            e.session.disconnect();
        }
        passwords.values().forEach(p -> Arrays.fill(p, '\0'));
        passwords.clear();
    }

    /**
     * Wipes the password kept for {@code uri}'s host (the host was removed), unless one of
     * {@code stillUsed} reaches the same account: a removed host's password is not kept.
     */
    public void forget(String uri, java.util.Collection<String> stillUsed) {
        if (!SshTarget.handles(uri)) {
            return;
        }
        String key;
        try {
            key = resolver.resolve(SshTarget.parse(uri)).key();
            for (String other : stillUsed) {
                if (SshTarget.handles(other) && resolver.resolve(SshTarget.parse(other)).key().equals(key)) {
                    return;
                }
            }
        } catch (IllegalArgumentException e) {
            return;
        }
        char[] old = passwords.remove(key);
        if (old != null) {
            Arrays.fill(old, '\0');
            LOG.info("password for {} wiped (host removed)", key);
        }
    }

    /** Whether a password is kept for {@code uri}'s host (tests). */
    public boolean keepsPassword(String uri) {
        return passwords.containsKey(resolver.resolve(SshTarget.parse(uri)).key());
    }

    private Session connect(SshConfigResolver.Resolved r) throws VirtException {
        String key = r.key();
        Lease jump = null;
        HostKeyCheck hostKeys = null;
        PromptingUserInfo ui = new PromptingUserInfo(prompter, r.destination(), passwords.get(key));
        long t0 = System.nanoTime();
        try {
            JSch jsch = new JSch();
            for (Path file : r.identityFiles()) {
                if (Files.isRegularFile(file)) {
                    try {
                        jsch.addIdentity(file.toString());
                    } catch (JSchException e) {
                        LOG.warn("cannot use key file {} for {}: {}", file, key, e.getMessage());
                    }
                }
            }
            List<IdentityRepository> ids = new ArrayList<>();
            // IdentitiesOnly: the key files only, however many keys the agent holds
            if (env.hasAgent() && !r.options().identitiesOnly()) {
                try {
                    ids.add(new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory(), env.agentSocket().get())));
                } catch (Exception e) {
                    LOG.warn("ssh-agent at {} not usable: {}", env.agentSocket().get(), e.getMessage());
                }
            }
            ids.add(jsch.getIdentityRepository());
            Session s = jsch.getSession(r.user(), r.hostName(), r.port());
            s.setIdentityRepository(new CombinedIdentities(ids));
            SshConfigResolver.Options o = r.options();
            hostKeys = new HostKeyCheck(o.userKnownHosts().isEmpty() ? List.of(env.knownHosts()) : o.userKnownHosts(),
                o.globalKnownHosts(), o.strict(), o.hashKnownHosts(), prompter);
            s.setHostKeyRepository(hostKeys);
            s.setConfig("StrictHostKeyChecking", "yes");
            s.setConfig("PreferredAuthentications", "publickey,keyboard-interactive,password");
            s.setUserInfo(ui);
            s.setServerAliveInterval((int) env.keepAlive().toMillis());
            s.setServerAliveCountMax(env.keepAliveCount());
            if (!r.proxyJump().isEmpty()) {
                jump = acquire(jumpHost(r.proxyJump()));
                s.setProxy(new JumpProxy(jump));
            } else if (!r.options().proxyCommand().isEmpty()) {
                LOG.info("SSH to {} through ProxyCommand {}", key, r.options().proxyCommand());
                s.setProxy(new CommandProxy(r.options().proxyCommand()));
            }
            handshakes.incrementAndGet();
            s.connect((int) env.connectTimeout().toMillis());
            if (ui.passwordTried()) {
                char[] pw = ui.password();
                if (pw != null) {
                    char[] old = passwords.put(key, pw);
                    if (old != null) {
                        Arrays.fill(old, '\0');
                    }
                }
            }
            LOG.info("SSH session to {} open in {} ms ({})", key, (System.nanoTime() - t0) / 1_000_000, s.getServerVersion());
            return s;
        } catch (JSchException e) {
            if (jump != null) {
                jump.close();
            }
            if (ui.passwordTried()) {
                char[] old = passwords.remove(key);
                if (old != null) {
                    Arrays.fill(old, '\0');
                }
            }
            VirtException v = SshErrors.of(e, hostKeys, ui, r);
            LOG.warn("SSH connect to {} failed after {} ms: {} ({})", key, (System.nanoTime() - t0) / 1_000_000, v.getMessage(), e.toString());
            throw v;
        } catch (VirtException e) {
            throw new VirtException(e.code(), e.codeName(), e.errorDomain(), "jump host " + r.proxyJump() + ": " + e.getMessage(), e);
        } finally {
            ui.wipe();
        }
    }

    private SshConfigResolver.Resolved jumpHost(String spec) {
        String[] hops = spec.split(",");
        String last = hops[hops.length - 1].strip();
        String user = "";
        int at = last.lastIndexOf('@');
        if (at >= 0) {
            user = last.substring(0, at);
            last = last.substring(at + 1);
        }
        int port = 0;
        int colon = last.lastIndexOf(':');
        if (colon > 0 && !last.endsWith("]")) {
            port = Integer.parseInt(last.substring(colon + 1));
            last = last.substring(0, colon);
        }
        SshConfigResolver.Resolved hop = resolver.resolve(new SshTarget(last, user, port, "/system"));
        if (hops.length > 1) {
            String before = String.join(",", Arrays.copyOf(hops, hops.length - 1));
            hop = new SshConfigResolver.Resolved(hop.alias(), hop.hostName(), hop.port(), hop.user(), hop.identityFiles(), before, hop.options());
        }
        return hop;
    }

    private void release(Entry e) {
        boolean last;
        synchronized (entries) {
            e.refs--;
            last = e.refs <= 0;
            if (last && entries.get(e.key) == e) {
                entries.remove(e.key);
            }
        }
        if (last) {
            LOG.info("SSH session to {} closed (no more users)", e.key);
            e.session.disconnect();
        }
    }

    private static final class Entry {
        final String key;
        final Session session;
        int refs;

        Entry(String key, Session session) {
            this.key = key;
            this.session = session;
        }
    }

    /** A share of a host's session; close it when done (the last one closes the session). */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The JSch session: open channels on it (direct-streamlocal, direct-tcpip...). */
        public Session session() {
            return entry.session;
        }

        public boolean isConnected() {
            return entry.session.isConnected();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(entry);
            }
        }
    }
}
