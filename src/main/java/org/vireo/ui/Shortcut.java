package org.vireo.ui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.vireo.model.DomainAction;

/**
 * Vireo's keyboard shortcuts, in one place: the menu bar's accelerators, the toolbar's
 * tooltips and Help > Keyboard shortcuts all read them from here. Keys handled by the
 * focused control (Enter, Delete, Escape) have no accelerator, only their text.
 */
public enum Shortcut {
    ADD_CONNECTION("Add a connection", combo(KeyCode.N, true)),
    PREFERENCES("Preferences", new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN)),
    QUIT("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN)),
    REFRESH("Refresh the selected host now", new KeyCodeCombination(KeyCode.F5)),
    FIND("Find: filter the domains by name", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN)),
    JOBS("Show or hide the Jobs panel", new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN)),
    OPEN("Open the selected domain's page", "Enter"),
    CONSOLE("Open the selected domain's console", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN)),
    START("Start the selected domains", combo(KeyCode.S, true)),
    PAUSE("Pause the selected domains", combo(KeyCode.P, true)),
    RESUME("Resume the selected domains", combo(KeyCode.R, true)),
    SHUTDOWN("Shut down the selected domains", combo(KeyCode.D, true)),
    REBOOT("Reboot the selected domains", combo(KeyCode.B, true)),
    FORCE_OFF("Force off the selected domains (asks first)", combo(KeyCode.K, true)),
    MIGRATE("Migrate the selected domains", new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN)),
    DELETE("Delete (undefine) the selected domain (asks first)", "Delete"),
    BACK("Back from a domain page; close a dialog", "Escape"),
    MENU("Context menu of the focused host or domain", "Shift+F10 / Menu"),
    NEXT("Next control / previous control", "Tab / Shift+Tab"),
    PALETTE("Command palette: any domain, any action, by typing",
        new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN)),
    FLEET("All hosts: the fleet view of every domain", new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN)),
    ADD_TAG("Add a tag to the selected domains (fleet view)", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN)),
    SNAPSHOT("Snapshot the selected domains (fleet view)", combo(KeyCode.N, false, true)),
    SHORTCUTS("Keyboard shortcuts", new KeyCodeCombination(KeyCode.F1));

    private final String what;
    private final KeyCombination combination;
    private final String keys;

    Shortcut(String what, KeyCombination combination) {
        this.what = what;
        this.combination = combination;
        this.keys = combination.getDisplayText();
    }

    Shortcut(String what, String keys) {
        this.what = what;
        this.combination = null;
        this.keys = keys;
    }

    /** The accelerator, or null for keys the focused control handles. */
    public KeyCombination combination() {
        return combination;
    }

    public String what() {
        return what;
    }

    /** As shown to the user: "Ctrl+Shift+S". */
    public String keys() {
        return keys;
    }

    /** A tooltip's text naming the shortcut: "Start the selected domains (Ctrl+Shift+S)". */
    public String tip(String text) {
        return text + " (" + keys + ")";
    }

    public static Shortcut of(DomainAction action) {
        return valueOf(action.name());
    }

    private static KeyCombination combo(KeyCode code, boolean shift, boolean alt) {
        return alt ? new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN) : combo(code, shift);
    }

    private static KeyCombination combo(KeyCode code, boolean shift) {
        return shift ? new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)
            : new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }
}
