package org.vireo.ui.domain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vireo.host.DomainService;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.UnsavedEdits;

/**
 * The open domain's page: which domain it shows, and one view model per tab (overview, hardware,
 * tuning, XML, snapshots, actions, performance) that it hands to the tab's view. Every libvirt call
 * runs on the host's worker through the {@link DomainService}; results and errors come back here on
 * the FX thread, and only while the domain that asked is still the open one: a result for another
 * domain is dropped. Each tab has an outcome line ({@link #outcome(String)}) where a failure shows
 * libvirt's message next to the operation that failed.
 */
public final class DomainPageViewModel {
    public static final String OVERVIEW = "overview";
    public static final String HARDWARE = "hardware";
    public static final String TUNING = "tuning";
    public static final String XML = "xml";
    public static final String SNAPSHOTS = "snapshots";
    public static final String ACTIONS = "actions";

    private final ObjectProperty<DomainRowViewModel> domain = new SimpleObjectProperty<>(this, "domain");
    private final Map<String, StringProperty> outcomes = new HashMap<>();
    private final Map<String, BooleanProperty> failed = new HashMap<>();
    private final MainViewModel main;
    private final OverviewViewModel overview;
    private final HardwareViewModel hardware;
    private final TuningViewModel tuning;
    private final XmlViewModel xml;
    private final SnapshotsViewModel snapshots;
    private final ActionsViewModel actions;
    private final PerformanceViewModel performance;
    private final Map<String, DomainTabViewModel> tabs = new LinkedHashMap<>();

    public DomainPageViewModel(MainViewModel main) {
        this.main = main;
        for (String area : List.of(OVERVIEW, HARDWARE, TUNING, XML, SNAPSHOTS, ACTIONS)) {
            outcomes.put(area, new SimpleStringProperty(this, area + "Outcome", ""));
            failed.put(area, new SimpleBooleanProperty(this, area + "Failed"));
        }
        overview = new OverviewViewModel(this);
        hardware = new HardwareViewModel(this);
        tuning = new TuningViewModel(this);
        xml = new XmlViewModel(this);
        snapshots = new SnapshotsViewModel(this);
        actions = new ActionsViewModel(this);
        performance = new PerformanceViewModel(domain);
        tabs.put(OVERVIEW, overview);
        tabs.put(HARDWARE, hardware);
        tabs.put(TUNING, tuning);
        tabs.put(XML, xml);
        tabs.put(SNAPSHOTS, snapshots);
        tabs.put(ACTIONS, actions);
        main.selectedDomainProperty().addListener((obs, old, now) -> open(now));
        open(main.selectedDomainProperty().get());
    }

    private void open(DomainRowViewModel row) {
        // cleared before the new domain is set: what its listeners load starts from nothing of the last one's
        tabs.values().forEach(DomainTabViewModel::clear);
        domain.set(row);
        outcomes.values().forEach(o -> o.set(""));
        failed.values().forEach(f -> f.set(false));
    }

