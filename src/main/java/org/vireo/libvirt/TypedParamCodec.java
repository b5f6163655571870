package org.vireo.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vireo.model.TuningParam;

/** virTypedParameter arrays to and from {@link TuningParam}s (96 bytes each: name[80], type at 80, value at 88). */
final class TypedParamCodec {
    /** sizeof(virTypedParameter): char field[80]; int type; an 8-byte value union. */
    static final int PARAM_SIZE = 96;

    private static final String[] TYPES = {"", "int", "uint", "llong", "ullong", "double", "boolean", "string"};

    private TypedParamCodec() {
    }

    static List<TuningParam> decode(Pointer params, int n) {
        List<TuningParam> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long base = (long) i * TypedParamCodec.PARAM_SIZE;
            String name = params.getString(base, "US-ASCII");
            int type = params.getInt(base + 80);
            long v = base + 88;
            String value = switch (type) {
                case 1 -> Integer.toString(params.getInt(v));
                case 2 -> Integer.toUnsignedString(params.getInt(v));
                case 3 -> Long.toString(params.getLong(v));
                case 4 -> Long.toUnsignedString(params.getLong(v));
                case 5 -> Double.toString(params.getDouble(v));
                case 6 -> params.getByte(v) != 0 ? "yes" : "no";
                case 7 -> {
                    Pointer p = params.getPointer(v);
                    yield p == null ? "" : p.getString(0, "UTF-8");
                }
                default -> "?";
            };
            out.add(new TuningParam(name, type > 0 && type < TYPES.length ? TYPES[type] : "?", value));
        }
        return out;
    }

    /** The changed values with the types libvirt reported for them; {@code keep} holds string buffers alive. */
    static Memory encode(List<TuningParam> current, Map<String, String> changes, List<Memory> keep) {
        List<TuningParam> chosen = current.stream().filter(p -> changes.containsKey(p.name())).toList();
        if (chosen.size() != changes.size()) {
            List<String> unknown = changes.keySet().stream()
                .filter(k -> current.stream().noneMatch(p -> p.name().equals(k))).toList();
            throw new IllegalArgumentException("unknown parameter(s): " + unknown);
        }
        Memory mem = new Memory((long) Math.max(1, chosen.size()) * TypedParamCodec.PARAM_SIZE);
        mem.clear();
        for (int i = 0; i < chosen.size(); i++) {
            TuningParam p = chosen.get(i);
            String value = changes.get(p.name()).strip();
            long base = (long) i * TypedParamCodec.PARAM_SIZE;
            byte[] name = p.name().getBytes(StandardCharsets.US_ASCII);
            mem.write(base, name, 0, Math.min(name.length, 79));
            int type = java.util.Arrays.asList(TYPES).indexOf(p.type());
            mem.setInt(base + 80, type);
            long v = base + 88;
            try {
                switch (type) {
                    case 1 -> mem.setInt(v, Integer.parseInt(value));
                    case 2 -> mem.setInt(v, Integer.parseUnsignedInt(value));
                    case 3 -> mem.setLong(v, Long.parseLong(value));
                    case 4 -> mem.setLong(v, Long.parseUnsignedLong(value));
                    case 5 -> mem.setDouble(v, Double.parseDouble(value));
                    case 6 -> mem.setByte(v, (byte) (value.matches("(?i)yes|true|1|on") ? 1 : 0));
                    case 7 -> {
                        Memory s = new Memory(value.getBytes(StandardCharsets.UTF_8).length + 1L);
                        s.setString(0, value, "UTF-8");
                        keep.add(s);
                        mem.setPointer(v, s);
                    }
                    default -> throw new IllegalArgumentException("cannot set " + p.name() + " of type " + p.type());
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(p.name() + " needs a " + p.type() + " value, not \"" + value + "\"");
            }
        }
        return mem;
    }
}
