package org.vireo.ui.domain;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainOverview;
import org.vireo.model.DomainLabels;
import org.vireo.model.DomainTags;
import org.vireo.ui.DomainRowViewModel;

/** The Overview tab: the domain's facts, its screen, its addresses, title, description, tags and custom metadata. */
public final class OverviewViewModel extends DomainTabViewModel {
    private final ObjectProperty<DomainOverview> overview = new SimpleObjectProperty<>(this, "overview");
    private final ObjectProperty<byte[]> thumbnail = new SimpleObjectProperty<>(this, "thumbnail");
    private final StringProperty thumbnailNote = new SimpleStringProperty(this, "thumbnailNote", "");
    private final StringProperty addresses = new SimpleStringProperty(this, "addresses", "");
    private final StringProperty customMetadata = new SimpleStringProperty(this, "customMetadata", "");
    private final FieldDraft title;
    private final FieldDraft description;

    OverviewViewModel(DomainPageViewModel page) {
        super(page, DomainPageViewModel.OVERVIEW);
        title = new FieldDraft("Title", page::place, page.unsavedEdits());
        description = new FieldDraft("Description", page::place, page.unsavedEdits());
    }

    @Override
    void clear() {
        overview.set(null);
        thumbnail.set(null);
        customMetadata.set("");
        addresses.set("");
    }

    @Override
    void load() {
        page.fetch(DomainPageViewModel.OVERVIEW, () -> page.service().overview(page.uuid()), o -> {
            overview.set(o);
            loadAddresses(o.status().state().isActive());
            if (o.status().state().isActive()) {
                page.service().screenshot(o.uuid()).whenComplete(page.onPage((png, err) -> {
                    thumbnail.set(err == null ? png : null);
                    thumbnailNote.set(err == null ? "" : "No screenshot: " + DomainPageViewModel.reason(err));
                }));
            } else {
                thumbnail.set(null);
                thumbnailNote.set("No screenshot: the domain is not running.");
            }
        });
    }

    /** The guest's IP addresses: from the DHCP leases of libvirt's networks, else its guest agent. */
    private void loadAddresses(boolean running) {
        DomainRowViewModel row = page.domainProperty().get();
        if (!running) {
            addresses.set("none (the domain is not running)");
            return;
        }
        addresses.set("asking…");
        row.host().networkService().domainAddresses(row.uuid()).whenComplete(page.onPage((list, err) -> {
            if (err != null) {
                addresses.set("unknown: " + DomainPageViewModel.reason(err));
            } else if (list.isEmpty()) {
                addresses.set("none known (no DHCP lease on a libvirt network, no guest agent answering)");
            } else {
                addresses.set(String.join("\n", list.stream().map(a -> a.address() + "/" + a.prefix() + "  "
                    + (a.iface().isEmpty() ? "" : a.iface() + ", ") + a.mac() + " (" + a.source() + ")").toList()));
            }
        }));
    }

    /** The title field's draft against libvirt's title. */
    FieldDraft title() {
        return title;
    }

    FieldDraft description() {
        return description;
    }

    /** {@code onRefused} runs on the FX thread when libvirt refuses, while this domain's page is still open. */
    public void setAutostart(boolean on, Runnable onRefused) {
        String id = page.uuid();
        page.run(DomainPageViewModel.OVERVIEW, on ? "Enable autostart" : "Disable autostart", () -> page.service().setAutostart(id, on)
            .whenComplete(page.onPage((ok, err) -> {
                if (err != null) {
                    onRefused.run();
                }
            })), DomainPageViewModel.OVERVIEW);
    }

    public void setTitleAndDescription(String titleText, String descriptionText) {
        String id = page.uuid();
        var problem = DomainLabels.titleProblem(titleText).or(() -> DomainLabels.descriptionProblem(descriptionText));
        if (problem.isPresent()) {
            page.refuse(DomainPageViewModel.OVERVIEW, problem.get());
            return;
        }
        Affect affect = affectForMetadata();
        page.run(DomainPageViewModel.OVERVIEW, "Save title and description", () -> page.service().setMetadata(id, "title", titleText, affect)
            .thenCompose(v -> page.service().setMetadata(id, "description", descriptionText, affect)), DomainPageViewModel.OVERVIEW);
    }

    /** Replaces the domain's Vireo tags ("db, prod": commas or spaces separate); the row shows them once read back. */
    public void saveTags(String text) {
        String id = page.uuid();
        List<String> tags = DomainTags.fromText(text);
        var problem = DomainTags.problem(tags);
        if (problem.isPresent()) {
            page.refuse(DomainPageViewModel.OVERVIEW, problem.get());
            return;
        }
        page.run(DomainPageViewModel.OVERVIEW, "Save tags", () -> page.service().setTags(id, tags), DomainPageViewModel.OVERVIEW);
    }

    private Affect affectForMetadata() {
        DomainOverview o = overview.get();
        if (o == null) {
            return Affect.CURRENT;
        }
        return o.status().state().isActive() && o.persistent() ? Affect.BOTH : Affect.CURRENT;
    }

    /** Loads the metadata element of {@code namespaceUri} into {@link #customMetadataProperty()}; libvirt's refusal goes to the outcome line. */
    public void loadCustomMetadata(String namespaceUri) {
        page.read(DomainPageViewModel.OVERVIEW, "Load metadata of " + namespaceUri,
            () -> page.service().customMetadata(page.uuid(), namespaceUri), customMetadata::set);
    }

    public void setCustomMetadata(String xmlText, String key, String namespaceUri) {
        page.run(DomainPageViewModel.OVERVIEW, "Save metadata of " + namespaceUri,
            () -> page.service().setCustomMetadata(page.uuid(), xmlText, key, namespaceUri, affectForMetadata()), DomainPageViewModel.OVERVIEW);
    }

    Confirmation removeManagedSaveConfirmation() {
        return new Confirmation("Remove the managed save image of " + page.name() + "?",
            "The saved memory state is deleted: the guest does a full boot next time and anything unsaved in it is lost.",
            "Remove image");
    }

    public void removeManagedSave() {
        page.run(DomainPageViewModel.OVERVIEW, "Remove managed save image", () -> page.service().removeManagedSave(page.uuid()),
            DomainPageViewModel.OVERVIEW);
    }

    public StringProperty customMetadataProperty() {
        return customMetadata;
    }

    /** The guest's IP addresses as lines ("10.231.5.23/24  vnet0, 52:54:00:… (DHCP lease)"), or why there are none. */
    public StringProperty addressesProperty() {
        return addresses;
    }

    public ObjectProperty<DomainOverview> overviewProperty() {
        return overview;
    }

    public ObjectProperty<byte[]> thumbnailProperty() {
        return thumbnail;
    }

    public StringProperty thumbnailNoteProperty() {
        return thumbnailNote;
    }
}
