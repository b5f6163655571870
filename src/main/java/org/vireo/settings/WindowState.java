package org.vireo.settings;

import java.util.List;
import java.util.Map;

/**
 * The main window as the user left it: where it was, whether maximized, its split
 * positions, the domain table's columns (order, widths) and sort, the selected host, the
 * open domain page and its tab. NaN and empty mean "not known": the window uses its defaults.
 *
 * @param treeDivider the connection tree's width in pixels (it keeps it when the window resizes)
 * @param jobsDivider the Jobs panel's divider position (0..1)
 * @param columns the table's column ids in their order
 * @param widths  column id to width
 * @param sort    the sort order as "columnId:ASCENDING" or "columnId:DESCENDING"
 * @param host    the selected host's URI
 * @param domain  the open domain page's UUID
 * @param tab     the open domain page's tab id
 */
public record WindowState(double x, double y, boolean maximized, double treeDivider, double jobsDivider,
                          List<String> columns, Map<String, Double> widths, List<String> sort,
                          String host, String domain, String tab) {

    public static final WindowState UNKNOWN = new WindowState(Double.NaN, Double.NaN, false, Double.NaN, Double.NaN,
        List.of(), Map.of(), List.of(), "", "", "");

    public WindowState {
        columns = List.copyOf(columns);
        widths = Map.copyOf(widths);
        sort = List.copyOf(sort);
        host = host == null ? "" : host;
        domain = domain == null ? "" : domain;
        tab = tab == null ? "" : tab;
    }

    public WindowState withPlace(double newX, double newY, boolean isMaximized) {
        return new WindowState(newX, newY, isMaximized, treeDivider, jobsDivider, columns, widths, sort, host, domain, tab);
    }

    /** The same place, with the content's state from {@code content}. */
    public WindowState withContent(WindowState content) {
        return new WindowState(x, y, maximized, content.treeDivider, content.jobsDivider, content.columns, content.widths,
            content.sort, content.host, content.domain, content.tab);
    }
}
