package org.vireo.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test-driver host files with N domains, most running, each with two disks and a NIC. */
final class BenchHosts {
    private BenchHosts() {
    }

    static Path write(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("host-" + n + ".xml");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("<node>\n  <cpu><nodes>1</nodes><sockets>1</sockets><cores>16</cores><threads>2</threads>"
                + "<active>32</active><mhz>3000</mhz><model>bench</model></cpu>\n  <memory>268435456</memory>\n");
            for (int i = 0; i < n; i++) {
                // nine in ten running, the rest shut off
                int runstate = i % 10 == 9 ? 5 : 1;
                w.write(String.format("""
                      <domain type="test" xmlns:test="http://libvirt.org/schemas/domain/test/1.0">
                        <name>vm-%05d</name>
                        <uuid>%08x-0000-4000-8000-%012x</uuid>
                        <memory unit="MiB">%d</memory>
                        <currentMemory unit="MiB">%d</currentMemory>
                        <vcpu>%d</vcpu>
                        <os><type arch="x86_64">hvm</type></os>
                        <devices>
                          <disk type="file" device="disk"><source file="/images/vm-%05d-a.qcow2"/><target dev="vda" bus="virtio"/></disk>
                          <disk type="file" device="disk"><source file="/images/vm-%05d-b.qcow2"/><target dev="vdb" bus="virtio"/></disk>
                          <interface type="network"><source network="default"/><model type="virtio"/></interface>
                        </devices>
                        <test:runstate>%d</test:runstate>
                      </domain>
                    """, i, i, i, 512 + (i % 8) * 512, 512 + (i % 8) * 512, 1 + i % 4, i, i, runstate));
            }
            w.write("</node>\n");
        }
        return file;
    }
}
