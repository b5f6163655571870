package org.vireo.ui;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import org.vireo.model.DomainAction;
import org.vireo.model.ThemeChoice;

/**
 * The menu bar: every action of the window in one discoverable place, with the
 * accelerators of {@link Shortcut} (the scene fires them whether the menus are open or
 * not; a disabled item's accelerator does nothing, so items follow the selection as the
 * toolbar does). A menu bar rather than an app menu: Vireo's actions fall into a few
 * plain groups, a menu bar shows them all without a click and is what virt-manager users know.
 */
final class MainMenu {
    private final MenuBar bar = new MenuBar();
    private final Map<DomainAction, MenuItem> actions = new EnumMap<>(DomainAction.class);
    private final List<MenuItem> oneDomain;
    private final MenuItem migrate;
    private final HostMenu host;
    private final CheckMenuItem jobs;

    MainMenu(MainWindow w, MainViewModel model) {
        bar.setId("menuBar");
        bar.setUseSystemMenuBar(true);

        Menu file = menu("fileMenu", "_File",
            item("menuAddConnection", "Add connection…", Shortcut.ADD_CONNECTION, w::addConnection),
            item("menuAddSshHost", "Add host over SSH…", null, w::addSshHost),
            new SeparatorMenuItem(),
            item("menuPreferences", "Preferences…", Shortcut.PREFERENCES, w::preferences),
            new SeparatorMenuItem(),
            item("menuQuit", "Quit", Shortcut.QUIT, w::quit));

        jobs = new CheckMenuItem("Jobs panel");
        jobs.setId("menuJobs");
        jobs.setAccelerator(Shortcut.JOBS.combination());
        jobs.setOnAction(e -> w.showJobs(jobs.isSelected()));
        Menu theme = new Menu("Theme");
        theme.setId("themeMenu");
        ToggleGroup themes = new ToggleGroup();
        for (ThemeChoice choice : ThemeChoice.values()) {
            RadioMenuItem r = new RadioMenuItem(choice.label());
            r.setId("menuTheme" + choice.name());
            r.setToggleGroup(themes);
            r.setSelected(Theme.choiceProperty().get() == choice);
            r.setOnAction(e -> w.chooseTheme(choice));
            theme.getItems().add(r);
        }
        Menu view = menu("viewMenu", "_View",
            item("menuRefresh", "Refresh", Shortcut.REFRESH, w::refresh),
            item("menuFind", "Find…", Shortcut.FIND, w::focusFilter),
            item("menuPalette", "Command palette…", Shortcut.PALETTE, w::openPalette),
            item("menuFleet", "All hosts", Shortcut.FLEET, w::showFleet),
            new SeparatorMenuItem(), jobs, theme);
        view.setOnShowing(e -> {
            jobs.setSelected(w.jobsShown());
            themes.getToggles().forEach(t -> t.setSelected(((RadioMenuItem) t).getId().equals("menuTheme" + Theme.choiceProperty().get().name())));
        });

        MenuItem open = item("menuOpenDomain", "Open", null, w::openSelected);
        MenuItem console = item("menuConsole", "Console", Shortcut.CONSOLE, w::openConsole);
        MenuItem snapshots = item("menuSnapshots", "Snapshots…", null, w::openSnapshots);
        MenuItem delete = item("menuDelete", "Delete…", null, w::deleteSelected);
        oneDomain = List.of(open, console, snapshots, delete);
        Menu domain = menu("domainMenu", "_Domain", open, console, snapshots, new SeparatorMenuItem());
        for (DomainAction a : DomainAction.values()) {
            MenuItem i = item("menu" + DomainMenu.capitalized(MainWindow.buttonId(a).replace("Button", "")), a.label() + (a.destructive() ? "…" : ""),
                Shortcut.of(a), () -> w.run(a));
            actions.put(a, i);
            domain.getItems().add(i);
        }
        migrate = item("menuMigrate", "Migrate…", Shortcut.MIGRATE, w::migrateSelected);
        domain.getItems().addAll(new SeparatorMenuItem(), migrate, delete, new SeparatorMenuItem(),
            item("menuAddTag", "Add tag…", Shortcut.ADD_TAG, w::addTagToSelected),
            item("menuSnapshotSelected", "Snapshot selected…", Shortcut.SNAPSHOT, w::snapshotSelected));

        host = new HostMenu("menuHost", () -> model.selectedHostProperty().get(), w::editHost, model::removeConnection, w::openHostPage,
            w::openCreateVm);
        Menu hostMenu = menu("hostMenu", "_Host", host.items().toArray(MenuItem[]::new));
        hostMenu.setOnShowing(e -> host.update());

        Menu help = menu("helpMenu", "_Help", item("menuShortcuts", "Keyboard shortcuts", Shortcut.SHORTCUTS, w::showShortcuts));
        bar.getMenus().addAll(file, view, domain, hostMenu, help);
    }

    MenuBar bar() {
        return bar;
    }

    /** The Host menu's New VM item (hidden until the create-VM wizard wires it). */
    MenuItem newVm() {
        return host.newVm();
    }

    /** Follows the toolbar's rules for the domains it would act on. */
    void update(List<DomainRowViewModel> rows) {
        actions.forEach((a, i) -> i.setDisable(rows.stream().noneMatch(r -> a.appliesTo(r.getState()))));
        oneDomain.forEach(i -> i.setDisable(rows.size() != 1));
        migrate.setDisable(rows.isEmpty());
        host.update();
    }

    private static Menu menu(String id, String text, MenuItem... items) {
        Menu m = new Menu(text, null, items);
        m.setId(id);
        return m;
    }

    private static MenuItem item(String id, String text, Shortcut shortcut, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        if (shortcut != null && shortcut.combination() != null) {
            i.setAccelerator(shortcut.combination());
        }
        i.setOnAction(e -> action.run());
        return i;
    }
}
