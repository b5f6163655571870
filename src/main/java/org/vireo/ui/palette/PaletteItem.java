package org.vireo.ui.palette;

/**
 * One choice of the command palette: an action on a domain ("Start db-primary on hostA")
 * or a window command ("Show all hosts").
 *
 * @param key    what the recent list remembers it by (verb, domain UUID, target host)
 * @param text   the line shown
 * @param detail the smaller text after it (the host, the state, the shortcut)
 */
public record PaletteItem(String key, String text, String detail, int score, Runnable run) {

    @Override
    public String toString() {
        return text;
    }
}
