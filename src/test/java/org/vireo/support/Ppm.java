package org.vireo.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A screenshot as virsh writes it (PNG from QEMU 7.2, binary PPM from older ones), read into ARGB pixels. */
public record Ppm(int width, int height, int[] argb) {
    public static Ppm read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length > 4 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            // QEMU 7.2 writes its screenshots as PNG
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(b));
            int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
            return new Ppm(img.getWidth(), img.getHeight(), argb);
        }
        int[] pos = {0};
        String magic = token(b, pos);
        if (!magic.equals("P6")) {
            throw new IOException(file + " is not a binary PPM (" + magic + ")");
        }
        int w = Integer.parseInt(token(b, pos));
        int h = Integer.parseInt(token(b, pos));
        int max = Integer.parseInt(token(b, pos));
        if (max != 255) {
            throw new IOException("PPM with max " + max);
        }
        int p = pos[0] + 1;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++, p += 3) {
            argb[i] = 0xFF000000 | (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF);
        }
        return new Ppm(w, h, argb);
    }

    private static String token(byte[] b, int[] pos) {
        int p = pos[0];
        while (Character.isWhitespace(b[p]) || b[p] == '#') {
            if (b[p] == '#') {
                while (b[p] != '\n') {
                    p++;
                }
            }
            p++;
        }
        int start = p;
        while (!Character.isWhitespace(b[p])) {
            p++;
        }
        pos[0] = p;
        return new String(b, start, p - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** How many pixels differ by more than {@code tolerance} in any channel. */
    public int differingPixels(int[] other, int tolerance) {
        int n = 0;
        for (int i = 0; i < argb.length; i++) {
            int a = argb[i];
            int b = other[i];
            if (Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)) > tolerance || Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF)) > tolerance
                || Math.abs((a & 0xFF) - (b & 0xFF)) > tolerance) {
                n++;
            }
        }
        return n;
    }
}
