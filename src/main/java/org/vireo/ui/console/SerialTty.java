package org.vireo.ui.console;

import com.techsenger.jeditermfx.core.TtyConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.vireo.console.SerialConsole;

/** The terminal widget's side of a serial console: UTF-8 both ways, reads on the widget's own thread. */
final class SerialTty implements TtyConnector {
    private final SerialConsole console;
    private final Reader reader;
    private final String name;
    private final Runnable onEnd;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean connected = true;

    SerialTty(SerialConsole console, String name, Runnable onEnd) {
        this.console = console;
        this.name = name;
        this.onEnd = onEnd;
        this.reader = new InputStreamReader(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (off == 0 && len == b.length) {
                    return console.read(b);
                }
                byte[] tmp = new byte[len];
                int n = console.read(tmp);
                if (n > 0) {
                    System.arraycopy(tmp, 0, b, off, n);
                }
                return n;
            }
        }, StandardCharsets.UTF_8);
    }

    @Override
    public int read(char[] buf, int offset, int length) throws IOException {
        int n = reader.read(buf, offset, length);
        if (n < 0) {
            end();
        }
        return n;
    }

    private void end() {
        if (connected) {
            connected = false;
            ended.countDown();
            onEnd.run();
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        console.write(bytes);
    }

    @Override
    public void write(String string) throws IOException {
        write(string.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public int waitFor() throws InterruptedException {
        ended.await();
        return 0;
    }

    @Override
    public boolean ready() throws IOException {
        return reader.ready();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void close() {
        connected = false;
        console.close();
        ended.countDown();
    }
}
