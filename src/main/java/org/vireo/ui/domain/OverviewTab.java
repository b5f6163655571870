package org.vireo.ui.domain;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.vireo.model.DomainOverview;
import org.vireo.ui.dialog.ConfirmDialog;

/** Overview: identity, state, persistence, autostart, metadata, security, control, disk errors, managed save, screenshot. */
final class OverviewTab extends VBox {
    private final OverviewViewModel model;
    private final GridPane facts = new GridPane(16, 6);
    private final CheckBox autostart = new CheckBox("Start with the host");
    private final TextField title = new TextField();
    private final TextArea description = new TextArea();
    private final javafx.scene.control.TextField tags = new javafx.scene.control.TextField();
    private final TextField nsUri = new TextField("http://vireo.invalid/notes/1");
    private final TextField nsKey = new TextField("vireo");
    private final TextArea nsXml = new TextArea();
    private final Button removeManaged;
    private final ImageView thumb = new ImageView();
    private final Label thumbNote = new Label();
    private boolean updating;

    OverviewTab(OverviewViewModel model, Node existing) {
        this.model = model;
        setId("overviewPane");
        autostart.setId("autostartToggle");
        autostart.selectedProperty().addListener((o, a, on) -> {
            if (!updating) {
                // libvirt refused: the box goes back to what libvirt has
                model.setAutostart(on, () -> {
                    updating = true;
                    autostart.setSelected(!on);
                    updating = false;
                });
            }
        });
        title.setId("titleField");
        title.setPromptText("A short title");
        description.setId("descriptionField");
        description.setPrefRowCount(2);
        description.setPromptText("A description");
        Button saveMeta = Ui.button("saveMetadataButton", "Save title and description",
            () -> model.setTitleAndDescription(title.getText(), description.getText()));
        tags.setId("tagsField");
        tags.setPromptText("db, prod (commas or spaces separate; kept in the domain's XML metadata)");
        Button saveTags = Ui.button("saveTagsButton", "Save tags", () -> model.saveTags(tags.getText()));
        tags.setOnAction(e -> model.saveTags(tags.getText()));
        javafx.beans.value.ChangeListener<java.util.List<String>> tagsChanged = (o, a, now) -> {
            if (!tags.isFocused()) {
                tags.setText(org.vireo.model.DomainTags.toText(now));
            }
        };
        model.domainProperty().addListener((o, old, row) -> {
            if (old != null) {
                old.tagsProperty().removeListener(tagsChanged);
            }
            if (row != null) {
                row.tagsProperty().addListener(tagsChanged);
                tags.setText(org.vireo.model.DomainTags.toText(row.getTags()));
            }
        });
        if (model.domainProperty().get() != null) {
            model.domainProperty().get().tagsProperty().addListener(tagsChanged);
            tags.setText(org.vireo.model.DomainTags.toText(model.domainProperty().get().getTags()));
        }
        removeManaged = Ui.button("removeManagedSaveButton", "Remove image", () -> {
            Confirmation c = model.removeManagedSaveConfirmation();
            if (ConfirmDialog.ask(getScene().getWindow(), c.title(), c.lost(), c.action())) {
                model.removeManagedSave();
            }
        });
        nsUri.setId("metadataUriField");
        nsKey.setId("metadataKeyField");
        nsKey.setPrefColumnCount(6);
        nsXml.setId("metadataXmlField");
        nsXml.setPrefRowCount(2);
        nsXml.setPromptText("<note>...</note>");
        Button loadNs = Ui.button("loadCustomMetadataButton", "Load", () -> model.loadCustomMetadata(nsUri.getText()));
        model.customMetadataProperty().addListener((o, a, x) -> nsXml.setText(x));
        Button saveNs = Ui.button("saveCustomMetadataButton", "Save element",
            () -> model.setCustomMetadata(nsXml.getText(), nsKey.getText(), nsUri.getText()));
        thumb.setId("screenshotThumbnail");
        thumb.setFitWidth(360);
        thumb.setPreserveRatio(true);
        thumbNote.getStyleClass().add("text-muted");

        Button refresh = Ui.button("refreshOverviewButton", "Refresh", () -> model.refresh());
        facts.setId("overviewFacts");
        VBox left = new VBox(10, existing, facts);
        VBox right = new VBox(6, Ui.caption("Screen"), thumb, thumbNote);
        HBox top = new HBox(24, left, right);
        GridPane meta = new GridPane(10, 6);
        meta.addRow(0, Ui.caption("Title"), title);
        javafx.scene.control.Label descriptionCaption = Ui.caption("Description");
        GridPane.setValignment(descriptionCaption, javafx.geometry.VPos.TOP);
        meta.addRow(1, descriptionCaption, description);
        meta.add(saveMeta, 1, 2);
        meta.addRow(3, Ui.caption("Tags"), tags);
        meta.add(saveTags, 1, 4);
        GridPane custom = new GridPane(10, 6);
        custom.addRow(0, Ui.caption("Namespace"), nsUri, Ui.caption("Prefix"), nsKey, loadNs);
        custom.addRow(1, Ui.caption("Element"), nsXml);
        GridPane.setColumnSpan(nsXml, 4);
        custom.add(saveNs, 1, 2);
        Ui.page(this, Ui.bar(Ui.outcome("overviewOutcome", model.outcome(), model.failed()), refresh), top,
            Ui.section("Title and description", meta), Ui.section("Custom metadata (by XML namespace)", custom));
        setPadding(new Insets(0));
        model.overviewProperty().addListener((o, a, now) -> show(now));
        model.thumbnailProperty().addListener((o, a, png) -> thumb.setImage(png == null ? null : new Image(new ByteArrayInputStream(png))));
        thumbNote.textProperty().bind(model.thumbnailNoteProperty());
    }

