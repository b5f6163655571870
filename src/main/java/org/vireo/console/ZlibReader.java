package org.vireo.console;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One of RFB's zlib streams (ZRLE has one per connection, Zlib another): each rectangle
 * brings a length-prefixed chunk that continues the same stream. Reads the inflated bytes.
 */
final class ZlibReader {
    private final Inflater inflater = new Inflater();
    private byte[] input = new byte[64 * 1024];
    private final byte[] out = new byte[64 * 1024];
    private int pos;
    private int limit;

    /** Reads the next chunk (u32 length + data) from {@code in}. */
    void feed(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > 64 * 1024 * 1024) {
            throw new IOException("zlib chunk of " + len + " bytes");
        }
        if (input.length < len) {
            input = new byte[len];
        }
        in.readFully(input, 0, len);
        inflater.setInput(input, 0, len);
    }

    private void fill() throws IOException {
        try {
            limit = inflater.inflate(out);
            pos = 0;
            if (limit == 0) {
                throw new IOException("zlib data ended inside a rectangle");
            }
        } catch (DataFormatException e) {
            throw new IOException("bad zlib data: " + e.getMessage(), e);
        }
    }

    int u8() throws IOException {
        if (pos == limit) {
            fill();
        }
        return out[pos++] & 0xFF;
    }

    void read(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == limit) {
                fill();
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(out, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Drops what is left of the current chunk (a decoder that stopped early). */
    void finishChunk() throws IOException {
        pos = limit;
        try {
            while (!inflater.needsInput()) {
                if (inflater.inflate(out) == 0) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("bad zlib data: " + e.getMessage(), e);
        }
        pos = limit = 0;
    }

    void end() {
        inflater.end();
    }
}
