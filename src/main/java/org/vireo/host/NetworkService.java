package org.vireo.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vireo.libvirt.NetworkApi;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.model.DhcpLease;
import org.vireo.model.DomainAddress;
import org.vireo.model.NetworkInfo;
import org.vireo.model.NetworkSpec;

/**
 * A host's virtual networks: every call runs {@link NetworkApi} on the host's worker and
 * completes with the value or libvirt's error. A new network's spec is checked again on the
 * worker against the host's current names before anything is sent.
 */
public final class NetworkService {
    private final HostSession session;

    public NetworkService(HostSession session) {
        this.session = session;
    }

    public String uri() {
        return session.uri();
    }

    private static NetworkApi api(VirtConnection c) {
        return new NetworkApi(c);
    }

    public CompletableFuture<List<NetworkInfo>> networks() {
        return session.submit(c -> api(c).networks());
    }

    public CompletableFuture<String> xml(String name) {
        return session.submit(c -> api(c).xml(name));
    }

    public CompletableFuture<Void> start(String name) {
        return run(c -> api(c).start(name));
    }

    public CompletableFuture<Void> stop(String name) {
        return run(c -> api(c).stop(name));
    }

    public CompletableFuture<Void> setAutostart(String name, boolean on) {
        return run(c -> api(c).setAutostart(name, on));
    }

    public CompletableFuture<Void> delete(String name) {
        return run(c -> api(c).delete(name));
    }

    public CompletableFuture<NetworkInfo> create(NetworkSpec spec, boolean start, boolean autostart) {
        return session.submit(c -> {
            NetworkApi api = api(c);
            List<String> problems = spec.problems(api.networks().stream().map(NetworkInfo::name).toList());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join(" ", problems));
            }
            return api.create(spec, start, autostart);
        });
    }

    public CompletableFuture<List<DhcpLease>> leases(String name) {
        return session.submit(c -> api(c).leases(name));
    }

    /**
     * A running domain's addresses: from the DHCP leases of libvirt's networks, else from the
     * guest agent where the guest runs one (the agent's error is dropped: most guests have none).
     */
    public CompletableFuture<List<DomainAddress>> domainAddresses(String uuid) {
        return session.submit(c -> {
            List<DomainAddress> out = new ArrayList<>(api(c).domainAddresses(uuid, NetworkApi.SOURCE_LEASE));
            if (out.isEmpty()) {
                try {
                    out.addAll(api(c).domainAddresses(uuid, NetworkApi.SOURCE_AGENT));
                } catch (VirtException e) {
                    // no agent in the guest, or not answering
                }
            }
            return out;
        });
    }

    private CompletableFuture<Void> run(StorageService.VoidCall call) {
        return session.submit(c -> {
            call.run(c);
            return null;
        });
    }
}
