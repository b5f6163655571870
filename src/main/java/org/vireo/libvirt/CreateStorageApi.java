package org.vireo.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.vireo.model.DomainXml;
import org.vireo.model.NetworkSource;
import org.vireo.model.PoolSummary;
import org.vireo.model.VolumeSummary;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The little of pools, volumes and networks that creating, cloning and deleting guests needs:
 * list pools and their volumes, create, clone, upload into, read the head of and delete a
 * volume, list networks and bridges. (A stand-in for the full storage and network gateway.)
 */
public final class CreateStorageApi {
    private static final int CHUNK = 1 << 20;
    private final Connect conn;

    public CreateStorageApi(VirtConnection connection) {
        this.conn = connection.binding();
    }

    /** Every pool, active ones first by name; an inactive pool has no volumes to offer. */
    public List<PoolSummary> pools() throws VirtException {
        List<PoolSummary> out = new ArrayList<>();
        try {
            for (String name : conn.listStoragePools()) {
                out.add(pool(name));
            }
            for (String name : conn.listDefinedStoragePools()) {
                out.add(pool(name));
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
        return out;
    }

    private PoolSummary pool(String name) throws LibvirtException {
        StoragePool p = conn.storagePoolLookupByName(name);
        try {
            org.libvirt.StoragePoolInfo info = p.getInfo();
            boolean active = p.isActive() == 1;
            String path = DomainXml.text(p.getXMLDesc(0), "target/path");
            return new PoolSummary(name, active, info.capacity, info.available, path == null ? "" : path);
        } finally {
            p.free();
        }
    }

    /** The volumes of an active pool (refreshed first, so files copied in by hand show up). */
    public List<VolumeSummary> volumes(String pool) throws VirtException {
        List<VolumeSummary> out = new ArrayList<>();
        try {
            StoragePool p = conn.storagePoolLookupByName(pool);
            try {
                if (p.isActive() != 1) {
                    return out;
                }
                p.refresh(0);
                for (String name : p.listVolumes()) {
                    StorageVol v = p.storageVolLookupByName(name);
                    try {
                        out.add(summary(pool, v));
                    } finally {
                        v.free();
                    }
                }
            } finally {
                p.free();
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
        out.sort(java.util.Comparator.comparing(VolumeSummary::name));
        return out;
    }

    private static VolumeSummary summary(String pool, StorageVol v) throws LibvirtException {
        org.libvirt.StorageVolInfo info = v.getInfo();
        String xml = v.getXMLDesc(0);
        Element format = firstElement(xml, "format");
        String fmt = format == null ? "" : format.getAttribute("type");
        return new VolumeSummary(pool, v.getName(), v.getPath(), info.capacity, info.allocation, fmt);
    }

    /** The volume at {@code path}, or null when no pool holds that file. */
    public VolumeSummary volumeAt(String path) throws VirtException {
        StorageVol v;
        try {
            v = conn.storageVolLookupByPath(path);
        } catch (LibvirtException e) {
            return null;
        }
        try {
            StoragePool p = v.storagePoolLookupByVolume();
            try {
                return summary(p.getName(), v);
            } finally {
                p.free();
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        } finally {
            free(v);
        }
    }

    /** Creates an empty volume (qcow2 or raw, allocated on demand) and returns its path. */
    public String createVolume(String pool, String name, long capacity, String format) throws VirtException {
        String xml = volumeXml(name, capacity, format);
        try {
            StoragePool p = conn.storagePoolLookupByName(pool);
            try {
                StorageVol v = p.storageVolCreateXML(xml, 0);
                try {
                    return v.getPath();
                } finally {
                    v.free();
                }
            } finally {
                p.free();
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    /**
     * virStorageVolCreateXMLFrom: a new volume {@code name} in the pool of {@code sourcePath}
     * holding a full copy of it, in the same format; returns the new path.
     */
    public String cloneVolume(String sourcePath, String name) throws VirtException {
        try {
            StorageVol src = conn.storageVolLookupByPath(sourcePath);
            try {
                StoragePool p = src.storagePoolLookupByVolume();
                try {
                    VolumeSummary s = summary(p.getName(), src);
                    StorageVol v = p.storageVolCreateXMLFrom(volumeXml(name, s.capacity(), s.format()), src, 0);
                    try {
                        return v.getPath();
                    } finally {
                        v.free();
                    }
                } finally {
                    p.free();
                }
            } finally {
                src.free();
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    /**
     * Creates a raw volume of the file's size in {@code pool} and streams the file into it
     * (virStorageVolUpload); {@code progress} hears the bytes sent so far, {@code cancelled}
     * stops it between chunks (the stream is aborted, the volume deleted). Returns the path.
     */
    public String upload(String pool, String name, Path file, LongConsumer progress, BooleanSupplier cancelled)
        throws VirtException, IOException {
        long size = Files.size(file);
        String path = createVolume(pool, name, size, "raw");
        boolean ok = false;
        try {
            StorageVol v = conn.storageVolLookupByPath(path);
            Stream stream = conn.streamNew(0);
            try (InputStream in = Files.newInputStream(file)) {
                v.upload(stream, 0, size, 0);
                byte[] buf = new byte[CHUNK];
                long sent = 0;
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    if (cancelled.getAsBoolean()) {
                        stream.abort();
                        throw new VirtException(-1, "OPERATION_ABORTED", "STREAMS", "upload cancelled", null);
                    }
                    send(stream, buf, n);
                    sent += n;
                    progress.accept(sent);
                }
                stream.finish();
                ok = true;
            } finally {
                if (!ok) {
                    try {
                        stream.abort();
                    } catch (LibvirtException ignored) {
                        // already ended
                    }
                }
                stream.free();
                v.free();
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        } finally {
            if (!ok) {
                deleteVolume(path);
            }
        }
        return path;
    }

    private static void send(Stream stream, byte[] buf, int n) throws LibvirtException, VirtException {
        byte[] rest = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
        while (rest.length > 0) {
            int sent = stream.send(rest);
            if (sent <= 0) {
                throw new VirtException(-1, "STREAM", "STREAMS", "the host stopped taking data", null);
            }
            rest = java.util.Arrays.copyOfRange(rest, sent, rest.length);
        }
    }

    /** The first {@code length} bytes of the volume at {@code path} (virStorageVolDownload). */
    public byte[] head(String path, int length) throws VirtException {
        try {
            StorageVol v = conn.storageVolLookupByPath(path);
            Stream stream = conn.streamNew(0);
            try {
                v.download(stream, 0, length, 0);
                byte[] out = new byte[length];
                int got = 0;
                byte[] buf = new byte[65536];
                int n;
                // read to the end of the stream (0): finishing before the daemon's end marker hangs
                while ((n = stream.receive(buf)) > 0) {
                    int take = Math.min(n, length - got);
                    System.arraycopy(buf, 0, out, got, take);
                    got += take;
                }
                stream.finish();
                return got == length ? out : java.util.Arrays.copyOf(out, got);
            } finally {
                stream.free();
                v.free();
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    /** Deletes the volume at {@code path}; quietly nothing when no pool holds it. */
    public void deleteVolume(String path) throws VirtException {
        StorageVol v;
        try {
            v = conn.storageVolLookupByPath(path);
        } catch (LibvirtException e) {
            return;
        }
        try {
            v.delete(0);
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        } finally {
            free(v);
        }
    }

    /** Virtual networks (active first) and the host's bridges (where libvirt's interface driver lists them). */
    public List<NetworkSource> networks() throws VirtException {
        List<NetworkSource> out = new ArrayList<>();
        try {
            for (String n : conn.listNetworks()) {
                out.add(new NetworkSource(NetworkSource.Kind.NETWORK, n, true));
            }
            for (String n : conn.listDefinedNetworks()) {
                out.add(new NetworkSource(NetworkSource.Kind.NETWORK, n, false));
            }
        } catch (LibvirtException e) {
            // a daemon without the network driver has no networks to offer
        }
        try {
            for (String name : conn.listInterfaces()) {
                org.libvirt.Interface i = conn.interfaceLookupByName(name);
                try {
                    if (i.getXMLDescription(0).contains("type=\"bridge\"") || i.getXMLDescription(0).contains("type='bridge'")) {
                        out.add(new NetworkSource(NetworkSource.Kind.BRIDGE, name, true));
                    }
                } finally {
                    i.free();
                }
            }
        } catch (LibvirtException e) {
            // no interface driver (netcf/udev): bridges can still be typed by name
        }
        return out;
    }

    static String volumeXml(String name, long capacity, String format) {
        String fmt = format == null || format.isBlank() ? "raw" : format;
        return "<volume><name>" + name.replace("&", "&amp;").replace("<", "&lt;") + "</name>"
            + "<capacity unit='bytes'>" + capacity + "</capacity><allocation unit='bytes'>0</allocation>"
            + "<target><format type='" + fmt + "'/></target></volume>";
    }

    private static Element firstElement(String xml, String tag) {
        NodeList list = DomainXml.parse(xml).getElementsByTagName(tag);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static void free(StorageVol v) {
        try {
            v.free();
        } catch (LibvirtException ignored) {
            // nothing to do
        }
    }
}
