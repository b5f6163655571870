package org.vireo.console;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A VNC (RFB 3.8) client for QEMU's VNC server: None and VNC authentication; ZRLE, Hextile,
 * Zlib and Raw; DesktopSize, ExtendedDesktopSize, Cursor, AlphaCursor, PointerTypeChange,
 * QEMU's extended key event and LED state. {@link #run()} reads and decodes on the
 * caller's thread (never the FX thread); input goes out through a sender thread of its
 * own, so that whoever sends a key never waits on the link. One update request is kept
 * outstanding: the next goes out as soon as an update has been decoded.
 */
public final class RfbClient implements AutoCloseable {
    public static final int RAW = 0;
    public static final int HEXTILE = 5;
    public static final int ZLIB = 6;
    public static final int ZRLE = 16;
    static final int DESKTOP_SIZE = -223;
    static final int RICH_CURSOR = -239;
    static final int POINTER_TYPE_CHANGE = -257;
    static final int QEMU_EXTENDED_KEY = -258;
    static final int LED_STATE = -261;
    static final int EXTENDED_DESKTOP_SIZE = -308;
    static final int ALPHA_CURSOR = -314;

    /** What the client tells its owner; called on the reader thread. */
    public interface Listener {
        default void connected(String name, int width, int height) { }

        /** The framebuffer changed size (its generation changed). */
        default void resized(int width, int height) { }

        /** One whole update has been decoded: the dirty region of {@link #framebuffer()} is ready to copy. */
        default void updated() { }

        /** The guest's pointer shape, ARGB premultiplied, or width 0 for none. */
        default void cursor(int[] argb, int width, int height, int hotX, int hotY) { }

        default void pointerType(boolean absolute) { }

        /** Bits: 0 scroll lock, 1 num lock, 2 caps lock. */
        default void leds(int state) { }

        /** The server answered a SetDesktopSize: 0 done, else RFB's refusal code. */
        default void resizeAnswered(int status) { }

        default void bell() { }
    }

    /** Asked when the server wants VNC authentication; null cancels. */
    public interface PasswordSource {
        char[] password() throws InterruptedException;
    }

    private final DataInputStream in;
    private final OutputStream out;
    private final Listener listener;
    private final PasswordSource passwords;
    private final int[] encodings;
    private final Framebuffer fb = new Framebuffer(1, 1);
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final Thread sender;
    private final ZlibReader zrle = new ZlibReader();
    private final ZlibReader zlib = new ZlibReader();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean extendedKeys;
    private volatile boolean extendedDesktopSize;
    private volatile boolean absolutePointer = true;
    private volatile int screenId;
    private volatile String name = "";
    private byte[] row = new byte[0];
    private byte[] tile = new byte[64 * 64 * 4];

    public RfbClient(InputStream in, OutputStream out, PasswordSource passwords, Listener listener) {
        this(in, out, passwords, listener, new int[] {ZRLE, HEXTILE, ZLIB, RAW});
    }

    /** @param encodings the pixel encodings to offer, best first */
    public RfbClient(InputStream in, OutputStream out, PasswordSource passwords, Listener listener, int[] encodings) {
        this.in = new DataInputStream(new BufferedInputStream(new CountingInput(in, bytesIn), 256 * 1024));
        this.out = out;
        this.passwords = passwords;
        this.listener = listener;
        this.encodings = encodings.clone();
        this.sender = Thread.ofPlatform().daemon().name("vnc-send").unstarted(this::sendLoop);
    }

    public Framebuffer framebuffer() {
        return fb;
    }

    public String name() {
        return name;
    }

    /** Updates decoded so far. */
    public long updates() {
        return updates.get();
    }

    public long bytesIn() {
        return bytesIn.get();
    }

    public boolean hasExtendedKeys() {
        return extendedKeys;
    }

    public boolean canResizeGuest() {
        return extendedDesktopSize;
    }

    public boolean absolutePointer() {
        return absolutePointer;
    }

    /** Handshake, then reads until the link ends; throws the reason it ended (EOFException when the server closed it). */
    public void run() throws IOException, RfbException, InterruptedException {
        try {
            sender.start();
            handshake();
            sendPixelFormat();
            sendEncodings();
            requestUpdate(false);
            while (!closed) {
                int type = in.readUnsignedByte();
                switch (type) {
                    case 0 -> readUpdate();
                    case 1 -> skipColourMap();
                    case 2 -> listener.bell();
                    case 3 -> skipCutText();
                    default -> throw new RfbException("unknown server message " + type);
                }
            }
        } catch (IOException e) {
            if (closed) {
                return;
            }
            throw e;
        } finally {
            zrle.end();
            zlib.end();
        }
    }

