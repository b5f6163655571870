package org.vireo.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The built-in demo host: libvirt's test driver loaded from a file that Vireo ships, so
 * that a first-time user on any machine sees a working host with a few guests.
 */
public final class DemoHost {
    private DemoHost() {
    }

    /** Writes the demo description into the cache dir (refreshing it) and returns its test:// URI. */
    public static String install(Path cacheDir) throws IOException {
        Path file = cacheDir.resolve("demo-host.xml");
        Files.createDirectories(cacheDir);
        try (InputStream in = DemoHost.class.getResourceAsStream("/org/vireo/demo-host.xml")) {
            if (in == null) {
                throw new IOException("demo-host.xml missing from the application");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return uriOf(file);
    }

    public static String uriOf(Path file) {
        return "test://" + file.toAbsolutePath();
    }

    public static boolean isDemo(String uri) {
        return uri.startsWith("test://") && uri.endsWith("/demo-host.xml");
    }
}
