package org.vireo.ui.domain;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.MainViewModel;

/**
 * Puts the domain pages into the domain page's tab pane: the overview content (keeping the
 * page's own summary grid at its top), then Hardware, Tuning, XML, Snapshots and Actions.
 * The open tab loads when it is shown, when another domain opens, and when the domain's state changes.
 */
public final class DomainTabs {
    private final DomainPageViewModel model;

    private DomainTabs(DomainPageViewModel model) {
        this.model = model;
    }

    public static DomainPageViewModel install(MainViewModel main, TabPane tabs, Tab overviewTab, Node summary) {
        DomainPageViewModel model = new DomainPageViewModel(main);
        overviewTab.setContent(new OverviewTab(model, summary));
        overviewTab.setUserData(DomainPageViewModel.OVERVIEW);
        tabs.getTabs().addAll(
            tab("hardwareTab", "Hardware", new HardwareTab(model), DomainPageViewModel.HARDWARE),
            tab("tuningTab", "Tuning", new TuningTab(model), DomainPageViewModel.TUNING),
            tab("xmlTab", "XML", new XmlTab(model), DomainPageViewModel.XML),
            tab("snapshotsTab", "Snapshots", new SnapshotsTab(model), DomainPageViewModel.SNAPSHOTS),
            tab("actionsTab", "Actions", new ActionsTab(model), DomainPageViewModel.ACTIONS));
        Runnable loadShown = () -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            if (t != null && t.getUserData() instanceof String area && model.domainProperty().get() != null) {
                model.load(area);
            }
        };
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> loadShown.run());
        javafx.beans.value.ChangeListener<Object> onState = (o, a, b) -> loadShown.run();
        model.domainProperty().addListener((o, old, row) -> {
            if (old != null) {
                old.statusProperty().removeListener(onState);
            }
            if (row != null) {
                row.statusProperty().addListener(onState);
                loadShown.run();
            }
        });
        // the page is built when a domain is first opened: that domain is already chosen
        DomainRowViewModel first = model.domainProperty().get();
        if (first != null) {
            first.statusProperty().addListener(onState);
            loadShown.run();
        }
        return model;
    }

    private static Tab tab(String id, String title, Node content, String area) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setUserData(area);
        return t;
    }
}
