package org.vireo.ui.domain;

import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** Small helpers the domain tabs share. */
final class Ui {
    private Ui() {
    }

    static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    static TitledPane section(String title, Node content) {
        TitledPane p = new TitledPane(title, content);
        p.setCollapsible(false);
        return p;
    }

    /** The outcome line of a page: what was done, or libvirt's message in red when it failed. */
    static Label outcome(String id, StringProperty text, BooleanProperty failed) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        failed.addListener((o, a, b) -> restyle(l, b));
        restyle(l, failed.get());
        return l;
    }

    private static void restyle(Label l, boolean failed) {
        l.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        l.getStyleClass().add(failed ? Styles.DANGER : Styles.SUCCESS);
    }

    /**
     * A page: its bar (refresh button and outcome line) fixed at the top, so the outcome of an operation started far down
     * the page is in sight, and the sections below in a scroll pane that takes the rest of the height.
     */
    static void page(VBox tab, Node bar, Node... sections) {
        VBox top = new VBox(bar);
        top.setPadding(new Insets(8, 12, 4, 12));
        ScrollPane s = scroll(sections);
        VBox.setVgrow(s, javafx.scene.layout.Priority.ALWAYS);
        tab.getChildren().addAll(top, s);
    }

    /** The bar of a page: its buttons, then the outcome line taking the rest of the width. */
    static javafx.scene.layout.HBox bar(Label outcome, Node... buttons) {
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(8, buttons);
        bar.getChildren().add(outcome);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setMinHeight(36);
        outcome.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.HBox.setHgrow(outcome, javafx.scene.layout.Priority.ALWAYS);
        return bar;
    }

    static ScrollPane scroll(Node... children) {
        VBox box = new VBox(10, children);
        box.setPadding(new Insets(12));
        ScrollPane s = new ScrollPane(box);
        s.setFitToWidth(true);
        return s;
    }

    static String bytes(long b) {
        if (b < 0) {
            return "unknown";
        }
        if (b >= 1L << 30) {
            return String.format("%.1f GiB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format("%.1f MiB", b / (double) (1L << 20));
        }
        return String.format("%.1f KiB", b / 1024.0);
    }
}
