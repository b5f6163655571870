package org.vireo.ui.ssh;

import java.util.Optional;

/** The SSH questions as the views ask them; called on the FX thread, answers synchronously (a modal dialog). */
public interface SshQuestions {

    enum HostKeyAnswer { ACCEPT_ONCE, ACCEPT_AND_REMEMBER, CANCEL }

    /**
     * @param knownFingerprint what known_hosts has, for a changed key; empty for an unknown one
     */
    record HostKeyQuestion(String host, String keyType, String fingerprint, String knownFingerprint, String knownHostsFile) {
    }

    /**
     * @param kind   "password" or "passphrase"
     * @param target user@host, or the key file for a passphrase
     * @param retry  the previous answer was refused
     */
    record SecretQuestion(String kind, String destination, String target, boolean retry) {
    }

    HostKeyAnswer unknownHostKey(HostKeyQuestion q);

    void changedHostKey(HostKeyQuestion q);

    Optional<char[]> secret(SecretQuestion q);

    Optional<String[]> keyboardInteractive(String destination, String instruction, String[] prompts, boolean[] echo);
}
