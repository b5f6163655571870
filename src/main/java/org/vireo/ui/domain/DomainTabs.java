package org.vireo.ui.domain;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.vireo.ui.DomainRowViewModel;

/**
 * Puts the domain pages into the domain page's tab pane: the overview content (keeping the
 * page's own summary grid at its top), then Hardware, Tuning, XML, Snapshots and Actions.
 * The open tab loads when it is shown, when another domain opens, and when the domain's state changes.
 */
public final class DomainTabs {
    private DomainTabs() {
    }

    /** Each tab's view gets its own view model from the page's. */
    public static void install(DomainPageViewModel model, TabPane tabs, Tab overviewTab, Node summary) {
        overviewTab.setContent(new OverviewTab(model.overview(), summary));
        overviewTab.setUserData(DomainPageViewModel.OVERVIEW);
        tabs.getTabs().addAll(
            tab("hardwareTab", "Hardware", new HardwareTab(model.hardware()), DomainPageViewModel.HARDWARE),
            tab("tuningTab", "Tuning", new TuningTab(model.tuning()), DomainPageViewModel.TUNING),
            tab("xmlTab", "XML", new XmlTab(model.xml()), DomainPageViewModel.XML),
            tab("snapshotsTab", "Snapshots", new SnapshotsTab(model.snapshots()), DomainPageViewModel.SNAPSHOTS),
            tab("actionsTab", "Actions", new ActionsTab(model.actions()), DomainPageViewModel.ACTIONS));
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
    }

    private static Tab tab(String id, String title, Node content, String area) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setUserData(area);
        return t;
    }
}
