package org.vireo.libvirt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One domain's record from a bulk stats call: its identity plus libvirt's typed
 * parameters ("state.state", "cpu.time", "block.0.rd.bytes" ...) kept as parallel arrays,
 * because thousands of these are made every tick.
 */
public record DomainStats(String uuid, String name, int id, String[] keys, long[] numbers, double[] reals,
                          String[] strings) {

    /** The integral value of a key, or {@code fallback} when the record lacks it. */
    public long getLong(String key, long fallback) {
        int i = indexOf(key);
        if (i < 0) {
            return fallback;
        }
        return strings[i] != null || !Double.isNaN(reals[i]) ? fallback : numbers[i];
    }

    public double getDouble(String key, double fallback) {
        int i = indexOf(key);
        if (i < 0) {
            return fallback;
        }
        return !Double.isNaN(reals[i]) ? reals[i] : strings[i] != null ? fallback : numbers[i];
    }

    public String getString(String key) {
        int i = indexOf(key);
        return i < 0 ? null : strings[i];
    }

    public boolean has(String key) {
        return indexOf(key) >= 0;
    }

    /** A copy with more integral values appended (used to fill what a driver leaves out). */
    DomainStats with(String[] moreKeys, long[] moreNumbers) {
        int n = keys.length;
        int m = moreKeys.length;
        String[] k = java.util.Arrays.copyOf(keys, n + m);
        long[] num = java.util.Arrays.copyOf(numbers, n + m);
        double[] re = java.util.Arrays.copyOf(reals, n + m);
        String[] str = java.util.Arrays.copyOf(strings, n + m);
        for (int i = 0; i < m; i++) {
            k[n + i] = moreKeys[i];
            num[n + i] = moreNumbers[i];
            re[n + i] = Double.NaN;
        }
        return new DomainStats(uuid, name, id, k, num, re, str);
    }

    public int size() {
        return keys.length;
    }

    private int indexOf(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** All values as a map, for tests and debugging views. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            Object value;
            if (strings[i] != null) {
                value = strings[i];
            } else if (!Double.isNaN(reals[i])) {
                value = reals[i];
            } else {
                value = numbers[i];
            }
            map.put(keys[i], value);
        }
        return map;
    }
}
