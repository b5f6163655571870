package org.vireo.ui.fleet;

/** How the fleet table groups its domains. */
public enum Grouping {
    NONE("No groups"), HOST("Host"), STATE("State"), TAG("Tag");

    private final String label;

    Grouping(String label) {
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
