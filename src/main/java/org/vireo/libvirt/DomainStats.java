package org.vireo.libvirt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One domain's record from a bulk stats call: its identity plus libvirt's typed
 * parameters ("state.state", "cpu.time", "block.0.rd.bytes" ...) kept as parallel arrays,
 * because thousands of these are made every tick.
 */
public final class DomainStats {
    private final String uuid;
    private final String name;
    private final int id;
    private final StatsLayout layout;
    private final long[] numbers;
    private final double[] reals;
    private final String[] strings;

    DomainStats(String uuid, String name, int id, StatsLayout layout, long[] numbers, double[] reals, String[] strings) {
        this.uuid = uuid;
        this.name = name;
        this.id = id;
        this.layout = layout;
        this.numbers = numbers;
        this.reals = reals;
        this.strings = strings;
    }

    public String uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    public int id() {
        return id;
    }

    /** The parameter names, in libvirt's order (shared: do not change). */
    public String[] keys() {
        return layout.keys;
    }

    /** The integral value of a key, or {@code fallback} when the record lacks it. */
    public long getLong(String key, long fallback) {
        int i = layout.indexOf(key);
        if (i < 0) {
            return fallback;
        }
        return strings[i] != null || !Double.isNaN(reals[i]) ? fallback : numbers[i];
    }

    public double getDouble(String key, double fallback) {
        int i = layout.indexOf(key);
        if (i < 0) {
            return fallback;
        }
        return !Double.isNaN(reals[i]) ? reals[i] : strings[i] != null ? fallback : numbers[i];
    }

    public String getString(String key) {
        int i = layout.indexOf(key);
        return i < 0 ? null : strings[i];
    }

    public boolean has(String key) {
        return layout.indexOf(key) >= 0;
    }

    /** A copy with more integral values appended (used to fill what a driver leaves out). */
    DomainStats with(String[] moreKeys, long[] moreNumbers) {
        int n = numbers.length;
        int m = moreKeys.length;
        long[] num = java.util.Arrays.copyOf(numbers, n + m);
        double[] re = java.util.Arrays.copyOf(reals, n + m);
        String[] str = java.util.Arrays.copyOf(strings, n + m);
        for (int i = 0; i < m; i++) {
            num[n + i] = moreNumbers[i];
            re[n + i] = Double.NaN;
        }
        return new DomainStats(uuid, name, id, layout.plus(moreKeys), num, re, str);
    }

    public int size() {
        return numbers.length;
    }

    /** All values as a map, for tests and debugging views. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        String[] keys = layout.keys;
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