    private void handshake() throws IOException, RfbException, InterruptedException {
        byte[] version = new byte[12];
        in.readFully(version);
        String v = new String(version, StandardCharsets.US_ASCII);
        if (!v.startsWith("RFB 003.")) {
            throw new RfbException("not a VNC server (it said \"" + v.strip() + "\")");
        }
        int minor = Integer.parseInt(v.substring(8, 11));
        if (minor < 7) {
            throw new RfbException("RFB " + v.strip() + " is too old (3.7 or later needed)");
        }
        writeNow(("RFB 003.00" + Math.min(minor, 8) + "\n").getBytes(StandardCharsets.US_ASCII));
        int count = in.readUnsignedByte();
        if (count == 0) {
            throw new RfbException("the VNC server refused the connection: " + readString());
        }
        byte[] types = new byte[count];
        in.readFully(types);
        boolean none = false;
        boolean vnc = false;
        for (byte t : types) {
            none |= t == 1;
            vnc |= t == 2;
        }
        if (none) {
            writeNow(new byte[] {1});
        } else if (vnc) {
            writeNow(new byte[] {2});
            byte[] challenge = new byte[16];
            in.readFully(challenge);
            char[] password = passwords == null ? null : passwords.password();
            if (password == null) {
                throw new RfbException.Cancelled();
            }
            try {
                writeNow(VncAuth.response(challenge, password));
            } catch (GeneralSecurityException e) {
                throw new RfbException("DES for VNC authentication is not available: " + e.getMessage());
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        } else {
            throw new RfbException("the VNC server wants an authentication Vireo does not speak (types "
                + java.util.Arrays.toString(types) + ")");
        }
        int result = in.readInt();
        if (result != 0) {
            String why = minor >= 8 ? readString() : "";
            throw new RfbException.AuthFailed(why.isEmpty() ? "authentication failed" : why);
        }
        writeNow(new byte[] {1}); // shared: other viewers stay connected
        int w = in.readUnsignedShort();
        int h = in.readUnsignedShort();
        in.readFully(new byte[16]); // the server's pixel format: we set our own next
        name = readString();
        synchronized (fb.lock()) {
            fb.resize(w, h);
        }
        listener.connected(name, w, h);
        listener.resized(w, h);
    }

    private String readString() throws IOException {
        int len = in.readInt();
        if (len < 0 || len > 1 << 20) {
            throw new IOException("string of " + len + " bytes");
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** 32 bits per pixel, depth 24, little-endian, red at 16, green 8, blue 0: a pixel is 0x00RRGGBB read as an int. */
    private void sendPixelFormat() {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) 0).put(new byte[3]);
        b.put((byte) 32).put((byte) 24).put((byte) 0).put((byte) 1);
        b.putShort((short) 255).putShort((short) 255).putShort((short) 255);
        b.put((byte) 16).put((byte) 8).put((byte) 0).put(new byte[3]);
        send(b.array());
    }

    private void sendEncodings() {
        int[] pseudo = {DESKTOP_SIZE, EXTENDED_DESKTOP_SIZE, RICH_CURSOR, ALPHA_CURSOR, POINTER_TYPE_CHANGE,
            QEMU_EXTENDED_KEY, LED_STATE};
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * (encodings.length + pseudo.length));
        b.put((byte) 2).put((byte) 0).putShort((short) (encodings.length + pseudo.length));
        for (int e : encodings) {
            b.putInt(e);
        }
        for (int e : pseudo) {
            b.putInt(e);
        }
        send(b.array());
    }

    private void requestUpdate(boolean incremental) {
        int w;
        int h;
        synchronized (fb.lock()) {
            w = fb.width();
            h = fb.height();
        }
        ByteBuffer b = ByteBuffer.allocate(10);
        b.put((byte) 3).put((byte) (incremental ? 1 : 0)).putShort((short) 0).putShort((short) 0)
            .putShort((short) w).putShort((short) h);
        send(b.array());
    }

