package org.vireo.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The volume id of an ISO 9660 image: the primary volume descriptor sits at byte 32768
 * (type 1, "CD001"), its volume id at +40, 32 bytes padded with spaces. Enough to detect the
 * OS of install media without mounting them.
 */
public final class IsoLabel {
    /** Bytes needed from the start of the image. */
    public static final int HEAD = 32768 + 2048;
    private static final int PVD = 32768;

    private IsoLabel() {
    }

    /** The volume id in the image's first {@link #HEAD} bytes, or "" when it is no ISO 9660 image. */
    public static String of(byte[] head) {
        if (head.length < PVD + 72 || head[PVD] != 1
            || !new String(head, PVD + 1, 5, StandardCharsets.US_ASCII).equals("CD001")) {
            return "";
        }
        return new String(head, PVD + 40, 32, StandardCharsets.US_ASCII).strip();
    }

    /** The volume id of a file on this computer, or "". */
    public static String of(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() < HEAD) {
                return "";
            }
            byte[] head = new byte[HEAD];
            f.readFully(head);
            return of(head);
        }
    }
}
