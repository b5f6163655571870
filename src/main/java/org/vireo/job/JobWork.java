package org.vireo.job;

import org.vireo.libvirt.VirtException;

/** The blocking call a job runs on its own thread (virDomainMigrate3, virDomainSaveFlags ...). */
@FunctionalInterface
public interface JobWork {
    void run() throws VirtException;
}