    private void readUpdate() throws IOException, RfbException {
        in.readUnsignedByte();
        int rects = in.readUnsignedShort();
        boolean resized = false;
        boolean pixels = false;
        for (int i = 0; i < rects; i++) {
            int x = in.readUnsignedShort();
            int y = in.readUnsignedShort();
            int w = in.readUnsignedShort();
            int h = in.readUnsignedShort();
            int enc = in.readInt();
            switch (enc) {
                case RAW -> {
                    readRaw(x, y, w, h);
                    pixels = true;
                }
                case HEXTILE -> {
                    readHextile(x, y, w, h);
                    pixels = true;
                }
                case ZLIB -> {
                    readZlib(x, y, w, h);
                    pixels = true;
                }
                case ZRLE -> {
                    readZrle(x, y, w, h);
                    pixels = true;
                }
                case DESKTOP_SIZE -> {
                    resize(w, h);
                    resized = true;
                }
                case EXTENDED_DESKTOP_SIZE -> resized |= readExtendedDesktopSize(x, y, w, h);
                case RICH_CURSOR -> readRichCursor(x, y, w, h);
                case ALPHA_CURSOR -> readAlphaCursor(x, y, w, h);
                case POINTER_TYPE_CHANGE -> {
                    absolutePointer = x != 0;
                    listener.pointerType(absolutePointer);
                }
                case QEMU_EXTENDED_KEY -> extendedKeys = true;
                case LED_STATE -> listener.leds(in.readUnsignedByte());
                default -> throw new RfbException("the server sent encoding " + enc + ", which was not asked for");
            }
        }
        // the next request first, so the server can prepare it while we hand this one over
        requestUpdate(!resized);
        if (pixels || resized) {
            updates.incrementAndGet();
            listener.updated();
        }
    }

    private void resize(int w, int h) {
        org.slf4j.LoggerFactory.getLogger(RfbClient.class).debug("desktop size {}x{}", w, h);
        synchronized (fb.lock()) {
            fb.resize(w, h);
        }
        listener.resized(w, h);
    }

    private boolean readExtendedDesktopSize(int reason, int status, int w, int h) throws IOException {
        int screens = in.readUnsignedByte();
        in.readFully(new byte[3]);
        for (int s = 0; s < screens; s++) {
            int id = in.readInt();
            in.readFully(new byte[12]);
            if (s == 0) {
                screenId = id;
            }
        }
        boolean learned = !extendedDesktopSize;
        extendedDesktopSize = true;
        if (reason == 1) {
            listener.resizeAnswered(status);
        }
        if (w != fb.width() || h != fb.height()) {
            resize(w, h);
            return true;
        }
        if (learned) {
            // same size, but the owner learns that the guest can be resized
            listener.resized(w, h);
        }
        return false;
    }

    private byte[] rowBuffer(int bytes) {
        if (row.length < bytes) {
            row = new byte[bytes];
        }
        return row;
    }

    private void readRaw(int x, int y, int w, int h) throws IOException {
        byte[] buf = rowBuffer(w * 4);
        for (int r = 0; r < h; r++) {
            in.readFully(buf, 0, w * 4);
            synchronized (fb.lock()) {
                putRow(buf, 0, x, y + r, w);
                if (r == h - 1) {
                    fb.markDirty(x, y, w, h);
                }
            }
        }
    }

    /** Caller holds the lock: one row of little-endian 32-bit pixels. */
    private void putRow(byte[] buf, int off, int x, int y, int w) {
        int[] px = fb.pixels();
        int fw = fb.width();
        if (y >= fb.height() || x >= fw) {
            return;
        }
        int n = Math.min(w, fw - x);
        int o = y * fw + x;
        for (int i = 0; i < n; i++, off += 4) {
            px[o + i] = 0xFF000000 | (buf[off + 2] & 0xFF) << 16 | (buf[off + 1] & 0xFF) << 8 | (buf[off] & 0xFF);
        }
    }

    private void readZlib(int x, int y, int w, int h) throws IOException {
        zlib.feed(in);
        byte[] buf = rowBuffer(w * 4);
        synchronized (fb.lock()) {
            for (int r = 0; r < h; r++) {
                zlib.read(buf, 0, w * 4);
                putRow(buf, 0, x, y + r, w);
            }
            fb.markDirty(x, y, w, h);
        }
        zlib.finishChunk();
    }

