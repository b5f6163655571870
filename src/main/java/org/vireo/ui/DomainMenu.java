package org.vireo.ui;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.vireo.model.DomainAction;

/**
 * The right-click menu of domains (tree and table rows): open, console, snapshots, the
 * toolbar's lifecycle actions with the toolbar's rules for what is enabled (a destructive
 * one still asks), migrate, clone, delete, and copying the name or UUID.
 */
final class DomainMenu {
    /** What the menu's items do; the main window supplies them. */
    record Commands(Consumer<DomainAction> run, Runnable open, Runnable console, Runnable snapshots,
                    Runnable migrate, Runnable cloneDomain, Runnable delete) {
    }

    private DomainMenu() {
    }

    static ContextMenu create(String idPrefix, Supplier<List<DomainRowViewModel>> targets, Commands commands) {
        Consumer<DomainAction> run = commands.run();
        MenuItem openItem = item(idPrefix + "Open", "Open", commands.open());
        MenuItem consoleItem = item(idPrefix + "Console", "Console", commands.console());
        MenuItem snapshotsItem = item(idPrefix + "Snapshots", "Snapshots…", commands.snapshots());
        ContextMenu menu = new ContextMenu(openItem, consoleItem, snapshotsItem, new SeparatorMenuItem());
        for (DomainAction action : DomainAction.values()) {
            MenuItem i = item(idPrefix + capitalized(MainWindow.buttonId(action).replace("Button", "")),
                action.label() + (action.destructive() ? "…" : ""), () -> run.accept(action));
            i.setUserData(action);
            menu.getItems().add(i);
        }
        MenuItem migrateItem = item(idPrefix + "Migrate", "Migrate…", commands.migrate());
        MenuItem cloneItem = item(idPrefix + "Clone", "Clone…", commands.cloneDomain());
        MenuItem deleteItem = item(idPrefix + "Delete", "Delete…", commands.delete());
        MenuItem copyName = item(idPrefix + "CopyName", "Copy name", () -> copy(targets.get(), false));
        MenuItem copyUuid = item(idPrefix + "CopyUuid", "Copy UUID", () -> copy(targets.get(), true));
        menu.getItems().addAll(new SeparatorMenuItem(), migrateItem, cloneItem, deleteItem, new SeparatorMenuItem(), copyName, copyUuid);
        menu.setOnShowing(e -> {
            List<DomainRowViewModel> rows = targets.get();
            for (MenuItem i : menu.getItems()) {
                if (i.getUserData() instanceof DomainAction a) {
                    i.setDisable(rows.stream().noneMatch(r -> a.appliesTo(r.getState())));
                }
            }
            openItem.setDisable(rows.size() != 1);
            consoleItem.setDisable(rows.size() != 1);
            snapshotsItem.setDisable(rows.size() != 1);
            deleteItem.setDisable(rows.size() != 1);
            migrateItem.setDisable(rows.isEmpty());
            cloneItem.setDisable(rows.size() != 1);
        });
        return menu;
    }

    /** start to Start: ids read treeMenuStart, menuForceOff. */
    static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> action.run());
        return i;
    }

    private static void copy(List<DomainRowViewModel> rows, boolean uuid) {
        ClipboardContent c = new ClipboardContent();
        c.putString(String.join("\n", rows.stream().map(r -> uuid ? r.uuid() : r.getName()).toList()));
        Clipboard.getSystemClipboard().setContent(c);
    }
}
