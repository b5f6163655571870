package org.vireo.model;

/** Light or dark: as the desktop prefers (the default), or chosen in Preferences. */
public enum ThemeChoice {
    SYSTEM("As the desktop"),
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
