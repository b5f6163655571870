package org.vireo.ui;

import java.net.URI;
import org.vireo.settings.DemoHost;

/** Short names for hosts, the way virt-manager labels its connections ("QEMU/KVM", "QEMU/KVM: host"). */
public final class HostTitles {
    private HostTitles() {
    }

    public static String of(String uri) {
        if (DemoHost.isDemo(uri)) {
            return "Demo host (test driver)";
        }
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme() == null ? "" : u.getScheme();
            String driver = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
            String name = switch (driver) {
                case "qemu" -> "QEMU/KVM";
                case "test" -> "Test";
                case "lxc" -> "LXC";
                case "xen" -> "Xen";
                case "ch" -> "Cloud Hypervisor";
                default -> driver.isEmpty() ? uri : driver;
            };
            String path = u.getPath() == null ? "" : u.getPath();
            if (path.equals("/session")) {
                name += " user session";
            }
            String where = u.getHost();
            if (driver.equals("test") && (where == null || where.isEmpty()) && path.endsWith(".xml")) {
                // test-driver hosts from files tell themselves apart by the file's name: "Test: hostB"
                where = path.substring(path.lastIndexOf('/') + 1, path.length() - 4);
            }
            String query = u.getQuery();
            if (where == null && query != null && query.contains("socket=")) {
                where = "socket " + query.substring(query.indexOf("socket=") + 7);
            }
            return where == null || where.isEmpty() ? name : name + ": " + where;
        } catch (java.net.URISyntaxException e) {
            return uri;
        }
    }
}
