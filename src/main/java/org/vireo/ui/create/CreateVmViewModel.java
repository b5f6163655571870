package org.vireo.ui.create;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.host.CreateVmService;
import org.vireo.host.IsoLabel;
import org.vireo.host.OsCatalog;
import org.vireo.job.Job;
import org.vireo.model.CreateChoices;
import org.vireo.model.NetworkSource;
import org.vireo.model.OsVariant;
import org.vireo.model.PoolSummary;
import org.vireo.model.VmPlatform;
import org.vireo.model.VmSpec;
import org.vireo.model.VmXml;
import org.vireo.model.VolumeSummary;
import org.vireo.ui.Formats;
import org.vireo.ui.HostViewModel;

/**
 * The create-VM wizard's state for one host: what the host offers (read once, off the FX
 * thread), the user's choices, each page's problem in words (empty when the page is
 * complete), the summary and the XML. Properties change on the FX thread only.
 */
public final class CreateVmViewModel {
    public static final int SOURCE = 0;
    public static final int OS = 1;
    public static final int RESOURCES = 2;
    public static final int SUMMARY = 3;
    public static final int XML = 4;
    private static CompletableFuture<OsCatalog> catalog;

    private final HostViewModel host;
    private final CreateVmService service;
    private CreateChoices choices = new CreateChoices(List.of(), List.of(), List.of(), List.of(), java.util.Set.of());

    public final StringProperty loading = new SimpleStringProperty(this, "loading", "Reading what the host offers…");
    public final ObjectProperty<VmSpec.Source> source = new SimpleObjectProperty<>(this, "source", VmSpec.Source.ISO);
    public final ObservableList<VmPlatform> platforms = FXCollections.observableArrayList();
    public final ObjectProperty<VmPlatform> platform = new SimpleObjectProperty<>(this, "platform");
    public final ObservableList<String> machines = FXCollections.observableArrayList();
    public final StringProperty machine = new SimpleStringProperty(this, "machine", "");
    public final ObservableList<String> domainTypes = FXCollections.observableArrayList();
    public final StringProperty domainType = new SimpleStringProperty(this, "domainType", "qemu");
    public final BooleanProperty uefi = new SimpleBooleanProperty(this, "uefi");
    public final BooleanProperty uefiAvailable = new SimpleBooleanProperty(this, "uefiAvailable");
    /** Disks and ISOs in the host's pools (the choosers). */
    public final ObservableList<VolumeSummary> diskVolumes = FXCollections.observableArrayList();
    public final ObservableList<VolumeSummary> isoVolumes = FXCollections.observableArrayList();
    public final StringProperty importPath = new SimpleStringProperty(this, "importPath", "");
    public final BooleanProperty uploadIso = new SimpleBooleanProperty(this, "uploadIso");
    public final StringProperty isoPath = new SimpleStringProperty(this, "isoPath", "");
    public final StringProperty localIso = new SimpleStringProperty(this, "localIso", "");
    public final StringProperty kernel = new SimpleStringProperty(this, "kernel", "");
    public final StringProperty initrd = new SimpleStringProperty(this, "initrd", "");
    public final StringProperty cmdline = new SimpleStringProperty(this, "cmdline", "console=ttyS0");

    public final StringProperty osQuery = new SimpleStringProperty(this, "osQuery", "");
    public final ObservableList<OsVariant> osList = FXCollections.observableArrayList(OsVariant.GENERIC);
    public final ObjectProperty<OsVariant> os = new SimpleObjectProperty<>(this, "os", OsVariant.GENERIC);
    public final StringProperty detection = new SimpleStringProperty(this, "detection", "");

    public final StringProperty memoryMiB = new SimpleStringProperty(this, "memoryMiB", "1024");
    public final StringProperty vcpus = new SimpleStringProperty(this, "vcpus", "2");
    public final StringProperty diskMiB = new SimpleStringProperty(this, "diskMiB", "20480");
    public final StringProperty diskFormat = new SimpleStringProperty(this, "diskFormat", "qcow2");
    public final ObservableList<PoolSummary> pools = FXCollections.observableArrayList();
    public final ObjectProperty<PoolSummary> pool = new SimpleObjectProperty<>(this, "pool");
    public final ObservableList<NetworkSource> networks = FXCollections.observableArrayList();
    public final ObjectProperty<NetworkSource> network = new SimpleObjectProperty<>(this, "network", NetworkSource.USER);
    public final StringProperty name = new SimpleStringProperty(this, "name", "");

    public final BooleanProperty editXml = new SimpleBooleanProperty(this, "editXml");
    public final StringProperty xml = new SimpleStringProperty(this, "xml", "");
    public final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final List<StringProperty> problems = List.of(new SimpleStringProperty(), new SimpleStringProperty(),
        new SimpleStringProperty(), new SimpleStringProperty(), new SimpleStringProperty());
    public final StringProperty error = new SimpleStringProperty(this, "error", "");

