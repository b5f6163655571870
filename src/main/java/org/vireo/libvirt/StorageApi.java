package org.vireo.libvirt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.vireo.model.DomainXml;
import org.vireo.model.PoolInfo;
import org.vireo.model.PoolSpec;
import org.vireo.model.VolumeInfo;
import org.vireo.model.VolumeSpec;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Storage pools and volumes (virStoragePool*, virStorageVol*) through the binding: list, start,
 * stop, refresh, autostart, define and build a directory pool, delete; create, resize and delete
 * volumes; upload and download a volume's bytes over a libvirt stream (the host's own
 * connection: over SSH the bytes travel in the same session). Plain records out; every handle
 * is freed before the call returns. Pools and volumes are named by name (pool) and
 * name within the pool (volume).
 */
public final class StorageApi {
    /** VIR_STORAGE_VOL_RESIZE_SHRINK: allow making a volume smaller. */
    private static final int RESIZE_SHRINK = 4;

    private final Connect conn;

    public StorageApi(VirtConnection connection) {
        this.conn = connection.binding();
    }

    // ---------------------------------------------------------------- pools

    /** Every pool, running and defined, sorted by name. */
    public List<PoolInfo> pools() throws VirtException {
        Set<String> names = new LinkedHashSet<>();
        call(() -> {
            names.addAll(Arrays.asList(conn.listStoragePools()));
            names.addAll(Arrays.asList(conn.listDefinedStoragePools()));
            return null;
        });
        List<PoolInfo> out = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            try {
                out.add(pool(name));
            } catch (VirtException e) {
                if (!e.codeName().equals("VIR_ERR_NO_STORAGE_POOL")) {
                    throw e;
                }
                // undefined between the listing and the lookup
            }
        }
        return out;
    }

    public PoolInfo pool(String name) throws VirtException {
        return withPool(name, p -> {
            StoragePoolInfo info = p.getInfo();
            String xml = p.getXMLDesc(0);
            boolean active = p.isActive() == 1;
            boolean persistent = p.isPersistent() == 1;
            return new PoolInfo(p.getName(), p.getUUIDString(), PoolInfo.stateName(info.state.ordinal()), active,
                info.capacity, info.allocation, info.available, persistent && p.getAutostart(), persistent,
                DomainXml.attribute(xml, "", "type"), DomainXml.text(xml, "target/path"));
        });
    }

    public String poolXml(String name) throws VirtException {
        return withPool(name, p -> p.getXMLDesc(0));
    }

    public void startPool(String name) throws VirtException {
        withPool(name, p -> {
            p.create(0);
            return null;
        });
    }

    /** virStoragePoolDestroy: stops the pool (its data stay). */
    public void stopPool(String name) throws VirtException {
        withPool(name, p -> {
            p.destroy();
            return null;
        });
    }

    public void refreshPool(String name) throws VirtException {
        withPool(name, p -> {
            p.refresh(0);
            return null;
        });
    }

    public void setPoolAutostart(String name, boolean on) throws VirtException {
        withPool(name, p -> {
            p.setAutostart(on ? 1 : 0);
            return null;
        });
    }

    /**
     * Removes the pool from the host: stops it when running, with {@code deleteData} also
     * deletes its directory (virStoragePoolDelete; libvirt refuses a directory that is not
     * empty), then undefines it.
     */
    public void deletePool(String name, boolean deleteData) throws VirtException {
        withPool(name, p -> {
            if (p.isActive() == 1) {
                p.destroy();
            }
            if (deleteData) {
                p.delete(0);
            }
            if (p.isPersistent() == 1) {
                p.undefine();
            }
            return null;
        });
    }

    public void undefinePool(String name) throws VirtException {
        withPool(name, p -> {
            p.undefine();
            return null;
        });
    }

    /** Defines a directory pool, builds it (makes the directory when missing), starts it and sets autostart. */
    public PoolInfo createDirPool(PoolSpec spec, boolean autostart) throws VirtException {
        StoragePool p = call(() -> conn.storagePoolDefineXML(spec.xml(), 0));
        try {
            try {
                p.build(0); // a dir pool's build makes the directory; existing files stay
                p.create(0);
                p.setAutostart(autostart ? 1 : 0);
            } catch (LibvirtException e) {
                // a half-made pool is undefined again: nothing left behind
                try {
                    if (p.isActive() == 1) {
                        p.destroy();
                    }
                    p.undefine();
                } catch (LibvirtException ignored) {
                    // the first error is the one the user needs
                }
                throw VirtException.from(e);
            }
        } finally {
            free(p);
        }
        return pool(spec.name());
    }

    // ---------------------------------------------------------------- volumes

    /** The pool's volumes, sorted by name, each with its format from the volume XML. */
    public List<VolumeInfo> volumes(String pool) throws VirtException {
        return withPool(pool, p -> {
            List<VolumeInfo> out = new ArrayList<>();
            if (p.isActive() != 1) {
                return out;
            }
            for (String name : Arrays.stream(p.listVolumes()).sorted().toList()) {
                StorageVol v;
                try {
                    v = p.storageVolLookupByName(name);
                } catch (LibvirtException e) {
                    continue; // deleted between the listing and the lookup
                }
                try {
                    out.add(volume(pool, v));
                } catch (LibvirtException e) {
                    // deleted meanwhile
                } finally {
                    free(v);
                }
            }
            return out;
        });
    }

    public VolumeInfo volume(String pool, String name) throws VirtException {
        return withVolume(pool, name, v -> volume(pool, v));
    }

    private static VolumeInfo volume(String pool, StorageVol v) throws LibvirtException {
        StorageVolInfo info = v.getInfo();
        String xml = v.getXMLDesc(0);
        String format = DomainXml.attribute(xml, "target/format", "type");
        return new VolumeInfo(pool, v.getName(), v.getKey(), v.getPath(), info.capacity, info.allocation,
            format.isEmpty() ? info.type.name().toLowerCase() : format, DomainXml.text(xml, "backingStore/path"));
    }

    public String volumeXml(String pool, String name) throws VirtException {
        return withVolume(pool, name, v -> v.getXMLDesc(0));
    }

    /** Creates a volume (sparse: nothing allocated up front) and returns it as listed. */
    public VolumeInfo createVolume(String pool, VolumeSpec spec) throws VirtException {
        withPool(pool, p -> {
            free(p.storageVolCreateXML(spec.xml(), 0));
            return null;
        });
        return volume(pool, spec.name());
    }

    /** New capacity in bytes; making it smaller needs {@code shrink} (data past the end are lost). */
    public void resizeVolume(String pool, String name, long capacity, boolean shrink) throws VirtException {
        withVolume(pool, name, v -> v.resize(capacity, shrink ? RESIZE_SHRINK : 0));
    }

    public void deleteVolume(String pool, String name) throws VirtException {
        withVolume(pool, name, v -> {
            v.delete(0);
            return null;
        });
    }

    /**
     * Sends {@code file} into the volume from offset 0 (virStorageVolUpload); {@code sent} hears
     * the bytes sent so far after every chunk. When {@code cancelled} turns true the stream is
     * aborted and the call fails; the volume then holds what arrived.
     */
    public void upload(String pool, String name, Path file, LongConsumer sent, BooleanSupplier cancelled) throws VirtException {
        long size = VolumeStreams.size(file);
        withVolume(pool, name, v -> {
            VolumeStreams.upload(conn, v, file, size, sent, cancelled);
            return null;
        });
    }

    /**
     * Writes the volume's bytes into {@code file} (virStorageVolDownload of the whole volume);
     * {@code received} hears the bytes so far. A cancel aborts the stream and deletes the
     * partial file.
     */
    public void download(String pool, String name, Path file, LongConsumer received, BooleanSupplier cancelled) throws VirtException {
        withVolume(pool, name, v -> {
            VolumeStreams.download(conn, v, file, received, cancelled);
            return null;
        });
    }

    /** Bytes a download of the volume brings: its file's size on the host (physical), else its capacity. */
    public long downloadSize(String pool, String name) throws VirtException {
        return withVolume(pool, name, v -> {
            String xml = v.getXMLDesc(0);
            String physical = DomainXml.text(xml, "physical");
            if (!physical.isEmpty()) {
                return Long.parseLong(physical);
            }
            return v.getInfo().capacity;
        });
    }

    // ---------------------------------------------------------------- which domains use a volume

    /** Every file or block device path the domain's disks (and their backing chains) read, from its XML. */
    public static Set<String> diskSources(String domainXml) {
        Set<String> out = new LinkedHashSet<>();
        Element root = DomainXml.parse(domainXml).getDocumentElement();
        NodeList disks = root.getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength(); i++) {
            NodeList sources = ((Element) disks.item(i)).getElementsByTagName("source");
            for (int j = 0; j < sources.getLength(); j++) {
                Element s = (Element) sources.item(j);
                for (String attr : List.of("file", "dev", "volume")) {
                    if (!s.getAttribute(attr).isEmpty()) {
                        out.add(attr.equals("volume") ? s.getAttribute("pool") + "/" + s.getAttribute(attr) : s.getAttribute(attr));
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- plumbing

    private static void free(StoragePool p) {
        try {
            p.free();
        } catch (LibvirtException ignored) {
            // nothing to do
        }
    }

    private static void free(StorageVol v) {
        try {
            v.free();
        } catch (LibvirtException ignored) {
            // nothing to do
        }
    }

    private <T> T withPool(String name, PoolCall<T> body) throws VirtException {
        StoragePool p = call(() -> conn.storagePoolLookupByName(name));
        try {
            return body.apply(p);
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        } finally {
            free(p);
        }
    }

    private <T> T withVolume(String pool, String name, VolCall<T> body) throws VirtException {
        return withPool(pool, p -> {
            StorageVol v = p.storageVolLookupByName(name);
            try {
                return body.apply(v);
            } finally {
                free(v);
            }
        });
    }

    private static <T> T call(BindingCall<T> body) throws VirtException {
        try {
            return body.call();
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    @FunctionalInterface
    private interface BindingCall<T> {
        T call() throws LibvirtException;
    }

    @FunctionalInterface
    private interface PoolCall<T> {
        T apply(StoragePool p) throws LibvirtException, VirtException;
    }

    @FunctionalInterface
    private interface VolCall<T> {
        T apply(StorageVol v) throws LibvirtException, VirtException;
    }
}
