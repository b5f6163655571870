package org.vireo.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vireo.settings.DemoHost;

/** Test-driver host files with named domains (state, title, description, tags), for the fleet view's tests. */
public final class FleetHosts {
    /** A domain: runstate 1 running, 3 paused, 5 shut off. */
    public record Guest(String name, int runstate, String title, String description, List<String> tags) {
        public static Guest running(String name) {
            return new Guest(name, 1, "", "", List.of());
        }

        public static Guest off(String name) {
            return new Guest(name, 5, "", "", List.of());
        }

        public Guest titled(String t, String d) {
            return new Guest(name, runstate, t, d, tags);
        }

        public Guest tagged(String... t) {
            return new Guest(name, runstate, title, description, List.of(t));
        }
    }

    private FleetHosts() {
    }

    /** Writes {@code dir/NAME.xml} and returns its test:// URI (the host shows as "Test: NAME"). */
    public static String write(Path dir, String name, int seed, List<Guest> guests) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".xml");
            try (Writer w = Files.newBufferedWriter(file)) {
                w.write("<node>\n  <cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>2</threads>"
                    + "<active>8</active><mhz>3000</mhz><model>fleet</model></cpu>\n  <memory>33554432</memory>\n"
                    // the network the guests' interfaces use: the test driver answers their DHCP leases from it
                    + "  <network><name>default</name><bridge name=\"virbr0\"/><forward/>"
                    + "<ip address=\"192.168.122.1\" netmask=\"255.255.255.0\"><dhcp><range start=\"192.168.122.2\" "
                    + "end=\"192.168.122.254\"/></dhcp></ip></network>\n");
                int i = 0;
                for (Guest g : guests) {
                    StringBuilder meta = new StringBuilder();
                    if (!g.tags().isEmpty()) {
                        meta.append("<metadata><vireo:tags xmlns:vireo=\"https://vireo.org/xmlns/tags/1\">");
                        g.tags().forEach(t -> meta.append("<vireo:tag>").append(t).append("</vireo:tag>"));
                        meta.append("</vireo:tags></metadata>");
                    }
                    w.write(String.format("""
                          <domain type="test" xmlns:test="http://libvirt.org/schemas/domain/test/1.0">
                            <name>%s</name>
                            <uuid>%08x-0000-4000-8000-%012x</uuid>
                            %s%s%s
                            <memory unit="MiB">512</memory>
                            <currentMemory unit="MiB">512</currentMemory>
                            <vcpu>1</vcpu>
                            <os><type arch="x86_64">hvm</type></os>
                            <devices><interface type="network"><source network="default"/><model type="virtio"/></interface></devices>
                            <test:runstate>%d</test:runstate>
                          </domain>
                        """, g.name(), seed, i++, g.title().isEmpty() ? "" : "<title>" + g.title() + "</title>",
                        g.description().isEmpty() ? "" : "<description>" + g.description() + "</description>", meta, g.runstate()));
                }
                w.write("</node>\n");
            }
            return DemoHost.uriOf(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