    public CreateVmViewModel(HostViewModel host) {
        this.host = host;
        this.service = host.createVmService();
        Observable[] all = {source, platform, machine, domainType, uefi, importPath, uploadIso, isoPath, localIso, kernel, os, memoryMiB, vcpus,
            diskMiB, diskFormat, pool, network, name, loading};
        for (Observable o : all) {
            o.addListener(x -> validate());
        }
        platform.addListener((o, a, p) -> {
            machines.setAll(p == null ? List.of() : p.machines());
            machine.set(p == null ? "" : p.preferredMachine());
            domainTypes.setAll(p == null ? List.of() : p.domainTypes());
            domainType.set(p == null ? "qemu" : p.domainType());
            uefiAvailable.set(p != null && p.uefi());
            if (p == null || !p.uefi()) {
                uefi.set(false);
            }
        });
        osQuery.addListener((o, a, q) -> filterOs());
        os.addListener((o, a, v) -> {
            if (v != null) {
                recommend(v);
            }
        });
        isoPath.addListener((o, a, p) -> {
            if (!uploadIso.get()) {
                detect(p, false);
            }
        });
        localIso.addListener((o, a, p) -> {
            if (uploadIso.get()) {
                detect(p, true);
            }
        });
        uploadIso.addListener((o, a, up) -> detect(up ? localIso.get() : isoPath.get(), up));
        load();
        validate();
    }

    public HostViewModel host() {
        return host;
    }

    private void load() {
        service.choices().whenComplete((c, err) -> Platform.runLater(() -> {
            if (err != null) {
                loading.set("Cannot read the host: " + reason(err));
                return;
            }
            choices = c;
            platforms.setAll(c.platforms());
            platform.set(c.platforms().isEmpty() ? null : c.platforms().getFirst());
            pools.setAll(c.pools());
            pool.set(c.pools().stream().filter(PoolSummary::active).findFirst().orElse(null));
            diskVolumes.setAll(c.volumes().stream().filter(v -> !v.name().toLowerCase().endsWith(".iso")).toList());
            isoVolumes.setAll(c.volumes().stream().filter(v -> v.name().toLowerCase().endsWith(".iso")).toList());
            List<NetworkSource> nets = new ArrayList<>(c.networks());
            nets.add(NetworkSource.USER);
            nets.add(NetworkSource.NONE);
            networks.setAll(nets);
            network.set(nets.stream().filter(n -> n.kind() == NetworkSource.Kind.NETWORK && n.active()).findFirst()
                .orElse(NetworkSource.USER));
            if (name.get().isEmpty()) {
                name.set(freeName("vm"));
            }
            loading.set("");
        }));
        catalog().whenComplete((cat, err) -> Platform.runLater(this::filterOs));
    }

    /** The osinfo database, read once per process off the FX thread. */
    static synchronized CompletableFuture<OsCatalog> catalog() {
        if (catalog == null) {
            catalog = CompletableFuture.supplyAsync(() -> OsCatalog.read(OsCatalog.DEFAULT_DIR));
        }
        return catalog;
    }

    private void filterOs() {
        OsCatalog cat = catalog().getNow(null);
        List<OsVariant> list = new ArrayList<>();
        list.add(OsVariant.GENERIC);
        if (cat != null) {
            list.addAll(cat.search(osQuery.get()));
        }
        osList.setAll(list);
    }

