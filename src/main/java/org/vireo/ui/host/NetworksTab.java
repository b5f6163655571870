package org.vireo.ui.host;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.vireo.model.DhcpLease;
import org.vireo.model.NetworkInfo;
import org.vireo.ui.Icons;
import org.vireo.ui.dialog.ConfirmDialog;

/** A host's virtual networks (state, mode, bridge, addresses, autostart) over the selected one's DHCP leases. */
public final class NetworksTab extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final NetworksViewModel model;
    private final TableView<NetworkInfo> networks = new TableView<>();
    private final TableView<DhcpLease> leases = new TableView<>();

    public NetworksTab(NetworksViewModel model) {
        this.model = model;
        setId("networksPane");
        networks.setId("networkTable");
        leases.setId("leaseTable");
        networks.setItems(model.networks());
        leases.setItems(model.leases());
        networks.getColumns().add(StorageTab.text("Name", 130, NetworkInfo::name));
        networks.getColumns().add(StorageTab.text("State", 65, n -> n.active() ? "active" : "inactive"));
        networks.getColumns().add(StorageTab.text("Mode", 60, NetworkInfo::forwardMode));
        networks.getColumns().add(StorageTab.text("Bridge", 70, NetworkInfo::bridge));
        networks.getColumns().add(StorageTab.text("IPv4", 130, NetworkInfo::ipv4));
        networks.getColumns().add(StorageTab.text("DHCP", 240, NetworkInfo::dhcpRange));
        networks.getColumns().add(StorageTab.text("Autostart", 80, n -> n.autostart() ? "yes" : "no"));
        networks.getColumns().add(StorageTab.text("Persistent", 85, n -> n.persistent() ? "yes" : "no"));
        networks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        networks.setPlaceholder(new Label("No virtual networks on this host. New network makes a NAT or isolated one."));
        leases.getColumns().add(StorageTab.text("Address", 130, l -> l.address() + "/" + l.prefix()));
        leases.getColumns().add(StorageTab.text("MAC", 140, DhcpLease::mac));
        leases.getColumns().add(StorageTab.text("Host name", 140, DhcpLease::hostname));
        leases.getColumns().add(StorageTab.text("Interface", 80, DhcpLease::iface));
        leases.getColumns().add(StorageTab.text("Expires", 160, l -> l.expiresEpochSeconds() <= 0 ? "never"
            : TIME.format(Instant.ofEpochSecond(l.expiresEpochSeconds()))));
        leases.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        leases.setPlaceholder(new Label("No DHCP leases (none handed out yet, or the network is not running)."));
        networks.getSelectionModel().selectedItemProperty().addListener((o, a, n) -> {
            if (n != null) {
                model.selectedProperty().set(n);
            }
        });
        model.selectedProperty().addListener((o, a, n) -> {
            if (n != null && networks.getSelectionModel().getSelectedItem() != n) {
                networks.getSelectionModel().select(n);
            }
        });
        Label leasesTitle = new Label();
        leasesTitle.getStyleClass().add(Styles.TEXT_BOLD);
        leasesTitle.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null
            ? "DHCP leases" : "DHCP leases of " + model.selectedProperty().get().name(), model.selectedProperty()));
        VBox top = new VBox(6, bar(), networks);
        VBox.setVgrow(networks, Priority.ALWAYS);
        VBox bottom = new VBox(6, leasesTitle, leases);
        VBox.setVgrow(leases, Priority.ALWAYS);
        top.setPadding(new Insets(6, 8, 6, 8));
        bottom.setPadding(new Insets(6, 8, 6, 8));
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        Label message = new Label();
        message.setId("networksMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.setPadding(new Insets(2, 10, 4, 10));
        getChildren().addAll(split, message);
        VBox.setVgrow(split, Priority.ALWAYS);
    }

    public NetworksViewModel model() {
        return model;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private HBox bar() {
        Button add = StorageTab.button("newNetworkButton", "New network", Icons.of(MaterialDesignL.LAN), "A NAT or isolated network with DHCP");
        add.setOnAction(e -> new NewNetworkDialog(window(), model).showAndWait());
        Button start = StorageTab.button("networkStartButton", "Start", Icons.of(MaterialDesignP.PLAY), "Start the network");
        start.setOnAction(e -> model.start(selected()));
        Button stop = StorageTab.button("networkStopButton", "Stop", Icons.of(MaterialDesignS.STOP), "Stop the network");
        stop.setOnAction(e -> {
            NetworkInfo n = selected();
            if (ConfirmDialog.ask(window(), "Stop network " + n.name() + "?",
                "Guests on it lose their link until it runs again.", "Stop")) {
                model.stop(n);
            }
        });
        CheckBox autostart = new CheckBox("Autostart");
        autostart.setId("networkAutostartToggle");
        autostart.setTooltip(new Tooltip("Start the network with the host"));
        autostart.setOnAction(e -> model.setAutostart(selected(), autostart.isSelected()));
        Button delete = StorageTab.button("networkDeleteButton", "Delete", Icons.of(MaterialDesignD.DELETE), "Stop and remove the network");
        delete.getGraphic().getStyleClass().add("destructive-icon");
        delete.setOnAction(e -> {
            NetworkInfo n = selected();
            if (ConfirmDialog.ask(window(), "Delete network " + n.name() + "?",
                (n.active() ? "It is stopped first: guests on it lose their link. " : "")
                    + "Its definition is removed from the host; guests that name it cannot start until it exists again.",
                "Delete")) {
                model.delete(n);
            }
        });
        var sel = model.selectedProperty();
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.get() == null || sel.get().active(), sel));
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.get() == null || !sel.get().active(), sel));
        autostart.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.get() == null || !sel.get().persistent(), sel));
        delete.disableProperty().bind(sel.isNull());
        sel.addListener((o, a, n) -> autostart.setSelected(n != null && n.autostart()));
        Button reload = StorageTab.button("networksReloadButton", null, Icons.of(MaterialDesignR.RELOAD), "Read the host's networks again");
        reload.setOnAction(e -> model.reload());
        StackPane gap = new StackPane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, add, start, stop, autostart, delete, gap, reload);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private NetworkInfo selected() {
        return model.selectedProperty().get();
    }
}