    private void show(DomainOverview o) {
        facts.getChildren().clear();
        if (o == null) {
            // another domain opens: edits of this one's title and description wait as drafts
            model.title().leave(title.getText());
            model.description().leave(description.getText());
            return;
        }
        updating = true;
        autostart.setSelected(o.autostart());
        autostart.setDisable(!o.persistent());
        updating = false;
        show(title, model.title().arrived(o.title(), title.getText(), "A short title"));
        show(description, model.description().arrived(o.description(), description.getText(), ""));
        int r = 0;
        facts.addRow(r++, Ui.caption("Name"), value("nameValue", o.name()));
        facts.addRow(r++, Ui.caption("ID"), value("idValue", o.id() < 0 ? "- (not running)" : Integer.toString(o.id())));
        facts.addRow(r++, Ui.caption("OS type"), value("osTypeValue", o.osType()));
        facts.addRow(r++, Ui.caption("Guest hostname"), value("hostnameValue", o.hostnameKnown() ? o.hostname()
            : "the guest cannot tell (" + o.hostname() + ")"));
        facts.addRow(r++, Ui.caption("State"), value("stateWithReason", o.status().text()));
        facts.addRow(r++, Ui.caption("Resources"), value("infoValue", o.info().text(i -> i)));
        Label ips = value("addressesValue", "");
        ips.textProperty().bind(model.addressesProperty());
        facts.addRow(r++, Ui.caption("IP addresses"), ips);
        facts.addRow(r++, Ui.caption("Persistent"), value("persistentValue", o.persistent() ? "yes"
            : "no (transient: gone when it stops)"));
        facts.addRow(r++, Ui.caption("Live config"), value("updatedValue", o.updated().text(u -> u
            ? "differs from the saved definition (changes apply at next boot)" : "matches the saved definition")));
        facts.addRow(r++, Ui.caption("Autostart"), autostart);
        facts.addRow(r++, Ui.caption("Security labels"), value("securityLabels",
            o.securityLabels().text(l -> l.isEmpty() ? "none (no security driver)" : String.join("\n", l))));
        facts.addRow(r++, Ui.caption("Control channel"), value("controlState", o.controlState().text(c -> c)));
        facts.addRow(r++, Ui.caption("Disk errors"), value("diskErrors", o.diskErrors().text(e -> e.isEmpty() ? "none" : String.join(", ", e))));
        HBox managed = new HBox(8, value("managedSaveValue", o.managedSaveImage() ? "present (next start resumes it)" : "none"));
        if (o.managedSaveImage()) {
            managed.getChildren().add(removeManaged);
        }
        facts.addRow(r++, Ui.caption("Managed save"), managed);
        facts.addRow(r, Ui.caption("Snapshots"), value("snapshotCount", o.snapshotCount().text(n -> n
            + (o.currentSnapshot().isEmpty() ? "" : " (current: " + o.currentSnapshot() + ")"))));
    }

    /** A title or description as its {@link FieldDraft} says: the user's edit kept, else libvirt's value (or why there is none). */
    private static void show(TextInputControl field, FieldDraft.Shown shown) {
        field.setEditable(shown.editable());
        field.setPromptText(shown.prompt());
        if (!field.getText().equals(shown.text())) {
            field.setText(shown.text());
        }
    }

    private static Label value(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("selectable");
        return l;
    }

    static String time(long epochSeconds) {
        return epochSeconds <= 0 ? "" : Instant.ofEpochSecond(epochSeconds).toString().replace('T', ' ').replace("Z", " UTC");
    }
}
