package org.vireo.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Decodes an array of virTypedParameter (96 bytes each: name[80], int type, 8-byte value). */
final class TypedParams {
    static final int SIZE = 96;
    private static final int NAME_LENGTH = 80;
    private static final int TYPE_OFFSET = 80;
    private static final int VALUE_OFFSET = 88;

    private TypedParams() {
    }

    /** Copies the whole block in one native read, then decodes it in Java. */
    static DomainStats decode(String uuid, String name, int id, Pointer params, int count) {
        String[] keys = new String[count];
        long[] numbers = new long[count];
        double[] reals = new double[count];
        String[] strings = new String[count];
        if (count == 0) {
            return new DomainStats(uuid, name, id, keys, numbers, reals, strings);
        }
        ByteBuffer buf = ByteBuffer.wrap(params.getByteArray(0, count * SIZE)).order(ByteOrder.nativeOrder());
        byte[] raw = buf.array();
        for (int i = 0; i < count; i++) {
            int base = i * SIZE;
            int len = 0;
            while (len < NAME_LENGTH && raw[base + len] != 0) {
                len++;
            }
            keys[i] = new String(raw, base, len, StandardCharsets.US_ASCII);
            reals[i] = Double.NaN;
            int type = buf.getInt(base + TYPE_OFFSET);
            int v = base + VALUE_OFFSET;
            switch (type) {
                case 1 -> numbers[i] = buf.getInt(v); // INT
                case 2 -> numbers[i] = Integer.toUnsignedLong(buf.getInt(v)); // UINT
                case 3, 4 -> numbers[i] = buf.getLong(v); // LLONG, ULLONG (counters stay below 2^63)
                case 5 -> reals[i] = buf.getDouble(v);
                case 6 -> numbers[i] = buf.get(v) != 0 ? 1 : 0; // BOOLEAN (a char)
                case 7 -> {
                    long address = buf.getLong(v);
                    strings[i] = address == 0 ? "" : new Pointer(address).getString(0, "UTF-8");
                }
                default -> numbers[i] = 0;
            }
        }
        return new DomainStats(uuid, name, id, keys, numbers, reals, strings);
    }

    static int pointerSize() {
        return Native.POINTER_SIZE;
    }
}
