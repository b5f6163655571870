package org.vireo.ui.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vireo.ui.host.StorageUiLabTest.WAIT;
import static org.vireo.ui.host.StorageUiLabTest.cancel;
import static org.vireo.ui.host.StorageUiLabTest.clickDialogButton;
import static org.vireo.ui.host.StorageUiLabTest.set;
import static org.vireo.ui.host.StorageUiLabTest.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.job.JobState;
import org.vireo.model.ConnectionState;
import org.vireo.model.NetworkInfo;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;
import org.vireo.support.TwoHostLab;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;

/**
 * Storage and networks on the two-host lab's hostA reached over SSH (its libvirtd runs in its
 * own network namespace, so a NAT network there routes nowhere but inside it): an upload into
 * the remote pool equals the file byte for byte (read back with virsh vol-download on the
 * host's own socket) and downloads back equal; a NAT network is refused on bad input, created,
 * started, seen in virsh net-list, shows a DHCP lease, and is deleted.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(240)
class StorageSshLabTest {
    private static final String URI = "qemu+ssh://labA/system";
    private final String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private final String net = "vt-nat-" + tag;
    private final String volume = "up-" + tag + ".bin";
    /** 10.2xx.x.0/24: never one of the machine's own networks, and only inside hostA's namespace. */
    private final int third = 1 + new Random().nextInt(250);
    private MainViewModel model;
    private MainWindow window;
    private Scene scene;
    private final List<Path> temp = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("vireo-storage-ssh");
        model = new MainViewModel(HostOptions.defaults(), uris -> { }, TwoHostLab.sshHome(home, null, ""));
        scene = VireoApp.createScene(model, 1280, 860);
        window = (MainWindow) scene.getRoot();
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(URI));
    }

    @AfterEach
    void stop() throws Exception {
        Fx.run(model::stopAll);
        quietly("net-destroy", net);
        quietly("net-undefine", net);
        quietly("vol-delete", "--pool", "default", volume);
        for (Path p : temp) {
            Files.deleteIfExists(p);
        }
    }

    private static void quietly(String... args) {
        try {
            TwoHostLab.virsh("A", args);
        } catch (AssertionError | RuntimeException ignored) {
            // not there
        }
    }

    private HostViewModel host() {
        HostViewModel h = model.find(URI).orElseThrow();
        Fx.await(WAIT, "hostA connected over SSH", () -> h.getState() == ConnectionState.CONNECTED);
        Fx.run(() -> window.tree().select(h));
        return h;
    }

    private Path tempFile(String suffix) throws Exception {
        Path p = Files.createTempFile("vireo-ssh", suffix);
        temp.add(p);
        return p;
    }

    @Test
    void uploadToTheRemotePoolMatchesByteForByte(FxRobot robot) throws Exception {
        host();
        robot.clickOn("#hostStorageTab");
        StorageViewModel vm = Fx.get(() -> window.storagePane().model());
        Fx.await(WAIT, "default pool listed", () -> vm.selectedPoolProperty().get() != null
            && vm.selectedPoolProperty().get().name().equals("default"));
        byte[] data = new byte[64 * 1024 * 1024 + 777];
        new Random(11).nextBytes(data);
        Path src = tempFile(".bin");
        Files.write(src, data);
        Fx.run(() -> window.storagePane().setFilePicker(new StorageUiLabTest.FixedFile(src)));
        robot.clickOn("#volumeUploadButton");
        set(robot, "#uploadNameField", volume);
        robot.clickOn("#formOkButton");
        Fx.await(WAIT, "upload job done", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.titleProperty().get().contains(volume) && r.stateProperty().get() == JobState.SUCCEEDED));
        var row = Fx.get(() -> model.jobs().rows().stream().filter(r -> r.titleProperty().get().contains(volume)).findFirst().orElseThrow());
        assertEquals(data.length, row.job().stats().dataProcessed(), "bytes sent");
        assertEquals(1.0, Fx.get(() -> row.progressProperty().get()), 1e-9);
        System.out.printf("[figure] upload of %.1f MiB into hostA's pool over SSH: %d ms (%.1f MiB/s)%n", data.length / 1048576.0,
            row.job().elapsedMillis(), data.length / 1048576.0 / Math.max(0.001, row.job().elapsedMillis() / 1000.0));

        // read back on the host itself, through its own socket rather than Vireo's SSH session
        Path viaVirsh = tempFile(".virsh");
        TwoHostLab.virsh("A", "vol-download", "--pool", "default", volume, viaVirsh.toString());
        assertArrayEquals(data, Files.readAllBytes(viaVirsh), "virsh vol-download on hostA equals the uploaded file");

        // and down again through the window
        Fx.await(WAIT, "volume listed", () -> vm.volumes().stream().anyMatch(v -> v.name().equals(volume)));
        Fx.run(() -> {
            TableView<VolumeRow> t = (TableView<VolumeRow>) window.storagePane().lookup("#volumeTable");
            t.getItems().stream().filter(v -> v.name().equals(volume)).findFirst().ifPresent(v -> t.getSelectionModel().select(v));
        });
        Path back = tempFile(".down");
        Fx.run(() -> window.storagePane().setFilePicker(new StorageUiLabTest.FixedFile(back)));
        robot.clickOn("#volumeDownloadButton");
        Fx.await(WAIT, "download job done", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.titleProperty().get().startsWith("Download") && r.stateProperty().get() == JobState.SUCCEEDED));
        assertArrayEquals(data, Files.readAllBytes(back), "the download equals the upload");

        robot.clickOn("#volumeDeleteButton");
        robot.clickOn("#volumeDeleteConfirm");
        Fx.await(WAIT, "deleted", () -> vm.volumes().stream().noneMatch(v -> v.name().equals(volume)));
        assertFalse(TwoHostLab.virsh("A", "vol-list", "default").contains(volume));
    }

    @Test
    void natNetworkOnTheSshHost(FxRobot robot) throws Exception {
        host();
        robot.clickOn("#hostNetworksTab");
        NetworksViewModel vm = Fx.get(() -> window.networksPane().model());
        Fx.await(WAIT, "networks tab shown", () -> robot.lookup("#networkTable").tryQuery().isPresent());
        String cidr = "10.231." + third + ".0/24";

        robot.clickOn("#newNetworkButton");
        set(robot, "#networkNameField", net);
        set(robot, "#networkCidrField", "10.300.1.0/24");
        robot.clickOn("#formOkButton");
        assertTrue(text(robot, "#formError").contains("IPv4 network: write it as address/prefix"), text(robot, "#formError"));
        set(robot, "#networkCidrField", cidr);
        set(robot, "#networkDhcpStartField", "10.232.0.2");
        set(robot, "#networkDhcpEndField", "10.232.0.9");
        robot.clickOn("#formOkButton");
        String outside = text(robot, "#formError");
        assertTrue(outside.contains("DHCP range: 10.232.0.2 – 10.232.0.9 is outside 10.231." + third + ".0/24"), outside);
        Screenshots.save(robot.lookup("#newNetworkDialog").query().getScene(), "network-new-error");
        assertFalse(TwoHostLab.virsh("A", "net-list", "--all").contains(net), "nothing sent");
        set(robot, "#networkDhcpStartField", "10.231." + third + ".100");
        set(robot, "#networkDhcpEndField", "10.231." + third + ".199");
        Screenshots.save(robot.lookup("#newNetworkDialog").query().getScene(), "network-new");
        robot.clickOn("#formOkButton");
        Fx.await(WAIT, "network listed active", () -> vm.networks().stream().anyMatch(n -> n.name().equals(net) && n.active()));
        NetworkInfo n = Fx.get(() -> vm.networks().stream().filter(x -> x.name().equals(net)).findFirst().orElseThrow());
        assertEquals("nat", n.forwardMode());
        assertEquals("10.231." + third + ".1/24", n.ipv4());
        assertFalse(n.bridge().isEmpty(), "libvirt named a bridge");
        assertTrue(TwoHostLab.virsh("A", "net-list").lines().anyMatch(l -> l.contains(net) && l.contains("active")),
            TwoHostLab.virsh("A", "net-list"));

        // a lease as dnsmasq's helper records it; libvirt reads it back through virNetworkGetDHCPLeases
        Path status = Path.of(TwoHostLab.get("TWOHOST_DIR"), "A", "lib", "dnsmasq", n.bridge() + ".status");
        long expiry = System.currentTimeMillis() / 1000 + 3600;
        Files.writeString(status, "[\n  {\n    \"ip-address\": \"10.231." + third + ".123\",\n    \"mac-address\": \"52:54:00:12:34:56\",\n"
            + "    \"hostname\": \"leased-guest\",\n    \"client-id\": \"01:52:54:00:12:34:56\",\n    \"expiry-time\": " + expiry + "\n  }\n]\n");
        robot.clickOn("#networksReloadButton");
        Fx.run(() -> vm.selectedProperty().set(null));
        Fx.run(() -> vm.selectedProperty().set(vm.networks().stream().filter(x -> x.name().equals(net)).findFirst().orElseThrow()));
        Fx.await(WAIT, "lease shown", () -> vm.leases().stream().anyMatch(l -> l.mac().equals("52:54:00:12:34:56")));
        var lease = Fx.get(() -> vm.leases().getFirst());
        assertEquals("10.231." + third + ".123", lease.address());
        assertEquals(24, lease.prefix());
        assertEquals("leased-guest", lease.hostname());
        assertEquals(expiry, lease.expiresEpochSeconds());
        assertEquals(n.bridge(), lease.iface());
        Screenshots.save(scene, "networks-recorded-lease");

        // a second network of the same name is refused in the dialog
        robot.clickOn("#newNetworkButton");
        set(robot, "#networkNameField", net);
        set(robot, "#networkCidrField", "10.231." + ((third + 1) % 250 + 1) + ".0/24");
        robot.clickOn("#formOkButton");
        assertTrue(text(robot, "#formError").contains("already has a network called " + net), text(robot, "#formError"));
        cancel(robot, "#newNetworkDialog");

        robot.clickOn("#networkDeleteButton");
        clickDialogButton(robot, "#confirmDialog", "Delete");
        Fx.await(WAIT, "network gone", () -> vm.networks().stream().noneMatch(x -> x.name().equals(net)));
        assertFalse(TwoHostLab.virsh("A", "net-list", "--all").contains(net));
        Files.deleteIfExists(status);
    }

    /** Cancel half-way through an upload: the stream is aborted and the volume it made is gone. */
    @Test
    void uploadCancelledHalfWayLeavesNothing(FxRobot robot) throws Exception {
        host();
        robot.clickOn("#hostStorageTab");
        StorageViewModel vm = Fx.get(() -> window.storagePane().model());
        Fx.await(WAIT, "default pool listed", () -> vm.selectedPoolProperty().get() != null
            && vm.selectedPoolProperty().get().name().equals("default"));
        // 2 GiB of zeros without using the disk here (sparse); far more than a cancel lets through
        Path big = tempFile(".big");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), (2L << 30) - 1);
        }
        Fx.run(() -> window.storagePane().setFilePicker(new StorageUiLabTest.FixedFile(big)));
        robot.clickOn("#volumeUploadButton");
        set(robot, "#uploadNameField", volume);
        robot.clickOn("#formOkButton");
        Fx.await(WAIT, "upload running with bytes sent", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.titleProperty().get().contains(volume) && r.job().stats().dataProcessed() > 0));
        var row = Fx.get(() -> model.jobs().rows().stream().filter(r -> r.titleProperty().get().contains(volume)).findFirst().orElseThrow());
        double progress = Fx.get(() -> row.progressProperty().get());
        assertTrue(progress > 0 && progress < 1, "progress half-way: " + progress);
        assertTrue(TwoHostLab.virsh("A", "vol-list", "default").contains(volume), "the volume exists while it uploads");
        Fx.await(WAIT, "the job's row", () -> robot.lookup("#cancelJob-" + row.job().id()).tryQuery().isPresent());
        Screenshots.save(scene, "storage-upload-progress");
        Fx.clickWhenShown(robot, "#cancelJob-" + row.job().id());
        Fx.await(WAIT, "cancelled", () -> row.stateProperty().get() == JobState.CANCELLED);
        System.out.printf("[figure] upload cancel -> job cancelled: %d ms (%d MiB of 2048 sent)%n", row.job().cancelMillis(),
            row.job().stats().dataProcessed() >> 20);
        assertFalse(TwoHostLab.virsh("A", "vol-list", "default").contains(volume), "the partial volume was deleted");
        Fx.await(WAIT, "volume gone from the tab", () -> vm.volumes().stream().noneMatch(v -> v.name().equals(volume)));
    }

    /**
     * A real lease: a guest on hostA with a NIC on a NAT network asks dnsmasq with busybox's
     * udhcpc; the network's leases and the guest's Overview show the address.
     */
    @Test
    void aGuestsAddressFromItsDhcpLease(FxRobot robot) throws Exception {
        String guest = "vt-dhcp-" + tag;
        String mac = String.format("52:54:00:7a:%02x:%02x", third, new Random().nextInt(256));
        Path xml = tempFile(".xml");
        Files.writeString(xml, new org.vireo.model.NetworkSpec(net, true, "10.231." + third + ".0/24",
            "10.231." + third + ".50", "10.231." + third + ".60").xml());
        TwoHostLab.virsh("A", "net-define", xml.toString());
        TwoHostLab.virsh("A", "net-start", net);
        try {
            TwoHostLab.guest("A", guest);
            TwoHostLab.virsh("A", "attach-interface", guest, "network", net, "--model", "virtio", "--mac", mac, "--config");
            TwoHostLab.virsh("A", "start", guest);
            TwoHostLab.awaitBooted("A", guest);
            try (var conn = org.vireo.libvirt.VirtConnection.open(TwoHostLab.uri("A"));
                 var shell = org.vireo.support.GuestShell.open(conn, TwoHostLab.virsh("A", "domuuid", guest).strip())) {
                // the NIC whose address is ours; udhcpc only asks (its script, busybox itself, configures nothing)
                String out = shell.run("for i in /sys/class/net/*; do grep -q " + mac + " $i/address && I=${i##*/}; done; "
                    + "busybox ip link set $I up; busybox udhcpc -i $I -n -q -t 10 -T 1 -s /bin/busybox; echo iface=$I", 60_000);
                assertTrue(out.contains("iface=eth"), out);
            }
            host();
            robot.clickOn("#hostNetworksTab");
            NetworksViewModel vm = Fx.get(() -> window.networksPane().model());
            Fx.await(WAIT, "network listed", () -> vm.networks().stream().anyMatch(n -> n.name().equals(net)));
            Fx.run(() -> vm.selectedProperty().set(vm.networks().stream().filter(n -> n.name().equals(net)).findFirst().orElseThrow()));
            Fx.await(WAIT, "the guest's lease listed", () -> vm.leases().stream().anyMatch(l -> l.mac().equals(mac)));
            String address = Fx.get(() -> vm.leases().stream().filter(l -> l.mac().equals(mac)).findFirst().orElseThrow().address());
            long a = org.vireo.model.NetworkSpec.ipv4(address);
            assertTrue(a >= org.vireo.model.NetworkSpec.ipv4("10.231." + third + ".50") && a <= org.vireo.model.NetworkSpec.ipv4("10.231." + third + ".60"), address);
            assertTrue(TwoHostLab.virsh("A", "net-dhcp-leases", net).contains(address), "virsh sees the same lease");
            Screenshots.save(scene, "networks");

            robot.clickOn("#hostDomainsTab");
            Fx.clickWhenShown(robot, "#domain-" + guest);
            Fx.await(WAIT, "address on the Overview", () -> robot.lookup("#addressesValue").tryQuery()
                .map(n -> ((javafx.scene.control.Label) n).getText().contains(address + "/24")).orElse(false));
            String shown = Fx.get(() -> robot.lookup("#addressesValue").queryAs(javafx.scene.control.Label.class).getText());
            assertTrue(shown.contains(mac) && shown.contains("DHCP lease"), shown);
            Screenshots.save(scene, "domain-addresses");
        } finally {
            TwoHostLab.removeEverywhere(guest);
        }
    }
}
