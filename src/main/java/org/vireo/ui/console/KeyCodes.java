package org.vireo.ui.console;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.input.KeyCode;

/**
 * JavaFX key codes to what QEMU's extended key event wants: the XT scancode in QEMU's
 * numbering (0xE0-prefixed keys as 0x80 + code) and an X keysym for servers without it.
 * JavaFX gives no hardware keycode, so the table is by key position on a US keyboard;
 * the guest's own layout then decides the character.
 */
final class KeyCodes {
    /** {keysym, scancode}. */
    private static final Map<KeyCode, int[]> TABLE = new EnumMap<>(KeyCode.class);

    static {
        String row1 = "1234567890";
        for (int i = 0; i < row1.length(); i++) {
            put(KeyCode.valueOf("DIGIT" + row1.charAt(i)), row1.charAt(i), 0x02 + i);
        }
        int[] letters = {0x1e, 0x30, 0x2e, 0x20, 0x12, 0x21, 0x22, 0x23, 0x17, 0x24, 0x25, 0x26, 0x32, 0x31, 0x18,
            0x19, 0x10, 0x13, 0x1f, 0x14, 0x16, 0x2f, 0x11, 0x2d, 0x15, 0x2c};
        for (int i = 0; i < 26; i++) {
            put(KeyCode.valueOf(String.valueOf((char) ('A' + i))), 'a' + i, letters[i]);
        }
        put(KeyCode.ESCAPE, 0xff1b, 0x01);
        put(KeyCode.MINUS, '-', 0x0c);
        put(KeyCode.EQUALS, '=', 0x0d);
        put(KeyCode.BACK_SPACE, 0xff08, 0x0e);
        put(KeyCode.TAB, 0xff09, 0x0f);
        put(KeyCode.OPEN_BRACKET, '[', 0x1a);
        put(KeyCode.CLOSE_BRACKET, ']', 0x1b);
        put(KeyCode.ENTER, 0xff0d, 0x1c);
        put(KeyCode.CONTROL, 0xffe3, 0x1d);
        put(KeyCode.SEMICOLON, ';', 0x27);
        put(KeyCode.QUOTE, '\'', 0x28);
        put(KeyCode.BACK_QUOTE, '`', 0x29);
        put(KeyCode.DEAD_GRAVE, '`', 0x29);
        put(KeyCode.SHIFT, 0xffe1, 0x2a);
        put(KeyCode.BACK_SLASH, '\\', 0x2b);
        put(KeyCode.COMMA, ',', 0x33);
        put(KeyCode.PERIOD, '.', 0x34);
        put(KeyCode.SLASH, '/', 0x35);
        put(KeyCode.MULTIPLY, 0xffaa, 0x37);
        put(KeyCode.ALT, 0xffe9, 0x38);
        put(KeyCode.SPACE, ' ', 0x39);
        put(KeyCode.CAPS, 0xffe5, 0x3a);
        for (int i = 1; i <= 10; i++) {
            put(KeyCode.valueOf("F" + i), 0xffbe + i - 1, 0x3b + i - 1);
        }
        put(KeyCode.F11, 0xffc8, 0x57);
        put(KeyCode.F12, 0xffc9, 0x58);
        put(KeyCode.NUM_LOCK, 0xff7f, 0x45);
        put(KeyCode.SCROLL_LOCK, 0xff14, 0x46);
        put(KeyCode.NUMPAD7, 0xffb7, 0x47);
        put(KeyCode.NUMPAD8, 0xffb8, 0x48);
        put(KeyCode.NUMPAD9, 0xffb9, 0x49);
        put(KeyCode.SUBTRACT, 0xffad, 0x4a);
        put(KeyCode.NUMPAD4, 0xffb4, 0x4b);
        put(KeyCode.NUMPAD5, 0xffb5, 0x4c);
        put(KeyCode.NUMPAD6, 0xffb6, 0x4d);
        put(KeyCode.ADD, 0xffab, 0x4e);
        put(KeyCode.NUMPAD1, 0xffb1, 0x4f);
        put(KeyCode.NUMPAD2, 0xffb2, 0x50);
        put(KeyCode.NUMPAD3, 0xffb3, 0x51);
        put(KeyCode.NUMPAD0, 0xffb0, 0x52);
        put(KeyCode.DECIMAL, 0xffae, 0x53);
        put(KeyCode.LESS, '<', 0x56);
        put(KeyCode.DIVIDE, 0xffaf, 0xb5);
        put(KeyCode.ALT_GRAPH, 0xfe03, 0xb8);
        put(KeyCode.HOME, 0xff50, 0xc7);
        put(KeyCode.UP, 0xff52, 0xc8);
        put(KeyCode.PAGE_UP, 0xff55, 0xc9);
        put(KeyCode.LEFT, 0xff51, 0xcb);
        put(KeyCode.RIGHT, 0xff53, 0xcd);
        put(KeyCode.END, 0xff57, 0xcf);
        put(KeyCode.DOWN, 0xff54, 0xd0);
        put(KeyCode.PAGE_DOWN, 0xff56, 0xd1);
        put(KeyCode.INSERT, 0xff63, 0xd2);
        put(KeyCode.DELETE, 0xffff, 0xd3);
        put(KeyCode.WINDOWS, 0xffeb, 0xdb);
        put(KeyCode.META, 0xffeb, 0xdb);
        put(KeyCode.COMMAND, 0xffeb, 0xdb);
        put(KeyCode.CONTEXT_MENU, 0xff67, 0xdd);
        put(KeyCode.PRINTSCREEN, 0xff61, 0xb7);
        put(KeyCode.PAUSE, 0xff13, 0xc6);
    }

    private KeyCodes() {
    }

    private static void put(KeyCode code, int keysym, int scancode) {
        TABLE.put(code, new int[] {keysym, scancode});
    }

    /** {keysym, scancode} of a key, or null for keys the guest has no use for. */
    static int[] of(KeyCode code) {
        return TABLE.get(code);
    }

    /** Scancodes of the keys a Send Key entry presses, in order (released in reverse). */
    static final int CTRL = 0x1d;
    static final int ALT = 0x38;
    static final int DEL = 0xd3;
    static final int BACKSPACE = 0x0e;
    static final int SYSRQ = 0x54;
    static final int PRINT = 0xb7;

    static int f(int n) {
        return n <= 10 ? 0x3b + n - 1 : n == 11 ? 0x57 : 0x58;
    }
}
