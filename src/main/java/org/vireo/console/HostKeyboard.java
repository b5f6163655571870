package org.vireo.console;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The physical key behind a keysym on this machine's X11 (or XWayland) keyboard, as the XT
 * scancode QEMU's extended key event wants. JavaFX gives no hardware keycode, only a key
 * code derived from the layout; asking X which key produces the keysym in the current
 * layout gives the key's position, so the guest's own layout decides the character, as
 * with a keyboard plugged into it. Reads the layout in force when the console opened.
 */
public final class HostKeyboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyboard.class);
    /** evdev code (X keycode - 8) to QEMU's XT numbering; 0 where there is none. */
    private static final int[] EVDEV_TO_XT = new int[256];

    static {
        // evdev 1..88 are the XT set-1 codes themselves (Esc .. F12)
        for (int i = 1; i <= 88; i++) {
            EVDEV_TO_XT[i] = i;
        }
        int[][] extended = {
            {96, 0x9c}, {97, 0x9d}, {98, 0xb5}, {99, 0x54}, {100, 0xb8}, {102, 0xc7}, {103, 0xc8}, {104, 0xc9},
            {105, 0xcb}, {106, 0xcd}, {107, 0xcf}, {108, 0xd0}, {109, 0xd1}, {110, 0xd2}, {111, 0xd3}, {119, 0xc6},
            {125, 0xdb}, {126, 0xdc}, {127, 0xdd}};
        for (int[] e : extended) {
            EVDEV_TO_XT[e[0]] = e[1];
        }
    }

    private final Pointer display;

    private HostKeyboard(Pointer display) {
        this.display = display;
    }

    /** The X display's keyboard, when there is one (empty on Wayland without XWayland, or without libX11). */
    public static Optional<HostKeyboard> open() {
        if (System.getenv("DISPLAY") == null) {
            return Optional.empty();
        }
        try {
            Pointer d = X11.LIB.XOpenDisplay(null);
            return d == null ? Optional.empty() : Optional.of(new HostKeyboard(d));
        } catch (LinkageError | RuntimeException e) {
            LOG.info("no X11 keyboard lookup ({}); keys map by their US position", e.getMessage());
            return Optional.empty();
        }
    }

    /** The XT scancode of the key that types {@code keysym} in the host's layout; 0 when no key does. */
    public synchronized int scancode(int keysym) {
        if (keysym == 0) {
            return 0;
        }
        int keycode = X11.LIB.XKeysymToKeycode(display, new NativeLong(keysym)) & 0xFF;
        int evdev = keycode - 8;
        return evdev > 0 && evdev < EVDEV_TO_XT.length ? EVDEV_TO_XT[evdev] : 0;
    }

    /** The keysym of a character (X's Latin-1 keysyms equal the code point; others are 0x01000000 + code point). */
    public static int keysymOf(int codePoint) {
        if (codePoint >= 0x20 && codePoint <= 0x7e || codePoint >= 0xa0 && codePoint <= 0xff) {
            return codePoint;
        }
        return codePoint > 0xff ? 0x01000000 | codePoint : 0;
    }

    @Override
    public synchronized void close() {
        X11.LIB.XCloseDisplay(display);
    }

    private interface X11 extends Library {
        X11 LIB = Native.load("X11", X11.class);

        Pointer XOpenDisplay(String name);

        byte XKeysymToKeycode(Pointer display, NativeLong keysym);

        int XCloseDisplay(Pointer display);
    }
}
