package org.vireo.job;

import org.vireo.libvirt.VirtException;
import org.vireo.model.JobStats;

/**
 * How a running job is watched and stopped, from threads other than the one blocked in the
 * job's call: libvirt runs a stats query or an abort beside a migrate or save on one connection.
 */
public interface JobControl {
    /** The job's current figures (virDomainGetJobStats). */
    JobStats poll() throws VirtException;

    /** Asks libvirt to abort the job (virDomainAbortJob); the job's own call then returns with an error. */
    void abort() throws VirtException;

    /** For jobs libvirt cannot watch or stop (restore: the domain does not exist yet). */
    JobControl NONE = new JobControl() {
        @Override
        public JobStats poll() {
            return JobStats.EMPTY;
        }

        @Override
        public void abort() throws VirtException {
            throw new VirtException(0, "", "", "libvirt cannot cancel this job", null);
        }
    };

    /** The figures of the job once it ended (VIR_DOMAIN_JOB_STATS_COMPLETED), or null where libvirt has none. */
    default JobStats completed() throws VirtException {
        return null;
    }

    default boolean cancellable() {
        return this != NONE;
    }
}
