package org.vireo.model;

/**
 * A storage pool as listed: virStoragePoolGetInfo's state and figures (bytes), its flags, and
 * its type and target path from the pool's XML.
 */
public record PoolInfo(String name, String uuid, String state, boolean active, long capacity, long allocation,
                       long available, boolean autostart, boolean persistent, String type, String targetPath) {
    /** virStoragePoolState names, by value. */
    private static final String[] STATES = {"inactive", "building", "running", "degraded", "inaccessible"};

    public static String stateName(int state) {
        return state >= 0 && state < STATES.length ? STATES[state] : "state " + state;
    }

    /** Share of the capacity in use, 0..1, or -1 when the pool is not running (no figures). */
    public double usage() {
        return !active || capacity <= 0 ? -1 : Math.min(1, (double) allocation / capacity);
    }
}