    private int pixel() throws IOException {
        int b = in.readUnsignedByte();
        int g = in.readUnsignedByte();
        int r = in.readUnsignedByte();
        in.readUnsignedByte();
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private void readHextile(int x, int y, int w, int h) throws IOException, RfbException {
        int bg = 0xFF000000;
        int fg = 0xFFFFFFFF;
        for (int ty = y; ty < y + h; ty += 16) {
            int th = Math.min(16, y + h - ty);
            for (int tx = x; tx < x + w; tx += 16) {
                int tw = Math.min(16, x + w - tx);
                int mask = in.readUnsignedByte();
                if ((mask & 1) != 0) {
                    byte[] buf = rowBuffer(tw * th * 4);
                    in.readFully(buf, 0, tw * th * 4);
                    synchronized (fb.lock()) {
                        for (int r = 0; r < th; r++) {
                            putRow(buf, r * tw * 4, tx, ty + r, tw);
                        }
                    }
                    continue;
                }
                if ((mask & 2) != 0) {
                    bg = pixel();
                }
                if ((mask & 4) != 0) {
                    fg = pixel();
                }
                int subrects = (mask & 8) != 0 ? in.readUnsignedByte() : 0;
                boolean coloured = (mask & 16) != 0;
                // read the subrectangles before taking the lock: the reads may wait on the network
                int need = subrects * (coloured ? 6 : 2);
                byte[] sub = rowBuffer(need);
                in.readFully(sub, 0, need);
                synchronized (fb.lock()) {
                    fb.fill(tx, ty, tw, th, bg);
                    int p = 0;
                    for (int s = 0; s < subrects; s++) {
                        int c = fg;
                        if (coloured) {
                            c = 0xFF000000 | (sub[p + 2] & 0xFF) << 16 | (sub[p + 1] & 0xFF) << 8 | (sub[p] & 0xFF);
                            p += 4;
                        }
                        int xy = sub[p++] & 0xFF;
                        int wh = sub[p++] & 0xFF;
                        fb.fill(tx + (xy >> 4), ty + (xy & 15), (wh >> 4) + 1, (wh & 15) + 1, c);
                    }
                }
            }
        }
        synchronized (fb.lock()) {
            fb.markDirty(x, y, w, h);
        }
    }

    private int cpixel(ZlibReader z) throws IOException {
        int b = z.u8();
        int g = z.u8();
        int r = z.u8();
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private void readZrle(int x, int y, int w, int h) throws IOException, RfbException {
        zrle.feed(in);
        int[] palette = new int[128];
        synchronized (fb.lock()) {
            for (int ty = y; ty < y + h; ty += 64) {
                int th = Math.min(64, y + h - ty);
                for (int tx = x; tx < x + w; tx += 64) {
                    int tw = Math.min(64, x + w - tx);
                    zrleTile(tx, ty, tw, th, palette);
                }
            }
            fb.markDirty(x, y, w, h);
        }
        zrle.finishChunk();
    }

    /** One ZRLE tile; the caller holds the lock (the data is already inflated in memory, no network wait). */
    private void zrleTile(int tx, int ty, int tw, int th, int[] palette) throws IOException, RfbException {
        int sub = zrle.u8();
        int[] px = fb.pixels();
        int fw = fb.width();
        int fh = fb.height();
        if (sub == 0) {
            byte[] buf = tile;
            zrle.read(buf, 0, tw * th * 3);
            int p = 0;
            for (int r = 0; r < th; r++) {
                int yy = ty + r;
                for (int c = 0; c < tw; c++, p += 3) {
                    int xx = tx + c;
                    if (xx < fw && yy < fh) {
                        px[yy * fw + xx] = 0xFF000000 | (buf[p + 2] & 0xFF) << 16 | (buf[p + 1] & 0xFF) << 8 | (buf[p] & 0xFF);
                    }
                }
            }
        } else if (sub == 1) {
            fb.fill(tx, ty, tw, th, cpixel(zrle));
        } else if (sub <= 16) {
            for (int i = 0; i < sub; i++) {
                palette[i] = cpixel(zrle);
            }
            int bits = sub == 2 ? 1 : sub <= 4 ? 2 : 4;
            int perByte = 8 / bits;
            int mask = (1 << bits) - 1;
            for (int r = 0; r < th; r++) {
                int yy = ty + r;
                int b = 0;
                int left = 0;
                for (int c = 0; c < tw; c++) {
                    if (left == 0) {
                        b = zrle.u8();
                        left = perByte;
                    }
                    left--;
                    int idx = (b >> (left * bits)) & mask;
                    int xx = tx + c;
                    if (xx < fw && yy < fh) {
                        px[yy * fw + xx] = palette[idx];
                    }
                }
            }
        } else if (sub == 128 || sub >= 130) {
            boolean usePalette = sub >= 130;
            if (usePalette) {
                for (int i = 0; i < sub - 128; i++) {
                    palette[i] = cpixel(zrle);
                }
            }
            int total = tw * th;
            int i = 0;
            while (i < total) {
                int colour;
                int run = 1;
                if (usePalette) {
                    int idx = zrle.u8();
                    colour = palette[idx & 127];
                    if ((idx & 128) != 0) {
                        run = runLength();
                    }
                } else {
                    colour = cpixel(zrle);
                    run = runLength();
                }
                if (i + run > total) {
                    throw new RfbException("ZRLE run past the end of its tile");
                }
                for (int end = i + run; i < end; i++) {
                    int xx = tx + i % tw;
                    int yy = ty + i / tw;
                    if (xx < fw && yy < fh) {
                        px[yy * fw + xx] = colour;
                    }
                }
            }
        } else {
            throw new RfbException("ZRLE subencoding " + sub + " is not valid");
        }
    }

    private int runLength() throws IOException {
        int len = 1;
        int b;
        do {
            b = zrle.u8();
            len += b;
        } while (b == 255);
        return len;
    }

    private void readRichCursor(int hotX, int hotY, int w, int h) throws IOException {
        byte[] pixels = new byte[w * h * 4];
        in.readFully(pixels);
        int stride = (w + 7) / 8;
        byte[] mask = new byte[stride * h];
        in.readFully(mask);
        int[] argb = new int[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int p = (r * w + c) * 4;
                boolean on = (mask[r * stride + c / 8] & (0x80 >> (c % 8))) != 0;
                argb[r * w + c] = on ? 0xFF000000 | (pixels[p + 2] & 0xFF) << 16 | (pixels[p + 1] & 0xFF) << 8 | (pixels[p] & 0xFF) : 0;
            }
        }
        listener.cursor(argb, w, h, hotX, hotY);
    }

    /** QEMU sends the data Raw, as its own 0xAARRGGBB words in little-endian order. */
    private void readAlphaCursor(int hotX, int hotY, int w, int h) throws IOException, RfbException {
        int enc = in.readInt();
        if (enc != RAW) {
            throw new RfbException("alpha cursor in encoding " + enc);
        }
        byte[] pixels = new byte[w * h * 4];
        in.readFully(pixels);
        int[] argb = new int[w * h];
        for (int i = 0, p = 0; i < argb.length; i++, p += 4) {
            argb[i] = (pixels[p + 3] & 0xFF) << 24 | (pixels[p + 2] & 0xFF) << 16 | (pixels[p + 1] & 0xFF) << 8 | (pixels[p] & 0xFF);
        }
        listener.cursor(argb, w, h, hotX, hotY);
    }

    private void skipColourMap() throws IOException {
        in.readUnsignedByte();
        in.readUnsignedShort();
        int n = in.readUnsignedShort();
        in.readFully(new byte[n * 6]);
    }

    private void skipCutText() throws IOException {
        in.readFully(new byte[3]);
        int len = Math.abs(in.readInt());
        in.skipNBytes(len);
    }

    // ------------------------------------------------------------ input (any thread)

    /**
     * A key: with QEMU's extended key event when the server has it (the scancode decides, so
     * the host's layout does not matter), else a plain keysym.
     */
    public void key(boolean down, int keysym, int scancode) {
        if (extendedKeys && scancode != 0) {
            ByteBuffer b = ByteBuffer.allocate(12);
            b.put((byte) 255).put((byte) 0).putShort((short) (down ? 1 : 0)).putInt(keysym).putInt(scancode);
            send(b.array());
        } else if (keysym != 0) {
            ByteBuffer b = ByteBuffer.allocate(8);
            b.put((byte) 4).put((byte) (down ? 1 : 0)).putShort((short) 0).putInt(keysym);
            send(b.array());
        }
    }

    /** Pointer position in framebuffer pixels and button mask (bit 0 left, 1 middle, 2 right, 3/4 wheel). */
    public void pointer(int buttons, int x, int y) {
        ByteBuffer b = ByteBuffer.allocate(6);
        b.put((byte) 5).put((byte) buttons).putShort((short) Math.max(0, x)).putShort((short) Math.max(0, y));
        send(b.array());
    }

    /** Asks the guest for a new display size (ExtendedDesktopSize's SetDesktopSize). */
    public void requestDesktopSize(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(24);
        b.put((byte) 251).put((byte) 0).putShort((short) w).putShort((short) h).put((byte) 1).put((byte) 0);
        b.putInt(screenId).putShort((short) 0).putShort((short) 0).putShort((short) w).putShort((short) h).putInt(0);
        send(b.array());
    }

    private void send(byte[] message) {
        if (!closed) {
            outbox.add(message);
        }
    }

    private void writeNow(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private void sendLoop() {
        try {
            while (!closed) {
                byte[] m = outbox.take();
                if (m.length == 0) {
                    return;
                }
                out.write(m);
                // batch what is already queued into one flush
                byte[] next;
                while ((next = outbox.poll()) != null && next.length > 0) {
                    out.write(next);
                }
                out.flush();
                if (next != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the reader sees the link end too and reports it
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            outbox.add(new byte[0]);
        }
    }

    /** Counts bytes as they arrive (the benchmark's throughput figure). */
    private static final class CountingInput extends java.io.FilterInputStream {
        private final AtomicLong count;

        CountingInput(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
