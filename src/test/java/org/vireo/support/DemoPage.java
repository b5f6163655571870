package org.vireo.support;

import java.time.Duration;
import java.util.List;
import org.vireo.host.HostOptions;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.domain.DomainPageViewModel;

/**
 * The demo host (test driver) opened in a main view model with no window, and a domain page's
 * view model on it, for tests of the page's view models. Started in a {@code @Start} method (the
 * view models need the FX toolkit) and stopped after each test.
 */
public record DemoPage(MainViewModel main, DomainPageViewModel page, String uri) {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How many domains the demo host lists. */
    private static final int DOMAINS = 7;

    public static DemoPage start() {
        String uri = DemoHostFile.uri();
        MainViewModel main = new MainViewModel(HostOptions.defaults(), c -> { });
        DomainPageViewModel page = new DomainPageViewModel(main);
        main.openAll(List.of(uri));
        return new DemoPage(main, page, uri);
    }

    public HostViewModel host() {
        return main.find(uri).orElseThrow();
    }

    /** The demo domain called {@code name}; read it on the FX thread. */
    public DomainRowViewModel row(String name) {
        return host().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Waits until the demo host lists its domains. */
    public void awaitListed() {
        Fx.await(WAIT, "demo listed", () -> host().domains().size() == DOMAINS);
    }

    /** Opens {@code name}'s page (selects it, as a click in the table does); call on the FX thread. */
    public void select(String name) {
        main.selectedDomainProperty().set(row(name));
    }

    /** Waits for the listing, then opens {@code name}'s page. */
    public void open(String name) {
        awaitListed();
        Fx.run(() -> select(name));
    }

    public void stop() {
        Fx.run(main::stopAll);
    }
}
