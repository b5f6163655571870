package org.vireo.ui.host;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.vireo.model.LocalDaemon;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.Icons;

/**
 * What the host page shows when no libvirt daemon answers on this computer (a first run on
 * a fresh machine): that libvirt is not installed or not running, the package and service
 * to install and start with the commands, and the next steps as buttons: a remote host over
 * SSH, the demo host, or Retry once the daemon runs.
 */
public final class FirstRunPane extends VBox {
    private final Label reason = new Label();

    public FirstRunPane(Runnable addSsh, Runnable openDemo, Runnable retry) {
        super(10);
        setId("firstRunPane");
        setPadding(new Insets(16, 20, 16, 20));
        setMaxWidth(760);
        Label title = new Label("libvirt is not installed or not running on this computer");
        title.setId("firstRunTitle");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        reason.setId("firstRunReason");
        reason.getStyleClass().add(Styles.TEXT_MUTED);
        reason.setWrapText(true);
        Label explain = new Label("Vireo manages virtual machines through libvirt's daemon. To run them on this computer, "
            + "install the package " + LocalDaemon.PACKAGE + " and start its service: libvirtd, or virtqemud where libvirt "
            + "runs as modular daemons. Then let your user manage it (group libvirt) and press Retry.");
        explain.setWrapText(true);
        VBox commands = new VBox(4,
            command("installCommand", LocalDaemon.INSTALL),
            command("startCommand", LocalDaemon.START),
            new Label("or, with the modular daemons:"),
            command("startModularCommand", LocalDaemon.START_MODULAR),
            command("groupCommand", "sudo adduser $USER libvirt"));
        Label next = new Label("Or, without libvirt here:");
        next.getStyleClass().add(Styles.TEXT_BOLD);
        Button ssh = button("firstRunSshButton", "Add a remote host over SSH…", Icons.of(MaterialDesignS.SERVER_NETWORK), addSsh);
        ssh.getStyleClass().add(Styles.ACCENT);
        Button demo = button("firstRunDemoButton", "Open the demo host", Icons.of(MaterialDesignT.TEST_TUBE), openDemo);
        Button again = button("firstRunRetryButton", "Retry", Icons.of(MaterialDesignR.REFRESH), retry);
        FlowPane buttons = new FlowPane(8, 8, ssh, demo, again);
        getChildren().addAll(title, reason, explain, commands, next, buttons);
        getStyleClass().add("first-run");
    }

    /** Shows libvirt's own words for the host's failure. */
    public void show(HostViewModel host) {
        reason.setText(host == null ? "" : host.uri() + ": " + host.getError());
    }

    private static TextField command(String id, String text) {
        // a read-only field: the command can be selected and copied
        TextField f = new TextField(text);
        f.setId(id);
        f.setEditable(false);
        f.getStyleClass().add("monospace-value");
        f.setMaxWidth(520);
        return f;
    }

    private static Button button(String id, String text, org.kordamp.ikonli.javafx.FontIcon icon, Runnable action) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