    /** Reads the ISO's volume id (locally, or its first 40 KB through the host's pool) and looks it up in osinfo. */
    private void detect(String path, boolean local) {
        if (path == null || path.isBlank() || source.get() != VmSpec.Source.ISO) {
            detection.set("");
            return;
        }
        detection.set("Reading the ISO's volume label…");
        CompletableFuture<String> label = local
            ? CompletableFuture.supplyAsync(() -> {
                try {
                    return IsoLabel.of(Path.of(path));
                } catch (java.io.IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            })
            : service.isoLabel(path);
        label.thenCombine(catalog(), (l, cat) -> new Object[] {l, cat.detect(l)}).whenComplete((r, err) -> Platform.runLater(() -> {
            boolean current = path.equals(local ? localIso.get() : isoPath.get());
            if (!current) {
                return;
            }
            if (err != null) {
                detection.set("Could not read the ISO: " + reason(err) + ". Choose the OS below.");
                return;
            }
            String l = (String) r[0];
            @SuppressWarnings("unchecked")
            Optional<OsVariant> found = (Optional<OsVariant>) r[1];
            if (l.isEmpty()) {
                detection.set("No ISO 9660 volume label found. Choose the OS below.");
            } else if (found.isPresent()) {
                detection.set("Detected from the volume label \"" + l + "\": " + found.get().name());
                os.set(found.get());
            } else {
                detection.set("Volume label \"" + l + "\" is not in the osinfo database: generic OS, or choose one below.");
                os.set(OsVariant.GENERIC);
            }
        }));
    }

    private void recommend(OsVariant v) {
        long ram = v.ramBytes() > 0 ? v.ramBytes() : OsVariant.GENERIC.ramBytes();
        memoryMiB.set(Long.toString(ram >> 20));
        vcpus.set(Integer.toString(Math.max(1, v.cpus())));
        long disk = v.storageBytes() > 0 ? v.storageBytes() : OsVariant.GENERIC.storageBytes();
        diskMiB.set(Long.toString(disk >> 20));
    }

    private String freeName(String base) {
        for (int i = 1; ; i++) {
            String n = base + i;
            if (!choices.domainNames().contains(n)) {
                return n;
            }
        }
    }

    public StringProperty problem(int page) {
        return problems.get(page);
    }

    /** Recomputes every page's problem, the summary and (unless edited) the XML. */
    public void validate() {
        problems.get(SOURCE).set(sourceProblem());
        problems.get(OS).set(os.get() == null ? "Choose an operating system (or the generic one)." : "");
        problems.get(RESOURCES).set(resourcesProblem());
        problems.get(SUMMARY).set("");
        problems.get(XML).set(xml.get().isBlank() ? "The XML is empty." : "");
        if (problems.get(RESOURCES).get().isEmpty() && problems.get(SOURCE).get().isEmpty()) {
            summary.set(describe());
            if (!editXml.get()) {
                xml.set(VmXml.of(spec().withIsoPath(predictedIso()), predictedDisk()));
            }
        } else {
            summary.set("");
        }
    }

    private String sourceProblem() {
        if (!loading.get().isEmpty()) {
            return loading.get();
        }
        if (platform.get() == null) {
            return "The host offers no architecture to run guests on.";
        }
        if ((machine.get() == null || machine.get().isBlank()) && !platform.get().machines().isEmpty()) {
            return "Choose a machine type.";
        }
        return switch (source.get()) {
            case IMPORT -> importPath.get().isBlank() ? "Choose the disk image to import (a pool volume or a path on the host)." : "";
            case ISO -> {
                if (uploadIso.get()) {
                    if (localIso.get().isBlank()) {
                        yield "Choose the ISO file on this computer to upload.";
                    }
                    Path p = Path.of(localIso.get());
                    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                        yield localIso.get() + " is not a readable file on this computer.";
                    }
                    yield "";
                }
                yield isoPath.get().isBlank() ? "Choose the installer ISO (a pool volume or a path on the host)." : "";
            }
            case KERNEL -> kernel.get().isBlank() ? "Give the kernel's path on the host." : "";
            case PXE -> "";
        };
    }

    private String resourcesProblem() {
        if (!loading.get().isEmpty()) {
            return loading.get();
        }
        String n = name.get().strip();
        java.util.Optional<String> nameProblem = org.vireo.model.DomainNames.domainProblem(n, "the guest");
        if (nameProblem.isPresent()) {
            return nameProblem.get();
        }
        if (choices.domainNames().contains(n)) {
            return "A domain named " + n + " already exists on this host.";
        }
        long mem = number(memoryMiB.get());
        if (mem < 16) {
            return "Memory: a whole number of MiB, at least 16.";
        }
        long cpus = number(vcpus.get());
        if (cpus < 1 || cpus > 255) {
            return "vCPUs: a whole number from 1 to 255.";
        }
        if (source.get() != VmSpec.Source.IMPORT) {
            long disk = number(diskMiB.get());
            if (disk < 0 || (disk == 0 && source.get() == VmSpec.Source.ISO)) {
                return source.get() == VmSpec.Source.ISO ? "Disk: an installer needs a disk to install onto (size in MiB)."
                    : "Disk: a size in MiB, or 0 for none.";
            }
            if (disk > 0 || (source.get() == VmSpec.Source.ISO && uploadIso.get())) {
                PoolSummary p = pool.get();
                if (p == null) {
                    return "Choose the storage pool for the new disk" + (uploadIso.get() ? " and the upload." : ".");
                }
                if (!p.active()) {
                    return "Pool " + p.name() + " is not active: start it first.";
                }
                if ("raw".equals(diskFormat.get()) && (disk << 20) > p.available()) {
                    return "Pool " + p.name() + " has only " + Formats.bytes(p.available()) + " free.";
                }
            }
        }
        if (network.get() == null) {
            return "Choose a network (or none).";
        }
        return "";
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }

