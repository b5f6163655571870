package org.vireo.model;

/** The words for libvirt's state reasons (virDomain*Reason), as virsh domstate --reason prints them. */
public final class StateReasons {
    private static final String[] RUNNING = {"unknown", "booted", "migrated", "restored", "from snapshot",
        "unpaused", "migration canceled", "save canceled", "event wakeup", "crashed", "post-copy", "post-copy failed"};
    private static final String[] BLOCKED = {"unknown"};
    private static final String[] PAUSED = {"unknown", "user", "migrating", "saving", "dumping", "I/O error",
        "watchdog", "from snapshot", "shutting down", "creating snapshot", "API error", "starting up",
        "post-copy", "post-copy failed"};
    private static final String[] SHUTDOWN = {"unknown", "user"};
    private static final String[] SHUTOFF = {"unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
        "failed", "from snapshot", "daemon"};
    private static final String[] CRASHED = {"unknown", "panicked"};
    private static final String[] PMSUSPENDED = {"unknown"};

    private StateReasons() {
    }

    public static String describe(DomainState state, int reason) {
        String[] words = switch (state) {
            case RUNNING -> RUNNING;
            case BLOCKED -> BLOCKED;
            case PAUSED -> PAUSED;
            case SHUTDOWN -> SHUTDOWN;
            case SHUTOFF -> SHUTOFF;
            case CRASHED -> CRASHED;
            case PMSUSPENDED -> PMSUSPENDED;
            case NOSTATE -> new String[] {"unknown"};
        };
        return reason >= 0 && reason < words.length ? words[reason] : "reason " + reason;
    }
}
