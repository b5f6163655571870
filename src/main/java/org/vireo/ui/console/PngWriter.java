package org.vireo.ui.console;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * ARGB pixels to a PNG file (8-bit RGB, no filter): what a console screenshot needs, without
 * AWT's ImageIO, whose java.desktop module the packaged runtime leaves out.
 */
final class PngWriter {
    private PngWriter() {
    }

    static void write(int[] argb, int width, int height, OutputStream out) throws IOException {
        DataOutputStream png = new DataOutputStream(out);
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});
        chunk(png, "IHDR", header.toByteArray());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(data)) {
            byte[] row = new byte[1 + width * 3];
            for (int y = 0; y < height; y++) {
                row[0] = 0;
                for (int x = 0, i = 1; x < width; x++) {
                    int p = argb[y * width + x];
                    row[i++] = (byte) (p >> 16);
                    row[i++] = (byte) (p >> 8);
                    row[i++] = (byte) p;
                }
                z.write(row);
            }
        }
        chunk(png, "IDAT", data.toByteArray());
        chunk(png, "IEND", new byte[0]);
        png.flush();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(body.length);
        out.write(t);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }
}
