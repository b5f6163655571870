package org.vireo.model;

/**
 * Everything the create-VM wizard decided, as plain values: where the guest boots from, its
 * platform, resources, disk and network. Paths are as the host sees them; a new disk is made
 * in {@code pool} when {@code diskBytes > 0}; an ISO on this computer ({@code localIso}) is
 * uploaded into {@code pool} first.
 */
public record VmSpec(
    String name,
    Source source,
    String arch,
    String machine,
    String domainType,
    boolean uefi,
    String cpuMode,
    long memoryMiB,
    int vcpus,
    String importPath,
    String isoPath,
    String localIso,
    String kernel,
    String initrd,
    String cmdline,
    long diskBytes,
    String diskFormat,
    String pool,
    NetworkSource network,
    String osId) {

    /** How the guest gets its operating system. */
    public enum Source {
        IMPORT("Import an existing disk image"),
        ISO("Install from an ISO image (new blank disk)"),
        KERNEL("Direct kernel boot (kernel, initrd, command line)"),
        PXE("Network boot (PXE)");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether the job makes a new disk volume for this guest. */
    public boolean newDisk() {
        return source != Source.IMPORT && diskBytes > 0;
    }

    /** The new disk's volume name in its pool. */
    public String diskVolumeName() {
        return name + ("raw".equals(diskFormat) ? ".img" : "." + diskFormat);
    }

    /** The uploaded ISO's volume name in its pool. */
    public String uploadVolumeName() {
        String file = localIso == null ? "" : java.nio.file.Path.of(localIso).getFileName().toString();
        return file.isEmpty() ? name + ".iso" : file;
    }

    public VmSpec withIsoPath(String path) {
        return new VmSpec(name, source, arch, machine, domainType, uefi, cpuMode, memoryMiB, vcpus, importPath, path,
            localIso, kernel, initrd, cmdline, diskBytes, diskFormat, pool, network, osId);
    }
}
