package org.vireo.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A virTypedParameter array built from Java values, for calls such as virDomainMigrate3 that
 * take named parameters; a name may repeat (migrate_disks, compression). The memory lives as
 * long as this object.
 */
final class TypedParams {
    private static final int STRING = 7;
    private static final int ULLONG = 4;
    private static final int INT = 1;

    private record Entry(String name, int type, Object value) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Memory> strings = new ArrayList<>();
    private Memory array;

    TypedParams string(String name, String value) {
        entries.add(new Entry(name, STRING, value));
        return this;
    }

    TypedParams ullong(String name, long value) {
        entries.add(new Entry(name, ULLONG, value));
        return this;
    }

    TypedParams integer(String name, int value) {
        entries.add(new Entry(name, INT, value));
        return this;
    }

    int size() {
        return entries.size();
    }

    /** The native array (null when empty, as libvirt accepts). */
    Pointer pointer() {
        if (entries.isEmpty()) {
            return null;
        }
        if (array == null) {
            array = new Memory((long) entries.size() * TypedParamCodec.PARAM_SIZE);
            array.clear();
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                long base = (long) i * TypedParamCodec.PARAM_SIZE;
                byte[] name = e.name().getBytes(StandardCharsets.US_ASCII);
                array.write(base, name, 0, Math.min(name.length, 79));
                array.setInt(base + 80, e.type());
                switch (e.type()) {
                    case STRING -> {
                        byte[] utf8 = ((String) e.value()).getBytes(StandardCharsets.UTF_8);
                        Memory m = new Memory(utf8.length + 1L);
                        m.write(0, utf8, 0, utf8.length);
                        m.setByte(utf8.length, (byte) 0);
                        strings.add(m);
                        array.setPointer(base + 88, m);
                    }
                    case ULLONG -> array.setLong(base + 88, (Long) e.value());
                    default -> array.setInt(base + 88, (Integer) e.value());
                }
            }
        }
        return array;
    }

    /** Decodes a libvirt-allocated array into name → Long / Double / Boolean / String. */
    static Map<String, Object> decode(Pointer params, int n) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            long base = (long) i * TypedParamCodec.PARAM_SIZE;
            String name = params.getString(base, "US-ASCII");
            int type = params.getInt(base + 80);
            long v = base + 88;
            Object value = switch (type) {
                case 1 -> (long) params.getInt(v);
                case 2 -> Integer.toUnsignedLong(params.getInt(v));
                case 3, 4 -> params.getLong(v);
                case 5 -> params.getDouble(v);
                case 6 -> params.getByte(v) != 0;
                case 7 -> {
                    Pointer p = params.getPointer(v);
                    yield p == null ? "" : p.getString(0, "UTF-8");
                }
                default -> null;
            };
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }
}
