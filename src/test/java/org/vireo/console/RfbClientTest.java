package org.vireo.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The RFB client against a scripted server on loopback, for what the lab's QEMU guests do
 * not send (their std VGA cannot resize and defines no cursor): VNC authentication checked
 * with openssl's DES, DesktopSize / ExtendedDesktopSize, rich cursor, pointer type, LED
 * state, Hextile subrectangles and ZRLE palette runs, and SetDesktopSize going out.
 */
class RfbClientTest {
    private static int le(int rgb) {
        return Integer.reverseBytes(rgb);
    }

    /** A client connected to the scripted server, after it decoded the one update. */
    private record Conversation(RfbClient client, Socket socket, ServerSocket server, Thread reader, Thread serverThread,
                                BlockingQueue<byte[]> responses, BlockingQueue<Integer> clientMessages, int[][] cursor, int[] leds,
                                byte[] challenge) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            client.close();
            socket.close();
            reader.join(5000);
            serverThread.join(5000);
            server.close();
        }
    }

    /**
     * Connects to a scripted server that authenticates with VNC auth, then sends one update with
     * every kind of rectangle (Raw, PointerTypeChange, LED state, rich cursor, ExtendedDesktopSize,
     * Hextile, ZRLE) and records what the client says from then on.
     */
    private static Conversation connect() throws Exception {
        byte[] challenge = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        BlockingQueue<byte[]> responses = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> clientMessages = new LinkedBlockingQueue<>();
        CountDownLatch sent = new CountDownLatch(1);
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread serverThread = Thread.ofPlatform().daemon().start(() -> {
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                in.readFully(new byte[12]);
                out.write(new byte[] {1, 2}); // VNC authentication only
                assertEquals(2, in.readUnsignedByte());
                out.write(challenge);
                byte[] response = new byte[16];
                in.readFully(response);
                responses.add(response);
                out.writeInt(0);
                in.readUnsignedByte(); // shared flag
                out.writeShort(32);
                out.writeShort(16);
                out.write(new byte[16]);
                out.writeInt(4);
                out.write("stub".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // one update with every kind of rectangle
                ByteArrayOutputStream u = new ByteArrayOutputStream();
                DataOutputStream d = new DataOutputStream(u);
                d.writeByte(0);
                d.writeByte(0);
                d.writeShort(7);
                rect(d, 0, 0, 32, 16, RfbClient.RAW);
                for (int i = 0; i < 32 * 16; i++) {
                    d.writeInt(le(0x102030));
                }
                rect(d, 0, 0, 0, 0, RfbClient.POINTER_TYPE_CHANGE); // x = 0: relative
                rect(d, 0, 0, 0, 0, RfbClient.LED_STATE);
                d.writeByte(5);
                rect(d, 1, 1, 2, 2, RfbClient.RICH_CURSOR);
                for (int i = 0; i < 4; i++) {
                    d.writeInt(le(0xff0000));
                }
                d.write(new byte[] {(byte) 0x80, (byte) 0x40}); // row 0: left on; row 1: right on
                rect(d, 0, 0, 40, 20, RfbClient.EXTENDED_DESKTOP_SIZE);
                d.writeByte(1);
                d.write(new byte[3]);
                d.writeInt(7);
                d.writeShort(0);
                d.writeShort(0);
                d.writeShort(40);
                d.writeShort(20);
                d.writeInt(0);
                // Hextile 16x16 at (0,0): background blue, one green 2x3 subrect at (4,5)
                rect(d, 0, 0, 16, 16, RfbClient.HEXTILE);
                d.writeByte(2 | 8 | 16);
                d.writeInt(le(0x0000ff));
                d.writeByte(1);
                d.writeInt(le(0x00ff00));
                d.writeByte(4 << 4 | 5);
                d.writeByte(1 << 4 | 2);
                // ZRLE 8x2 at (20,10): palette RLE, two colours, runs of 5 and 11
                rect(d, 20, 10, 8, 2, RfbClient.ZRLE);
                ByteArrayOutputStream tile = new ByteArrayOutputStream();
                tile.write(130);
                tile.write(new byte[] {0x11, 0x22, 0x33, 0x44, 0x55, 0x66}); // CPIXELs: B G R
                tile.write(0x80);
                tile.write(4); // index 0, run 5
                tile.write(0x81);
                tile.write(10); // index 1, run 11
                Deflater z = new Deflater();
                z.setInput(tile.toByteArray());
                byte[] packed = new byte[256];
                int n = z.deflate(packed, 0, packed.length, Deflater.SYNC_FLUSH);
                d.writeInt(n);
                d.write(packed, 0, n);
                out.write(u.toByteArray());
                out.flush();
                sent.countDown();
                // record what the client says from now on (message types; 251's screen id)
                while (true) {
                    int type = in.readUnsignedByte();
                    switch (type) {
                        case 0 -> in.readFully(new byte[19]);
                        case 2 -> {
                            in.readUnsignedByte();
                            in.readFully(new byte[4 * in.readUnsignedShort()]);
                        }
                        case 3 -> in.readFully(new byte[9]);
                        case 5 -> in.readFully(new byte[5]);
                        case 255 -> in.readFully(new byte[11]);
                        case 251 -> {
                            in.readUnsignedByte();
                            int w = in.readUnsignedShort();
                            int h = in.readUnsignedShort();
                            in.readFully(new byte[2]);
                            int id = in.readInt();
                            in.readFully(new byte[12]);
                            clientMessages.add(251);
                            clientMessages.add(id);
                            clientMessages.add(w);
                            clientMessages.add(h);
                        }
                        default -> clientMessages.add(type);
                    }
                }
            } catch (Exception e) {
                // the client closed
            }
        });

        CountDownLatch updated = new CountDownLatch(1);
        int[][] cursor = new int[1][];
        int[] leds = {-1};
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        RfbClient client = new RfbClient(socket.getInputStream(), socket.getOutputStream(), () -> "secret".toCharArray(),
            new RfbClient.Listener() {
                @Override
                public void updated() {
                    updated.countDown();
                }

                @Override
                public void cursor(int[] argb, int width, int height, int hotX, int hotY) {
                    cursor[0] = argb;
                }

                @Override
                public void leds(int state) {
                    leds[0] = state;
                }
            });
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                client.run();
            } catch (Exception e) {
                // closed
            }
        });
        assertTrue(updated.await(10, TimeUnit.SECONDS), "an update decoded");
        return new Conversation(client, socket, server, reader, serverThread, responses, clientMessages, cursor, leds, challenge);
    }

    @Test
    void vncAuthenticationAnswersAsOpenSslsDes() throws Exception {
        try (Conversation c = connect()) {
            assertArrayEquals(openSslVncResponse(c.challenge(), "secret"), c.responses().poll(5, TimeUnit.SECONDS),
                "VNC auth response = DES by openssl");
            assertEquals("stub", c.client().name());
        }
    }

    @Test
    void extendedDesktopSizeResizesTheFramebuffer() throws Exception {
        try (Conversation c = connect()) {
            Framebuffer fb = c.client().framebuffer();
            assertEquals(40, fb.width(), "ExtendedDesktopSize resized the framebuffer");
            assertEquals(20, fb.height());
        }
    }

    @Test
    void hextileBackgroundAndSubrectangle() throws Exception {
        try (Conversation c = connect()) {
            int[] px = c.client().framebuffer().snapshot();
            assertEquals(0xFF0000FF, px[0], "Hextile background");
            assertEquals(0xFF00FF00, px[5 * 40 + 4], "Hextile subrect top-left");
            assertEquals(0xFF00FF00, px[7 * 40 + 5], "Hextile subrect bottom-right");
            assertEquals(0xFF0000FF, px[8 * 40 + 5], "below the subrect");
        }
    }

    @Test
    void zrlePaletteRuns() throws Exception {
        try (Conversation c = connect()) {
            int[] px = c.client().framebuffer().snapshot();
            assertEquals(0xFF332211, px[10 * 40 + 20 + 4], "ZRLE first run, 5th pixel");
            assertEquals(0xFF665544, px[10 * 40 + 20 + 5], "ZRLE second run starts");
            assertEquals(0xFF665544, px[11 * 40 + 27], "ZRLE second run wraps to the tile's next row");
        }
    }

    @Test
    void pointerTypeLedsAndRichCursor() throws Exception {
        try (Conversation c = connect()) {
            assertFalse(c.client().absolutePointer(), "PointerTypeChange to relative");
            assertEquals(5, c.leds()[0]);
            assertArrayEquals(new int[] {0xFFFF0000, 0, 0, 0xFFFF0000}, c.cursor()[0], "rich cursor with its mask");
        }
    }

    @Test
    void setDesktopSizeGoesOutForTheServersScreen() throws Exception {
        try (Conversation c = connect()) {
            assertTrue(c.client().canResizeGuest());
            c.client().requestDesktopSize(800, 600);
            Integer type;
            do {
                type = c.clientMessages().poll(5, TimeUnit.SECONDS);
            } while (type != null && type != 251);
            assertEquals(251, type, "SetDesktopSize sent");
            assertEquals(7, c.clientMessages().poll(5, TimeUnit.SECONDS), "for the server's screen id");
            assertEquals(800, c.clientMessages().poll(5, TimeUnit.SECONDS));
            assertEquals(600, c.clientMessages().poll(5, TimeUnit.SECONDS));
        }
    }

    private static void rect(DataOutputStream d, int x, int y, int w, int h, int encoding) throws Exception {
        d.writeShort(x);
        d.writeShort(y);
        d.writeShort(w);
        d.writeShort(h);
        d.writeInt(encoding);
    }

    /** The expected answer from another DES implementation: openssl, with RFB's bit-reversed key. */
    private static byte[] openSslVncResponse(byte[] challenge, String password) throws Exception {
        byte[] key = new byte[8];
        for (int i = 0; i < password.length(); i++) {
            key[i] = (byte) (Integer.reverse(password.charAt(i)) >>> 24);
        }
        Process p = new ProcessBuilder("openssl", "enc", "-des-ecb", "-nopad", "-provider", "legacy", "-provider", "default",
            "-K", HexFormat.of().formatHex(key)).start();
        p.getOutputStream().write(challenge);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), "openssl: " + err);
        return out;
    }
}
