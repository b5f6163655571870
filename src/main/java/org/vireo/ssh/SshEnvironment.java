package org.vireo.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the SSH client finds the user's files and agent, and how it watches its links.
 * The app uses {@link #ofUser()}; tests point it at a lab's files.
 *
 * @param sshDir          ~/.ssh: default identity files live here
 * @param config          ~/.ssh/config (may be missing)
 * @param knownHosts      ~/.ssh/known_hosts (written when the user remembers a host key)
 * @param agentSocket     $SSH_AUTH_SOCK, if an agent is running
 * @param connectTimeout  TCP connect + handshake limit
 * @param keepAlive       SSH keepalive period; the link is declared dead after {@code keepAliveCount} silent periods
 */
public record SshEnvironment(Path sshDir, Path config, Path knownHosts, Optional<Path> agentSocket,
                             Duration connectTimeout, Duration keepAlive, int keepAliveCount) {

    public static SshEnvironment ofUser() {
        Path dir = Path.of(System.getProperty("user.home"), ".ssh");
        String sock = System.getenv("SSH_AUTH_SOCK");
        Optional<Path> agent = sock == null || sock.isBlank() ? Optional.empty() : Optional.of(Path.of(sock));
        return new SshEnvironment(dir, dir.resolve("config"), dir.resolve("known_hosts"), agent,
            Duration.ofSeconds(8), Duration.ofSeconds(2), 3);
    }

    public SshEnvironment withAgent(Path socket) {
        return new SshEnvironment(sshDir, config, knownHosts, Optional.ofNullable(socket), connectTimeout, keepAlive, keepAliveCount);
    }

    public SshEnvironment withKeepAlive(Duration period, int count) {
        return new SshEnvironment(sshDir, config, knownHosts, agentSocket, connectTimeout, period, count);
    }

    public boolean hasAgent() {
        return agentSocket.isPresent() && Files.exists(agentSocket.get());
    }
}
