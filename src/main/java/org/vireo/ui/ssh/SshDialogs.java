package org.vireo.ui.ssh;

import atlantafx.base.theme.Styles;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.vireo.ui.Icons;

/** The app's own SSH dialogs: unknown host key, changed host key, password / passphrase, keyboard-interactive. */
public final class SshDialogs implements SshQuestions {
    public static final String ACCEPT_ONCE = "Accept once";
    public static final String ACCEPT_AND_REMEMBER = "Accept and remember";

    private final Supplier<Window> owner;

    public SshDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public HostKeyAnswer unknownHostKey(HostKeyQuestion q) {
        Dialog<HostKeyAnswer> d = dialog("Unknown host key", "The authenticity of " + q.host() + " can't be established",
            icon(MaterialDesignK.KEY_ALERT, Styles.WARNING), "hostKeyDialog");
        GridPane facts = facts(
            "Host", q.host(), "hostKeyHost",
            "Key type", q.keyType(), "hostKeyType",
            "Fingerprint", q.fingerprint(), "hostKeyFingerprint");
        Label advice = wrapped("Compare the fingerprint with the one the host's administrator gives you "
            + "(ssh-keygen -lf /etc/ssh/ssh_host_" + shortType(q.keyType()) + "_key.pub on the host). "
            + "\"Accept and remember\" adds it to " + q.knownHostsFile() + ".");
        advice.getStyleClass().add(Styles.TEXT_MUTED);
        d.getDialogPane().setContent(box(facts, advice));
        ButtonType once = new ButtonType(ACCEPT_ONCE, ButtonBar.ButtonData.OTHER);
        ButtonType remember = new ButtonType(ACCEPT_AND_REMEMBER, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(once, remember, ButtonType.CANCEL);
        button(d, once, "hostKeyAcceptOnceButton");
        button(d, remember, "hostKeyRememberButton");
        Button cancel = button(d, ButtonType.CANCEL, "hostKeyCancelButton");
        // the safe answer is the default: Enter cancels
        ((Button) d.getDialogPane().lookupButton(remember)).setDefaultButton(false);
        cancel.setDefaultButton(true);
        d.setResultConverter(b -> b == once ? HostKeyAnswer.ACCEPT_ONCE : b == remember ? HostKeyAnswer.ACCEPT_AND_REMEMBER : HostKeyAnswer.CANCEL);
        return d.showAndWait().orElse(HostKeyAnswer.CANCEL);
    }

    @Override
    public void changedHostKey(HostKeyQuestion q) {
        Dialog<Void> d = dialog("Host key changed", "Refused: the host key of " + q.host() + " has changed",
            icon(MaterialDesignS.SHIELD_ALERT, Styles.DANGER), "changedHostKeyDialog");
        Label warning = wrapped("Someone could be intercepting the connection (a man-in-the-middle attack), or the host "
            + "was reinstalled. Vireo will not connect. If you know the host got a new key, remove its old line from "
            + q.knownHostsFile() + " (ssh-keygen -R " + q.host() + ") and connect again.");
        warning.setId("changedHostKeyWarning");
        warning.getStyleClass().add(Styles.DANGER);
        GridPane facts = facts(
            "Host", q.host(), "changedKeyHost",
            "Offered key", q.keyType() + "  " + q.fingerprint(), "changedKeyOffered",
            "Known key", q.knownFingerprint().isEmpty() ? "(another key type)" : q.knownFingerprint(), "changedKeyKnown");
        d.getDialogPane().setContent(box(warning, facts));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        button(d, ButtonType.CLOSE, "changedHostKeyCloseButton");
        d.showAndWait();
    }

    @Override
    public Optional<char[]> secret(SecretQuestion q) {
        boolean password = q.kind().equals("password");
        Dialog<char[]> d = dialog(password ? "SSH password" : "Key passphrase",
            password ? "Password for " + q.destination() : "Passphrase for the key " + q.target(),
            icon(MaterialDesignL.LOCK, Styles.ACCENT), password ? "passwordDialog" : "passphraseDialog");
        PasswordField field = new PasswordField();
        field.setId(password ? "sshPasswordField" : "sshPassphraseField");
        field.setPrefColumnCount(24);
        Label retry = wrapped(password ? "The password was refused. Try again." : "Wrong passphrase. Try again.");
        retry.setId("secretRetryLabel");
        retry.getStyleClass().add(Styles.DANGER);
        retry.setVisible(q.retry());
        retry.setManaged(q.retry());
        Label note = wrapped(password
            ? "Used for this session only: kept in memory for reconnects, never written to disk."
            : "Used to unlock the key for this connection; never written to disk.");
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        d.getDialogPane().setContent(box(retry, field, note));
        ButtonType ok = new ButtonType(password ? "Log in" : "Unlock", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        button(d, ok, "secretOkButton").getStyleClass().add(Styles.ACCENT);
        button(d, ButtonType.CANCEL, "secretCancelButton");
        d.setResultConverter(b -> b == ok ? take(field) : null);
        d.setOnShown(e -> field.requestFocus());
        Optional<char[]> answer = d.showAndWait();
        field.clear();
        return answer;
    }

    @Override
    public Optional<String[]> keyboardInteractive(String destination, String instruction, String[] prompts, boolean[] echo) {
        Dialog<String[]> d = dialog("SSH login", "Log in to " + destination, icon(MaterialDesignL.LOCK, Styles.ACCENT),
            "keyboardInteractiveDialog");
        GridPane grid = new GridPane(10, 8);
        TextInputControl[] fields = new TextInputControl[prompts.length];
        for (int i = 0; i < prompts.length; i++) {
            fields[i] = echo[i] ? new TextField() : new PasswordField();
            fields[i].setId("kbdField" + i);
            grid.addRow(i, new Label(prompts[i].strip()), fields[i]);
        }
        d.getDialogPane().setContent(instruction == null || instruction.isBlank() ? box(grid) : box(wrapped(instruction), grid));
        ButtonType ok = new ButtonType("Log in", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        button(d, ok, "secretOkButton");
        d.setResultConverter(b -> b == ok ? Arrays.stream(fields).map(TextInputControl::getText).toArray(String[]::new) : null);
        Optional<String[]> answer = d.showAndWait();
        for (TextInputControl f : fields) {
            f.clear();
        }
        return answer;
    }

    private static char[] take(PasswordField field) {
        // PasswordField holds a String internally; nothing better is offered by JavaFX
        return field.getText().toCharArray();
    }

    private <T> Dialog<T> dialog(String title, String header, Node graphic, String id) {
        Dialog<T> d = new Dialog<>();
        Window w = owner.get();
        if (w != null) {
            d.initOwner(w);
        }
        d.setTitle(title);
        d.setHeaderText(header);
        d.setGraphic(graphic);
        d.getDialogPane().setId(id);
        d.getDialogPane().setMinWidth(600);
        return d;
    }

    private static GridPane facts(String... rows) {
        GridPane grid = new GridPane(14, 6);
        for (int i = 0; i < rows.length; i += 3) {
            Label k = new Label(rows[i]);
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            k.getStyleClass().add(Styles.TEXT_MUTED);
            Label v = new Label(rows[i + 1]);
            v.setId(rows[i + 2]);
            v.getStyleClass().add("monospace-value");
            grid.addRow(i / 3, k, v);
        }
        return grid;
    }

    private static VBox box(Node... nodes) {
        VBox box = new VBox(12, nodes);
        box.setPadding(new Insets(12, 14, 6, 14));
        box.setMaxWidth(560);
        return box;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(520);
        return l;
    }

    private static Button button(Dialog<?> d, ButtonType type, String id) {
        Button b = (Button) d.getDialogPane().lookupButton(type);
        b.setId(id);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }

    private static FontIcon icon(org.kordamp.ikonli.Ikon ikon, String style) {
        FontIcon i = Icons.of(ikon);
        i.setIconSize(36);
        i.getStyleClass().add(style);
        return i;
    }

    private static String shortType(String type) {
        return switch (type) {
            case "ssh-ed25519" -> "ed25519";
            case "ssh-rsa", "rsa-sha2-256", "rsa-sha2-512" -> "rsa";
            default -> type.startsWith("ecdsa") ? "ecdsa" : type;
        };
    }
}
