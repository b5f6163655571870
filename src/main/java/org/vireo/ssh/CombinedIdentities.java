package org.vireo.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import java.util.List;
import java.util.Vector;

/** The agent's keys first, then the key files: JSch offers them in this order. */
final class CombinedIdentities implements IdentityRepository {
    private final List<IdentityRepository> parts;

    CombinedIdentities(List<IdentityRepository> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public String getName() {
        return "vireo";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        Vector<Identity> all = new Vector<>();
        for (IdentityRepository r : parts) {
            if (r.getStatus() != UNAVAILABLE) {
                all.addAll(r.getIdentities());
            }
        }
        return all;
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {
    }
}
