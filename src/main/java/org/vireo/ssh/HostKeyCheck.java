package org.vireo.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host keys checked against known_hosts (plain and hashed entries: JSch's own parser): the
 * user's files (UserKnownHostsFile; the first is where remembered keys go) and the system's
 * (GlobalKnownHostsFile, read only). An unknown key goes to the user (accept once / accept
 * and remember / cancel) unless StrictHostKeyChecking decides (yes: refused; accept-new, no:
 * remembered); a changed key is refused, and the user is told why. A remembered key is
 * written hashed when HashKnownHosts says so. The outcome is kept so the connector can say
 * in words what went wrong.
 */
final class HostKeyCheck implements HostKeyRepository {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    enum Outcome { NOT_CHECKED, KNOWN, ACCEPTED_ONCE, REMEMBERED, CANCELLED, REFUSED_STRICT, CHANGED }

    private final HostKeyRepository known;
    private final List<HostKeyRepository> others = new ArrayList<>();
    private final Path file;
    private final SshPrompter prompter;
    private final String strict;
    private final boolean hash;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile HostKeyFacts facts;

    HostKeyCheck(Path knownHosts, SshPrompter prompter) throws JSchException {
        this(List.of(knownHosts), List.of(), "ask", false, prompter);
    }

    /** @param userFiles the first is written to; all are read, then {@code globalFiles} */
    HostKeyCheck(List<Path> userFiles, List<Path> globalFiles, String strict, boolean hash, SshPrompter prompter) throws JSchException {
        this.file = userFiles.getFirst();
        this.prompter = prompter;
        this.strict = strict;
        this.hash = hash;
        this.known = repository(file);
        List<Path> rest = new ArrayList<>(userFiles.subList(1, userFiles.size()));
        rest.addAll(globalFiles);
        for (Path p : rest) {
            if (Files.isRegularFile(p)) {
                others.add(repository(p));
            }
        }
    }

    private static HostKeyRepository repository(Path knownHosts) throws JSchException {
        JSch jsch = new JSch();
        if (Files.isRegularFile(knownHosts)) {
            jsch.setKnownHosts(knownHosts.toString());
        }
        return jsch.getHostKeyRepository();
    }

    /** OK if any file knows the key; CHANGED if a file has another key for the host; else NOT_INCLUDED. */
    private int checkAll(String host, byte[] key) {
        int result = known.check(host, key);
        for (HostKeyRepository r : others) {
            if (result == OK) {
                break;
            }
            int r2 = r.check(host, key);
            if (r2 == OK || r2 == CHANGED) {
                result = r2;
            }
        }
        return result;
    }

    Outcome outcome() {
        return outcome;
    }

    HostKeyFacts facts() {
        return facts;
    }

    @Override
    public int check(String host, byte[] key) {
        int result = checkAll(host, key);
        String type = typeOf(key);
        if (result == OK) {
            outcome = Outcome.KNOWN;
            return OK;
        }
        if (result == CHANGED) {
            String was = "";
            for (HostKey k : getHostKey(host, type)) {
                was = fingerprint(Base64.getDecoder().decode(k.getKey()));
            }
            facts = new HostKeyFacts(host, type, fingerprint(key), was, file.toString());
            outcome = Outcome.CHANGED;
            LOG.warn("host key of {} CHANGED: known_hosts has {}, host offered {} {} - refused", host, was, type, fingerprint(key));
            prompter.changedHostKey(facts);
            return CHANGED;
        }
        facts = new HostKeyFacts(host, type, fingerprint(key), "", file.toString());
        SshPrompter.HostKeyDecision decision;
        switch (strict) {
            case "yes" -> {
                LOG.info("unknown host key of {} ({} {}): refused (StrictHostKeyChecking yes)", host, type, fingerprint(key));
                outcome = Outcome.REFUSED_STRICT;
                return NOT_INCLUDED;
            }
            case "accept-new", "no" -> {
                decision = SshPrompter.HostKeyDecision.ACCEPT_AND_REMEMBER;
                LOG.info("unknown host key of {} ({} {}): remembered without asking (StrictHostKeyChecking {})", host, type,
                    fingerprint(key), strict);
            }
            default -> {
                decision = prompter.unknownHostKey(facts);
                LOG.info("unknown host key of {} ({} {}): user chose {}", host, type, fingerprint(key), decision);
            }
        }
        switch (decision) {
            case ACCEPT_ONCE -> {
                outcome = Outcome.ACCEPTED_ONCE;
                return OK;
            }
            case ACCEPT_AND_REMEMBER -> {
                remember(host, type, key);
                outcome = Outcome.REMEMBERED;
                return OK;
            }
            default -> {
                outcome = Outcome.CANCELLED;
                return NOT_INCLUDED;
            }
        }
    }

    private void remember(String host, String type, byte[] key) {
        String line = (hash ? hashed(host) : host) + " " + type + " " + Base64.getEncoder().encodeToString(key) + "\n";
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            boolean missingNewline = Files.isRegularFile(file) && Files.size(file) > 0
                && !Files.readString(file, StandardCharsets.UTF_8).endsWith("\n");
            Files.writeString(file, (missingNewline ? "\n" : "") + line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            LOG.info("added {} {} to {}", host, type, file);
        } catch (IOException e) {
            // accepted for this connection anyway: the user said yes
            LOG.warn("cannot write {}: {}", file, e.getMessage());
        }
    }

    /** OpenSSH's hashed host name: |1|base64(salt)|base64(HMAC-SHA1 of the name, keyed by the salt). */
    static String hashed(String host) {
        try {
            byte[] salt = new byte[20];
            new java.security.SecureRandom().nextBytes(salt);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA1"));
            byte[] h = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
            return "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(h);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA256:base64 (no padding) of the key blob, as OpenSSH prints it. */
    static String fingerprint(byte[] key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The algorithm name at the start of an SSH public key blob. */
    static String typeOf(byte[] key) {
        if (key.length < 4) {
            return "unknown";
        }
        int n = ((key[0] & 0xff) << 24) | ((key[1] & 0xff) << 16) | ((key[2] & 0xff) << 8) | (key[3] & 0xff);
        return n > 0 && n <= key.length - 4 ? new String(key, 4, n, StandardCharsets.US_ASCII) : "unknown";
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        known.add(hostkey, ui);
    }

    @Override
    public void remove(String host, String type) {
        known.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        known.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return file.toString();
    }

    @Override
    public HostKey[] getHostKey() {
        List<HostKey> all = new ArrayList<>(List.of(known.getHostKey()));
        others.forEach(r -> all.addAll(List.of(r.getHostKey())));
        return all.toArray(HostKey[]::new);
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        List<HostKey> all = new ArrayList<>(List.of(known.getHostKey(host, type)));
        others.forEach(r -> all.addAll(List.of(r.getHostKey(host, type))));
        return all.toArray(HostKey[]::new);
    }
}
