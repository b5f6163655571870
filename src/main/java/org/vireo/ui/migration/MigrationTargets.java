package org.vireo.ui.migration;

import java.util.List;
import org.vireo.model.ConnectionState;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;

/**
 * Which hosts can take a domain, and why not: the wizard greys a refused host out with the
 * reason and a drop onto it is refused with the same words.
 */
public final class MigrationTargets {
    private MigrationTargets() {
    }

    /** Why {@code destination} cannot take all of {@code domains} under {@code newName}; empty when it can. */
    public static String refusal(List<DomainRowViewModel> domains, HostViewModel destination, String newName) {
        if (domains.isEmpty()) {
            return "Nothing to migrate.";
        }
        HostViewModel source = domains.getFirst().host();
        if (destination == source) {
            return "This is the host the domain runs on.";
        }
        if (domains.stream().anyMatch(d -> d.host() != source)) {
            return "The domains chosen are on different hosts: migrate them one host at a time.";
        }
        if (destination.getState() != ConnectionState.CONNECTED) {
            return "Not connected" + (destination.getError().isEmpty() ? "." : ": " + destination.getError());
        }
        if (source.getState() != ConnectionState.CONNECTED) {
            return "The source host " + source.titleProperty().get() + " is not connected.";
        }
        String from = driver(source.uri());
        String to = driver(destination.uri());
        if (to.equals("test") || from.equals("test")) {
            return "libvirt's test driver does not migrate domains.";
        }
        if (!from.equals(to)) {
            return "A " + to + " host cannot run a " + from + " domain.";
        }
        String hs = source.hostname();
        if (!hs.isEmpty() && hs.equals(destination.hostname()) && !hs.equals("localhost")) {
            return "Same machine as the source (" + hs + ").";
        }
        for (DomainRowViewModel d : domains) {
            String name = newName == null || newName.isBlank() ? d.getName() : newName.strip();
            if (destination.domains().stream().anyMatch(x -> x.getName().equals(name) || x.uuid().equals(d.uuid()))) {
                return "A domain named " + name + " (or with its UUID) is already there.";
            }
        }
        return "";
    }

    /** "qemu" of qemu+ssh://host/system, "test" of test:///default. */
    static String driver(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri : uri.substring(0, colon);
        int plus = scheme.indexOf('+');
        return (plus < 0 ? scheme : scheme.substring(0, plus)).toLowerCase();
    }
}
