package org.vireo.ui;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * The bottom-right corner of the window: the model's notices as AtlantaFX notifications,
 * non-modal, newest at the bottom, each with its own actions (Retry ...) plus Copy details
 * and Open log, and a close button. At most four at once; the oldest give way.
 */
final class NotificationArea extends VBox {
    private static final int MAX_SHOWN = 4;
    private final MainViewModel model;
    private Runnable openLog;

    NotificationArea(MainViewModel model) {
        super(8);
        this.model = model;
        setId("notificationArea");
        setAlignment(Pos.BOTTOM_RIGHT);
        setPadding(new Insets(10));
        setMaxWidth(420);
        setMaxHeight(USE_PREF_SIZE);
        // clicks pass through the empty part of the area to the table below
        setPickOnBounds(false);
        model.notices().addListener((ListChangeListener<Notice>) c -> rebuild());
        rebuild();
    }

    /** What Open log does (the app opens the log file with the desktop's viewer); without it the button is left out. */
    void setOpenLog(Runnable action) {
        this.openLog = action;
        rebuild();
    }

    private void rebuild() {
        List<Notice> all = model.notices();
        List<Notice> shown = all.subList(Math.max(0, all.size() - MAX_SHOWN), all.size());
        List<Notification> views = new ArrayList<>();
        for (Notice n : shown) {
            views.add(view(n));
        }
        getChildren().setAll(views);
    }

    private Notification view(Notice n) {
        Notification view = new Notification(n.title() + "\n" + n.text(), Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        view.setId("notice-" + n.key().replaceAll("[^A-Za-z0-9_-]", "_"));
        view.getStyleClass().addAll(Styles.DANGER, "vireo-notice");
        view.setPrefWidth(400);
        view.setMaxWidth(400);
        view.setMaxHeight(USE_PREF_SIZE);
        List<Button> buttons = new ArrayList<>();
        for (Notice.Action a : n.actions()) {
            buttons.add(button("notice" + cap(a.id()), a.label(), () -> {
                model.dismiss(n.key());
                a.run().run();
            }));
        }
        buttons.add(button("noticeCopy", "Copy details", () -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(n.title() + "\n" + n.details());
            Clipboard.getSystemClipboard().setContent(c);
            model.tell("Details copied");
        }));
        if (openLog != null) {
            buttons.add(button("noticeLog", "Open log", openLog));
        }
        view.setPrimaryActions(buttons.toArray(Button[]::new));
        view.setOnClose(e -> model.dismiss(n.key()));
        return view;
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
