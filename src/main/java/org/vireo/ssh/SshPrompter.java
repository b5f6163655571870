package org.vireo.ssh;

import java.util.Optional;

/**
 * The questions an SSH connect may have to ask the user. Called on the host's worker
 * thread, which waits for the answer; an implementation shows its dialog elsewhere (the
 * FX thread). Secrets come back as char arrays that the caller wipes after use.
 */
public interface SshPrompter {

    enum HostKeyDecision { ACCEPT_ONCE, ACCEPT_AND_REMEMBER, CANCEL }

    /** The host offered a key that known_hosts does not have. */
    HostKeyDecision unknownHostKey(HostKeyFacts facts);

    /** The host offered a key that differs from the one in known_hosts: the connect is refused, the user is told. */
    void changedHostKey(HostKeyFacts facts);

    /** A passphrase for an encrypted key file; empty = cancel. {@code retry} after a wrong one. */
    Optional<char[]> passphrase(String destination, String keyFile, boolean retry);

    /** The account's password; empty = cancel. {@code retry} after a refused one. */
    Optional<char[]> password(String destination, boolean retry);

    /** Keyboard-interactive prompts (one answer per prompt); empty = cancel. */
    Optional<String[]> keyboardInteractive(String destination, String name, String instruction, String[] prompts, boolean[] echo);

    /** Answers nothing: for contexts without a user (benchmarks, tests of refusals). */
    SshPrompter NONE = new Declining();

    /** Cancels every question; subclasses answer the ones they script. */
    class Declining implements SshPrompter {
        @Override
        public HostKeyDecision unknownHostKey(HostKeyFacts facts) {
            return HostKeyDecision.CANCEL;
        }

        @Override
        public void changedHostKey(HostKeyFacts facts) {
        }

        @Override
        public Optional<char[]> passphrase(String destination, String keyFile, boolean retry) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> password(String destination, boolean retry) {
            return Optional.empty();
        }

        @Override
        public Optional<String[]> keyboardInteractive(String destination, String name, String instruction, String[] prompts, boolean[] echo) {
            return Optional.empty();
        }
    }
}
