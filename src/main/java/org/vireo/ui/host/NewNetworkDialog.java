package org.vireo.ui.host;

import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.vireo.model.NetworkSpec;

/**
 * A new virtual network: NAT (guests reach out through the host) or isolated (guests and the
 * host only), an IPv4 network in CIDR form, and a DHCP range inside it. Every field is
 * checked before anything is sent, with the reason shown.
 */
final class NewNetworkDialog extends FormDialog {
    private final NetworksViewModel model;
    private final TextField name = new TextField();
    private final RadioButton nat = new RadioButton("NAT");
    private final RadioButton isolated = new RadioButton("Isolated");
    private final TextField cidr = new TextField("10.210.0.0/24");
    private final CheckBox dhcp = new CheckBox("DHCP");
    private final TextField dhcpStart = new TextField("10.210.0.2");
    private final TextField dhcpEnd = new TextField("10.210.0.254");
    private final CheckBox start = new CheckBox("Start it now");
    private final CheckBox autostart = new CheckBox("Start with the host");

    NewNetworkDialog(Window owner, NetworksViewModel model) {
        super(owner, "newNetworkDialog", "New virtual network", "Create");
        this.model = model;
        name.setId("networkNameField");
        name.setPromptText("lan2");
        ToggleGroup mode = new ToggleGroup();
        nat.setToggleGroup(mode);
        isolated.setToggleGroup(mode);
        nat.setId("networkNatRadio");
        isolated.setId("networkIsolatedRadio");
        nat.setSelected(true);
        cidr.setId("networkCidrField");
        dhcp.setId("networkDhcpCheck");
        dhcp.setSelected(true);
        dhcpStart.setId("networkDhcpStartField");
        dhcpEnd.setId("networkDhcpEndField");
        dhcpStart.disableProperty().bind(dhcp.selectedProperty().not());
        dhcpEnd.disableProperty().bind(dhcp.selectedProperty().not());
        start.setId("networkStartCheck");
        start.setSelected(true);
        autostart.setId("networkAutostartCheck");
        // the DHCP range follows the network while the user has not written one of their own
        cidr.textProperty().addListener((o, a, b) -> suggestRange(a, b));
        row("Name", name);
        row("Mode", new HBox(14, nat, isolated));
        Label hint = new Label("The host takes the first address, or the one written (10.210.0.1/24).");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.setMaxWidth(340);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        row("IPv4 network", cidr);
        row("", hint);
        row("", dhcp);
        row("DHCP from", dhcpStart);
        row("DHCP to", dhcpEnd);
        row("", new HBox(14, start, autostart));
        finish();
        setOnShown(e -> name.requestFocus());
    }

    private void suggestRange(String before, String after) {
        NetworkSpec old = new NetworkSpec("x", true, before, "", "");
        NetworkSpec now = new NetworkSpec("x", true, after, "", "");
        if (!now.problems(List.of()).isEmpty() || now.prefix() <= 0) {
            return;
        }
        String[] oldRange = old.problems(List.of()).isEmpty() ? range(old) : null;
        boolean untouched = oldRange == null || (dhcpStart.getText().equals(oldRange[0]) && dhcpEnd.getText().equals(oldRange[1]));
        if (untouched) {
            String[] r = range(now);
            dhcpStart.setText(r[0]);
            dhcpEnd.setText(r[1]);
        }
    }

    /** From the address after the host's to the last before the broadcast. */
    private static String[] range(NetworkSpec s) {
        long host = NetworkSpec.ipv4(s.hostAddress());
        long mask = (0xFFFFFFFFL << (32 - s.prefix())) & 0xFFFFFFFFL;
        long net = host & mask;
        long broadcast = net | (~mask & 0xFFFFFFFFL);
        long first = host == net + 1 ? net + 2 : net + 1;
        long last = host == broadcast - 1 ? broadcast - 2 : broadcast - 1;
        return new String[] {NetworkSpec.format(first), NetworkSpec.format(last)};
    }

    private NetworkSpec spec() {
        return new NetworkSpec(name.getText(), nat.isSelected(), cidr.getText(),
            dhcp.isSelected() ? dhcpStart.getText() : "", dhcp.isSelected() ? dhcpEnd.getText() : "");
    }

    @Override
    protected List<String> problems() {
        List<String> out = new java.util.ArrayList<>(model.problems(spec()));
        if (dhcp.isSelected() && dhcpStart.getText().isBlank() && dhcpEnd.getText().isBlank()) {
            out.add("DHCP range: enter the first and last address, or untick DHCP.");
        }
        return out;
    }

    @Override
    protected void accept() {
        model.create(spec(), start.isSelected(), autostart.isSelected());
    }
}