    public ObjectProperty<DomainRowViewModel> domainProperty() {
        return domain;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public HardwareViewModel hardware() {
        return hardware;
    }

    public TuningViewModel tuning() {
        return tuning;
    }

    public XmlViewModel xml() {
        return xml;
    }

    public SnapshotsViewModel snapshots() {
        return snapshots;
    }

    public ActionsViewModel actions() {
        return actions;
    }

    public PerformanceViewModel performance() {
        return performance;
    }

    /** Reloads one tab's data. */
    public void load(String area) {
        if (domain.get() == null) {
            return;
        }
        DomainTabViewModel tab = tabs.get(area);
        if (tab == null) {
            throw new IllegalArgumentException(area);
        }
        tab.load();
    }

    DomainService service() {
        return domain.get().host().domainService();
    }

    String uuid() {
        return domain.get().uuid();
    }

    /** A path picker over the open domain's host's storage pools (null while no domain is open). */
    public HostPathViewModel hostPaths() {
        return domain.get() == null ? null : new HostPathViewModel(domain.get().host());
    }

    public String name() {
        return domain.get() == null ? "" : domain.get().getName();
    }

    /** Where a draft of the open page belongs, in words: "XML of db-primary on test:///…" (names repeat across hosts). */
    public String place(String what) {
        return domain.get() == null ? "" : what + " of " + name() + " on " + domain.get().host().titleProperty().get();
    }

    public UnsavedEdits unsavedEdits() {
        return main.unsavedEdits();
    }

    // ------------------------------------------------------------ plumbing for the tabs' view models

    /**
     * Hands a result to {@code then} on the FX thread only while the page that asked is still open:
     * a load started for one domain must not land on the next domain's page (nor be applied to it).
     */
    <T> BiConsumer<T, Throwable> onPage(BiConsumer<T, Throwable> then) {
        DomainRowViewModel forRow = domain.get();
        return (value, err) -> Platform.runLater(() -> {
            if (domain.get() == forRow) {
                then.accept(value, err);
            }
        });
    }

    /** A read the user asked for: its label on the area's outcome line while it runs, then done or libvirt's refusal. */
    <T> void read(String area, String label, Supplier<CompletableFuture<T>> call, Consumer<T> onOk) {
        if (domain.get() == null) {
            return;
        }
        outcomes.get(area).set(label + "…");
        failed.get(area).set(false);
        safe(call).whenComplete(onPage((value, err) -> {
            if (err != null) {
                report(area, label, err);
            } else {
                onOk.accept(value);
                outcomes.get(area).set(label + ": done");
            }
        }));
    }

    /** A load: its value to {@code onOk} while the domain that asked is open; a failure on the area's outcome line. */
    <T> void fetch(String area, Supplier<CompletableFuture<T>> call, Consumer<T> onOk) {
        safe(call).whenComplete(onPage((value, err) -> {
            if (err != null) {
                report(area, "Loading", err);
            } else {
                onOk.accept(value);
            }
        }));
    }

    void run(String area, String label, Supplier<? extends CompletableFuture<?>> call, String reload) {
        run(area, label, call, reload, false);
    }

    /**
     * Runs an operation with its outcome on {@code area}'s line; with {@code toStatusLine}, or when another domain's page
     * (or none) is open by the time it ends, the outcome goes to the main window's status line too, so it is never lost.
     */
    void run(String area, String label, Supplier<? extends CompletableFuture<?>> call, String reload, boolean toStatusLine) {
        if (domain.get() == null) {
            return;
        }
        DomainRowViewModel forRow = domain.get();
        outcomes.get(area).set(label + "…");
        failed.get(area).set(false);
        CompletableFuture<?> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        String who = forRow.getName();
        f.whenComplete((ok, err) -> Platform.runLater(() -> {
            if (toStatusLine || domain.get() != forRow) {
                main.tell(err == null ? label + (label.contains(who) ? "" : " (" + who + ")") + ": done"
                    : label + (label.contains(who) ? "" : " (" + who + ")") + " failed: " + reason(err));
            }
            if (domain.get() != forRow) {
                return;
            }
            if (err != null) {
                report(area, label, err);
            } else {
                outcomes.get(area).set(label + ": done");
                load(reload);
                if (!reload.equals(area)) {
                    load(area);
                }
            }
        }));
    }

    /** A call that could not even be queued (the host session has stopped) becomes a failed future. */
    static <T> CompletableFuture<T> safe(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    void report(String area, String label, Throwable err) {
        outcomes.get(area).set(label + " failed: " + reason(err));
        failed.get(area).set(true);
    }

    /** Input the user gave that cannot be sent: the reason on the area's outcome line, and nothing goes to libvirt. */
    void refuse(String area, String why) {
        outcomes.get(area).set(why);
        failed.get(area).set(true);
    }

    static String reason(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    public StringProperty outcome(String area) {
        return outcomes.get(area);
    }

    public BooleanProperty failed(String area) {
        return failed.get(area);
    }
}
