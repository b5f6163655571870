package org.vireo.ui.console;

import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import javafx.scene.layout.StackPane;
import org.vireo.console.SerialConsole;

/**
 * The serial console in a terminal widget (JediTermFX: VT handling, scrollback, selection,
 * copy and paste, resizing with the pane). A new widget per opened console.
 */
final class SerialView extends StackPane {
    private final SerialConsoleViewModel model;
    private JediTermFxWidget widget;

    SerialView(SerialConsoleViewModel model) {
        this.model = model;
        setId("serialView");
        model.consoleProperty().addListener((o, old, now) -> attach(now));
    }

    private void attach(SerialConsole console) {
        if (widget != null) {
            widget.close();
            getChildren().clear();
            widget = null;
        }
        if (console == null) {
            return;
        }
        widget = new JediTermFxWidget(80, 25, new DefaultSettingsProvider());
        widget.getPane().setId("serialTerminal");
        widget.setTtyConnector(new SerialTty(console, model.row().getName(),
            () -> model.ended("The serial console ended (the guest stopped, or another client took it).")));
        getChildren().add(widget.getPane());
        widget.start();
        widget.getPreferredFocusableNode().requestFocus();
    }

    /** The text on the terminal's screen and scrollback (tests). */
    String text() {
        if (widget == null) {
            return "";
        }
        var buffer = widget.getTerminalTextBuffer();
        buffer.lock();
        try {
            return buffer.getHistoryBuffer().getLines() + "\n" + buffer.getScreenLines();
        } finally {
            buffer.unlock();
        }
    }

    javafx.scene.Node focusNode() {
        return widget == null ? this : widget.getPreferredFocusableNode();
    }

    void close() {
        if (widget != null) {
            widget.close();
            widget = null;
        }
        getChildren().clear();
    }
}
