package org.vireo.model;

/**
 * The domain XML of a new guest with virt-install's defaults: q35 with ACPI/APIC, rtc catchup,
 * pit delay, no hpet, a virtio disk (discard=unmap), a SATA CD-ROM for an ISO, qemu-xhci,
 * a virtio NIC, a pty serial console, the guest-agent channel, a USB tablet, virtio video,
 * balloon and RNG, VNC on 127.0.0.1 only, and the OS id in libosinfo's metadata.
 */
public final class VmXml {
    private VmXml() {
    }

    /** @param diskPath the disk as the host sees it (new volume or imported image), or empty for none */
    public static String of(VmSpec s, String diskPath) {
        StringBuilder x = new StringBuilder();
        x.append("<domain type='").append(esc(s.domainType())).append("'>\n");
        x.append("  <name>").append(esc(s.name())).append("</name>\n");
        if (s.osId() != null && !s.osId().isEmpty()) {
            x.append("  <metadata>\n    <libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'>\n")
                .append("      <libosinfo:os id='").append(esc(s.osId())).append("'/>\n    </libosinfo:libosinfo>\n  </metadata>\n");
        }
        x.append("  <memory unit='MiB'>").append(s.memoryMiB()).append("</memory>\n");
        x.append("  <currentMemory unit='MiB'>").append(s.memoryMiB()).append("</currentMemory>\n");
        x.append("  <vcpu>").append(s.vcpus()).append("</vcpu>\n");
        x.append("  <os").append(s.uefi() ? " firmware='efi'" : "").append(">\n");
        x.append("    <type arch='").append(esc(s.arch())).append("'");
        if (!blank(s.machine())) {
            x.append(" machine='").append(esc(s.machine())).append("'");
        }
        x.append(">hvm</type>\n");
        switch (s.source()) {
            case KERNEL -> {
                x.append("    <kernel>").append(esc(s.kernel())).append("</kernel>\n");
                if (!blank(s.initrd())) {
                    x.append("    <initrd>").append(esc(s.initrd())).append("</initrd>\n");
                }
                if (!blank(s.cmdline())) {
                    x.append("    <cmdline>").append(esc(s.cmdline())).append("</cmdline>\n");
                }
            }
            case ISO -> x.append("    <boot dev='cdrom'/>\n    <boot dev='hd'/>\n");
            case PXE -> x.append("    <boot dev='network'/>\n    <boot dev='hd'/>\n");
            case IMPORT -> x.append("    <boot dev='hd'/>\n");
        }
        x.append("  </os>\n");
        x.append("  <features>\n    <acpi/>\n    <apic/>\n  </features>\n");
        if (!blank(s.cpuMode())) {
            x.append("  <cpu mode='").append(esc(s.cpuMode())).append("'/>\n");
        }
        x.append("  <clock offset='utc'>\n    <timer name='rtc' tickpolicy='catchup'/>\n")
            .append("    <timer name='pit' tickpolicy='delay'/>\n    <timer name='hpet' present='no'/>\n  </clock>\n");
        x.append("  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n  <on_crash>destroy</on_crash>\n");
        x.append("  <pm>\n    <suspend-to-mem enabled='no'/>\n    <suspend-to-disk enabled='no'/>\n  </pm>\n");
        x.append("  <devices>\n");
        if (!blank(diskPath)) {
            String format = blank(s.diskFormat()) ? formatOf(diskPath) : s.diskFormat();
            x.append("    <disk type='file' device='disk'>\n      <driver name='qemu' type='").append(esc(format))
                .append("' discard='unmap'/>\n      <source file='").append(esc(diskPath)).append("'/>\n")
                .append("      <target dev='vda' bus='virtio'/>\n    </disk>\n");
        }
        if (s.source() == VmSpec.Source.ISO && !blank(s.isoPath())) {
            x.append("    <disk type='file' device='cdrom'>\n      <driver name='qemu' type='raw'/>\n      <source file='")
                .append(esc(s.isoPath())).append("'/>\n      <target dev='sda' bus='sata'/>\n      <readonly/>\n    </disk>\n");
        }
        x.append("    <controller type='usb' model='qemu-xhci' ports='15'/>\n");
        NetworkSource n = s.network();
        if (n != null && n.kind() != NetworkSource.Kind.NONE) {
            switch (n.kind()) {
                case NETWORK -> x.append("    <interface type='network'>\n      <source network='").append(esc(n.name())).append("'/>\n");
                case BRIDGE -> x.append("    <interface type='bridge'>\n      <source bridge='").append(esc(n.name())).append("'/>\n");
                default -> x.append("    <interface type='user'>\n");
            }
            x.append("      <model type='virtio'/>\n    </interface>\n");
        }
        x.append("    <serial type='pty'>\n      <target port='0'/>\n    </serial>\n");
        x.append("    <console type='pty'>\n      <target type='serial' port='0'/>\n    </console>\n");
        x.append("    <channel type='unix'>\n      <source mode='bind'/>\n      <target type='virtio' name='org.qemu.guest_agent.0'/>\n    </channel>\n");
        x.append("    <input type='tablet' bus='usb'/>\n");
        x.append("    <graphics type='vnc' port='-1'>\n      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n");
        x.append("    <video>\n      <model type='virtio'/>\n    </video>\n");
        x.append("    <memballoon model='virtio'/>\n");
        x.append("    <rng model='virtio'>\n      <backend model='random'>/dev/urandom</backend>\n    </rng>\n");
        x.append("  </devices>\n</domain>\n");
        return x.toString();
    }

    /** An imported image's format from its name (qcow2 unless it says raw/img/iso). */
    public static String formatOf(String path) {
        String p = path.toLowerCase();
        return p.endsWith(".raw") || p.endsWith(".img") || p.endsWith(".iso") ? "raw" : "qcow2";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&apos;").replace("\"", "&quot;");
    }
}
