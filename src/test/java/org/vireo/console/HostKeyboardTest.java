package org.vireo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;
import org.vireo.support.Await;

/**
 * The physical key behind a character on the X display the tests run on (Xvfb): with the US
 * layout, and with Y and Z swapped in the server's keyboard map the way a German (QWERTZ)
 * layout has them. The scancode follows the key that types the character.
 */
class HostKeyboardTest {
    private static final int KEYCODE_AD06 = 29; // the key right of T: Y on QWERTY, Z on QWERTZ
    private static final int KEYCODE_AB01 = 52; // the key right of left Shift (on pc104): Z on QWERTY, Y on QWERTZ

    private interface X11 extends Library {
        X11 LIB = Native.load("X11", X11.class);

        Pointer XOpenDisplay(String name);

        int XChangeKeyboardMapping(Pointer display, int firstKeycode, int keysymsPerKeycode, long[] keysyms, int numCodes);

        int XSync(Pointer display, boolean discard);

        int XCloseDisplay(Pointer display);
    }

    /** Changes one key's keysyms; the connection that made the change stays open while it is used (Xvfb drops it otherwise). */
    private static void map(Pointer d, int keycode, char lower, char upper) {
        X11.LIB.XChangeKeyboardMapping(d, keycode, 2, new long[] {lower, upper}, 1);
        X11.LIB.XSync(d, false);
    }

    /**
     * A connection of the test's own. XOpenDisplay can return NULL for a moment on a loaded
     * machine (seen once in a whole run: the next call crashed the JVM in Xlib); asked again
     * until it answers, or the test fails saying so.
     */
    private static Pointer openDisplay() {
        Pointer[] d = new Pointer[1];
        Await.until(java.time.Duration.ofSeconds(10), "a connection to the X display " + System.getenv("DISPLAY"),
            () -> (d[0] = X11.LIB.XOpenDisplay(null)) != null);
        return d[0];
    }

    @Test
    void aCharacterMapsToTheKeyThatTypesItInTheHostLayout() {
        assertTrue(System.getenv("DISPLAY") != null, "UI tests run on an X display (src/scripts/test starts Xvfb)");
        try (HostKeyboard us = HostKeyboard.open().orElseThrow()) {
            assertEquals(0x2c, us.scancode('z'));
            assertEquals(0x15, us.scancode('y'));
            assertEquals(0x1e, us.scancode('A'), "a shifted letter is the same key");
            assertEquals(0x02, us.scancode('!'), "Shift+1");
            assertEquals(0x39, us.scancode(' '));
        }
        Pointer control = openDisplay();
        try {
            map(control, KEYCODE_AD06, 'z', 'Z');
            map(control, KEYCODE_AB01, 'y', 'Y');
            try (HostKeyboard qwertz = HostKeyboard.open().orElseThrow()) {
                // the layout is read when a console opens
                assertEquals(0x15, qwertz.scancode('z'), "Z typed on the key where the US Y is");
                assertEquals(0x2c, qwertz.scancode('y'));
            }
        } finally {
            map(control, KEYCODE_AD06, 'y', 'Y');
            map(control, KEYCODE_AB01, 'z', 'Z');
            X11.LIB.XCloseDisplay(control);
        }
    }
}
