package org.vireo.ssh;

import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProxyCommand of ~/.ssh/config: the SSH stream runs through the command's stdin and stdout,
 * as ssh(1) does it ({@code /bin/sh -c}, %-tokens already expanded by the resolver). Its
 * stderr goes to the log, where the user finds why a proxy failed.
 */
final class CommandProxy implements Proxy {
    private static final Logger LOG = LoggerFactory.getLogger(CommandProxy.class);

    private final String command;
    private Process process;

    CommandProxy(String command) {
        this.command = command;
    }

    @Override
    public void connect(SocketFactory factory, String host, int port, int timeout) throws Exception {
        process = new ProcessBuilder(List.of("/bin/sh", "-c", command)).redirectError(ProcessBuilder.Redirect.PIPE).start();
        Process p = process;
        Thread.ofPlatform().daemon().name("ProxyCommand stderr").start(() -> {
            try (InputStream err = p.getErrorStream()) {
                String text = new String(err.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    LOG.warn("ProxyCommand for {}:{} said: {}", host, port, text);
                }
            } catch (IOException e) {
                LOG.debug("ProxyCommand stderr: {}", e.getMessage());
            }
        });
    }

    @Override
    public InputStream getInputStream() {
        return process.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
        return process.getOutputStream();
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
