package org.vireo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code --connect URI} (repeatable: exactly these connections for this
 * run), {@code --config-dir DIR} and {@code --software-rendering}.
 */
public record LaunchOptions(List<String> connect, Path configDir, boolean softwareRendering) {

    public static LaunchOptions parse(String... args) {
        List<String> connect = new ArrayList<>();
        Path configDir = null;
        boolean software = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--connect", "-c" -> connect.add(value(args, ++i, arg));
                case "--config-dir" -> configDir = Path.of(value(args, ++i, arg));
                case "--software-rendering" -> software = true;
                default -> {
                    if (arg.startsWith("--connect=")) {
                        connect.add(arg.substring("--connect=".length()));
                    } else if (arg.startsWith("--config-dir=")) {
                        configDir = Path.of(arg.substring("--config-dir=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                }
            }
        }
        for (String uri : connect) {
            // refused here, before the window opens: nothing of it reaches libvirt
            org.vireo.ssh.SshTarget.problem(uri).ifPresent(why -> {
                throw new IllegalArgumentException("--connect " + (uri.length() > 80 ? uri.substring(0, 77) + "..." : uri) + ": " + why);
            });
        }
        return new LaunchOptions(List.copyOf(connect), configDir, software);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    public static String usage() {
        return """
            usage: vireo [--connect URI]... [--config-dir DIR] [--software-rendering]
              --connect URI         open exactly these connections for this run (repeatable)
              --config-dir DIR      where settings live (default: $XDG_CONFIG_HOME/vireo)
              --software-rendering  draw without the GPU (also VIREO_SOFTWARE_RENDERING=1)""";
    }
}
