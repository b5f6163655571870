package org.vireo.ssh;

/**
 * What the user needs to judge a host key.
 *
 * @param host             the name known_hosts files it under ({@code host} or {@code [host]:port})
 * @param keyType          e.g. ssh-ed25519
 * @param fingerprint      SHA256:base64, as {@code ssh-keygen -lf} prints it
 * @param knownFingerprint for a changed key: the fingerprint known_hosts has; empty otherwise
 * @param knownHostsFile   the file checked (and written on "remember")
 */
public record HostKeyFacts(String host, String keyType, String fingerprint, String knownFingerprint, String knownHostsFile) {
}
