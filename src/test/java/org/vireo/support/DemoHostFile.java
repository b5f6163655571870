package org.vireo.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vireo.settings.DemoHost;

/** The shipped demo host in a temporary cache dir. */
public final class DemoHostFile {
    private DemoHostFile() {
    }

    public static String uri() {
        try {
            return DemoHost.install(Files.createDirectories(Path.of("target", "demo-host")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
