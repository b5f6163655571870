package org.vireo.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import java.lang.reflect.Field;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Stream;

/**
 * Reads the native pointers that the org.libvirt binding keeps in non-public fields, so
 * that {@link NativeVirt} can call what the binding lacks on the same objects.
 */
final class BindingPointers {
    private static final Field CONNECT = field(Connect.class, "vcp");
    private static final Field DOMAIN = field(Domain.class, "vdp");
    private static final Field STREAM = field(Stream.class, "vsp");
    private static final Field NETWORK = field(org.libvirt.Network.class, "vnp");

    private BindingPointers() {
    }

    static Pointer of(Connect conn) {
        return read(CONNECT, conn);
    }

    static Pointer of(Domain dom) {
        return read(DOMAIN, dom);
    }

    static Pointer of(Stream stream) {
        return read(STREAM, stream);
    }

    static Pointer of(org.libvirt.Network net) {
        return read(NETWORK, net);
    }

    private static Pointer read(Field field, Object owner) {
        try {
            PointerType p = (PointerType) field.get(owner);
            if (p == null || p.getPointer() == null) {
                throw new IllegalStateException(owner.getClass().getSimpleName() + " is closed");
            }
            return p.getPointer();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("org.libvirt binding changed: no field " + name + " in " + owner);
        }
    }
}