    /** The choices as a spec (paths as the user gave them; an upload's ISO path is filled in by the job). */
    public VmSpec spec() {
        VmPlatform p = platform.get();
        VmSpec.Source s = source.get();
        String format = s == VmSpec.Source.IMPORT ? importFormat() : diskFormat.get();
        long disk = s == VmSpec.Source.IMPORT ? 0 : Math.max(0, number(diskMiB.get())) << 20;
        return new VmSpec(name.get().strip(), s, p.arch(), machine.get(), domainType.get(), uefi.get(), p.preferredCpuMode(domainType.get()),
            number(memoryMiB.get()), (int) number(vcpus.get()), importPath.get().strip(),
            s == VmSpec.Source.ISO && !uploadIso.get() ? isoPath.get().strip() : "",
            s == VmSpec.Source.ISO && uploadIso.get() ? localIso.get().strip() : "",
            kernel.get().strip(), initrd.get().strip(), cmdline.get().strip(), disk, format,
            pool.get() == null ? "" : pool.get().name(), network.get(), os.get() == null ? "" : os.get().id());
    }

    private String importFormat() {
        String path = importPath.get().strip();
        return diskVolumes.stream().filter(v -> v.path().equals(path)).map(VolumeSummary::format)
            .filter(f -> !f.isEmpty()).findFirst().orElse(VmXml.formatOf(path));
    }

    String predictedDisk() {
        VmSpec s = spec();
        if (s.source() == VmSpec.Source.IMPORT) {
            return s.importPath();
        }
        return s.newDisk() ? CreateVmService.predictedPath(pool.get(), s.diskVolumeName()) : "";
    }

    String predictedIso() {
        VmSpec s = spec();
        return s.localIso().isEmpty() ? s.isoPath() : CreateVmService.predictedPath(pool.get(), s.uploadVolumeName());
    }

    private String describe() {
        VmSpec s = spec();
        List<String> lines = new ArrayList<>();
        lines.add("Name: " + s.name() + " on " + host.titleProperty().get());
        lines.add("Install: " + s.source().label());
        switch (s.source()) {
            case IMPORT -> lines.add("  disk image: " + s.importPath() + " (" + s.diskFormat() + ")");
            case ISO -> lines.add(s.localIso().isEmpty() ? "  ISO on the host: " + s.isoPath()
                : "  ISO uploaded from this computer: " + s.localIso() + " into pool " + s.pool());
            case KERNEL -> lines.add("  kernel " + s.kernel() + (s.initrd().isEmpty() ? "" : ", initrd " + s.initrd())
                + ", command line \"" + s.cmdline() + "\"");
            case PXE -> lines.add("  boots from the network first");
        }
        lines.add("OS: " + (os.get() == null ? "generic" : os.get().name()));
        lines.add("Platform: " + s.arch() + ", machine " + s.machine() + ", " + (s.uefi() ? "UEFI" : "BIOS") + ", "
            + s.domainType() + (s.cpuMode().isEmpty() ? "" : ", CPU " + s.cpuMode()));
        lines.add("Memory " + s.memoryMiB() + " MiB, " + s.vcpus() + " vCPU" + (s.vcpus() == 1 ? "" : "s"));
        lines.add(s.newDisk() ? "Disk: new " + s.diskFormat() + " volume " + s.diskVolumeName() + ", "
            + Formats.bytes(s.diskBytes()) + ", in pool " + s.pool()
            : s.source() == VmSpec.Source.IMPORT ? "Disk: the imported image" : "Disk: none");
        lines.add("Network: " + s.network().label());
        lines.add("Devices: virtio disk and NIC, qemu-xhci USB, USB tablet, pty serial console, guest-agent channel, "
            + "virtio RNG and balloon, virtio video, VNC on 127.0.0.1 only");
        lines.add("Then: defined and started; the Jobs panel shows its progress.");
        return String.join("\n", lines);
    }

    /**
     * Checks the name with the host once more (another client may have taken it meanwhile),
     * then starts the job. Completes with the job, or fails with the reason nothing was made.
     */
    public CompletableFuture<Job> create() {
        validate();
        for (StringProperty p : problems.subList(0, editXml.get() ? XML + 1 : SUMMARY + 1)) {
            if (!p.get().isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException(p.get()));
            }
        }
        VmSpec s = spec();
        String edited = editXml.get() ? xml.get() : null;
        String disk = predictedDisk();
        String iso = predictedIso();
        return service.nameClash(s.name()).thenApply(clash -> {
            if (!clash.isEmpty()) {
                throw new IllegalStateException(clash);
            }
            return service.create(s, edited, disk, iso);
        });
    }

    static String reason(Throwable err) {
        Throwable c = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
