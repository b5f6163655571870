package org.vireo.ui.domain;

/** Formats bytes as a hex dump: offset, 16 bytes in hex, and their printable characters. */
public final class HexView {
    private HexView() {
    }

    public static String format(long base, byte[] data) {
        StringBuilder s = new StringBuilder();
        for (int row = 0; row < data.length; row += 16) {
            s.append(String.format("%08x  ", base + row));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (row + i < data.length) {
                    int b = data[row + i] & 0xff;
                    s.append(String.format("%02x ", b));
                    text.append(b >= 32 && b < 127 ? (char) b : '.');
                } else {
                    s.append("   ");
                }
                if (i == 7) {
                    s.append(' ');
                }
            }
            s.append(" |").append(text).append("|\n");
        }
        return s.toString();
    }
}
