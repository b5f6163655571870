package org.vireo.ui.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
import org.vireo.host.MigrationService;
import org.vireo.job.Job;
import org.vireo.model.MigrationOptions;
import org.vireo.model.MigrationOptions.Mode;
import org.vireo.model.MigrationOptions.Storage;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;

/**
 * The migration wizard's state: the domains, the destination (with every other host and the
 * reason it cannot take them), the options as typed, the problems libvirt would refuse, and a
 * summary in words. {@link #start()} migrates the domains one after another, each its own job.
 */
public final class MigrationWizardViewModel {
    /** A host in the destination list; {@code refusal} is empty when it can take the domains. */
    public record Destination(HostViewModel host, String refusal) {
        public boolean usable() {
            return refusal.isEmpty();
        }
    }

    /** The options of the last migration started, for a drop with the modifier held. */
    private static MigrationOptions lastUsed;

    private final MainViewModel main;
    private final MigrationService service;
    private final List<DomainRowViewModel> domains;
    private final ObservableList<Destination> destinations = FXCollections.observableArrayList();
    private final ObjectProperty<HostViewModel> destination = new SimpleObjectProperty<>(this, "destination");
    public final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.DIRECT);
    public final BooleanProperty undefineSource = new SimpleBooleanProperty(this, "undefineSource", true);
    public final BooleanProperty persistDest = new SimpleBooleanProperty(this, "persistDest", true);
    public final ObjectProperty<Storage> storage = new SimpleObjectProperty<>(this, "storage", Storage.SHARED);
    public final StringProperty disks = new SimpleStringProperty(this, "disks", "");
    public final StringProperty bandwidth = new SimpleStringProperty(this, "bandwidth", "");
    public final StringProperty maxDowntime = new SimpleStringProperty(this, "maxDowntime", "");
    public final StringProperty compression = new SimpleStringProperty(this, "compression", "");
    public final BooleanProperty autoConverge = new SimpleBooleanProperty(this, "autoConverge");
    public final BooleanProperty postCopy = new SimpleBooleanProperty(this, "postCopy");
    public final BooleanProperty unsafe = new SimpleBooleanProperty(this, "unsafe");
    public final StringProperty migrationAddress = new SimpleStringProperty(this, "migrationAddress", "");
    public final StringProperty peerUri = new SimpleStringProperty(this, "peerUri", "");
    public final StringProperty destinationName = new SimpleStringProperty(this, "destinationName", "");
    public final StringProperty destinationXml = new SimpleStringProperty(this, "destinationXml", "");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final boolean active;

    public MigrationWizardViewModel(MainViewModel main, List<DomainRowViewModel> domains, HostViewModel preset) {
        this.main = main;
        this.service = new MigrationService(main.jobs().jobs());
        this.domains = List.copyOf(domains);
        this.active = domains.stream().anyMatch(d -> d.getState().isActive());
        refreshDestinations();
        if (preset != null && refusal(preset).isEmpty()) {
            destination.set(preset);
        } else {
            destinations.stream().filter(Destination::usable).findFirst().ifPresent(d -> destination.set(d.host()));
        }
        Observable[] inputs = {destination, mode, undefineSource, persistDest, storage, disks, bandwidth, maxDowntime,
            compression, autoConverge, postCopy, unsafe, migrationAddress, peerUri, destinationName, destinationXml};
        for (Observable o : inputs) {
            o.addListener(x -> validate());
        }
        destination.addListener((obs, old, h) -> suggestPeerUri(h));
        suggestPeerUri(destination.get());
        validate();
    }

    /** Takes the options of the last migration (the modifier-drop path). */
    public boolean useLastOptions() {
        MigrationOptions o = lastUsed;
        if (o == null) {
            return false;
        }
        mode.set(o.mode());
        undefineSource.set(o.undefineSource());
        persistDest.set(o.persistDest());
        storage.set(o.storage());
        disks.set(String.join(",", o.disks()));
        bandwidth.set(o.bandwidthMiBs() > 0 ? Long.toString(o.bandwidthMiBs()) : "");
        maxDowntime.set(o.maxDowntimeMs() > 0 ? Long.toString(o.maxDowntimeMs()) : "");
        compression.set(String.join(",", o.compression()));
        autoConverge.set(o.autoConverge());
        postCopy.set(o.postCopy());
        unsafe.set(o.unsafe());
        migrationAddress.set(o.migrationAddress());
        // the peer URI and names belong to the destination and domain of that migration, not this one
        return true;
    }

    private void suggestPeerUri(HostViewModel h) {
        if (h != null && h.uri().contains("+ssh://")) {
            peerUri.set(h.uri());
        }
    }

    public void refreshDestinations() {
        List<Destination> list = new ArrayList<>();
        HostViewModel source = domains.isEmpty() ? null : domains.getFirst().host();
        for (HostViewModel h : main.hosts()) {
            if (h != source) {
                list.add(new Destination(h, refusal(h)));
            }
        }
        destinations.setAll(list);
    }

    private String refusal(HostViewModel h) {
        return MigrationTargets.refusal(domains, h, domains.size() == 1 ? destinationName.get() : "");
    }

    /** The options as typed, or empty with the reasons in {@link #problems()}. */
    public Optional<MigrationOptions> options() {
        List<String> p = new ArrayList<>();
        long bw = number(bandwidth.get(), "Bandwidth (MiB/s)", p);
        long dt = number(maxDowntime.get(), "Max downtime (ms)", p);
        MigrationOptions o = new MigrationOptions(mode.get(), !active, undefineSource.get(), persistDest.get(), storage.get(),
            list(disks.get()), bw, dt, list(compression.get()), autoConverge.get(), postCopy.get(), unsafe.get(),
            migrationAddress.get(), peerUri.get(), destinationName.get(), destinationXml.get());
        if (destination.get() == null) {
            p.add("Choose a destination host.");
        }
        if (domains.size() > 1 && !destinationName.get().isBlank()) {
            p.add("A new name applies to one domain: clear it to migrate " + domains.size() + " domains.");
        }
        if (domains.stream().anyMatch(d -> d.getState().isActive()) && domains.stream().anyMatch(d -> !d.getState().isActive())) {
            p.add("Some domains run and some are shut off: migrate the running ones and the shut-off ones separately.");
        }
        p.addAll(o.problems(active));
        problems.setAll(p);
        return p.isEmpty() ? Optional.of(o) : Optional.empty();
    }

    private static long number(String text, String what, List<String> problems) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(t);
            if (v < 0) {
                problems.add(what + " cannot be negative.");
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(what + ": \"" + t + "\" is not a whole number.");
            return 0;
        }
    }

    private static List<String> list(String text) {
        return text == null || text.isBlank() ? List.of()
            : Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private void validate() {
        Optional<MigrationOptions> o = options();
        HostViewModel d = destination.get();
        String names = domains.size() == 1 ? domains.getFirst().getName() : domains.size() + " domains";
        String from = domains.isEmpty() ? "" : shortName(domains.getFirst().host());
        summary.set(o.map(opt -> (domains.size() > 1 ? "The " + names + " migrate one after another, each its own job.\n" : "")
            + opt.describe(names, from, d == null ? "?" : shortName(d))).orElse(""));
    }

    /** The host's own name where libvirt told it (hostB), else its title. */
    private static String shortName(HostViewModel h) {
        return h.hostname().isEmpty() ? h.titleProperty().get() : h.hostname();
    }

    /**
     * Starts the migrations: the first at once, each next one when the one before has ended.
     * Returns the first job (the others follow it), or empty when the options are refused.
     */
    public Optional<Job> start() {
        Optional<MigrationOptions> o = options();
        HostViewModel dest = destination.get();
        if (o.isEmpty() || dest == null) {
            return Optional.empty();
        }
        lastUsed = o.get();
        return Optional.of(chain(0, o.get(), dest));
    }

    private Job chain(int i, MigrationOptions o, HostViewModel dest) {
        DomainRowViewModel d = domains.get(i);
        Job job = service.migrate(d.host().session(), dest.session(), d.uuid(), d.getName(), o);
        if (i + 1 < domains.size()) {
            job.done().whenComplete((ok, err) -> Platform.runLater(() -> chain(i + 1, o, dest)));
        }
        return job;
    }

    public List<DomainRowViewModel> domains() {
        return domains;
    }

    public boolean domainActive() {
        return active;
    }

    public ObservableList<Destination> destinations() {
        return destinations;
    }

    public ObjectProperty<HostViewModel> destinationProperty() {
        return destination;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public MainViewModel main() {
        return main;
    }
}
