package org.vireo.libvirt;

import java.util.HashMap;
import java.util.Map;

/**
 * The parameter names of a bulk stats record, in order, with a lookup table. Records of one
 * shape (same disks, same NICs) share one layout, tick after tick, so the names are read
 * from native memory and hashed once, not once per domain per tick.
 */
final class StatsLayout {
    final String[] keys;
    /** The names as libvirt sent them (ASCII), to recognise the same shape next time. */
    final byte[][] raw;
    private final Map<String, Integer> index;
    private StatsLayout withInfo;
    private String[] withInfoKeys;

    StatsLayout(String[] keys, byte[][] raw) {
        this.keys = keys;
        this.raw = raw;
        this.index = HashMap.newHashMap(keys.length);
        for (int i = keys.length - 1; i >= 0; i--) {
            // the first of a repeated name wins, as a scan from the front would find it
            index.put(keys[i], i);
        }
    }

    int indexOf(String key) {
        Integer i = index.get(key);
        return i == null ? -1 : i;
    }

    /** This layout with {@code more} appended, made once per layout for the same {@code more}. */
    synchronized StatsLayout plus(String[] more) {
        if (withInfoKeys != more) {
            String[] k = java.util.Arrays.copyOf(keys, keys.length + more.length);
            byte[][] r = java.util.Arrays.copyOf(raw, raw.length + more.length);
            for (int i = 0; i < more.length; i++) {
                k[keys.length + i] = more[i];
                r[raw.length + i] = more[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }
            withInfo = new StatsLayout(k, r);
            withInfoKeys = more;
        }
        return withInfo;
    }
}
