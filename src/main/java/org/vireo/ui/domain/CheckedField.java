package org.vireo.ui.domain;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/**
 * A text field that checks what is typed as it is typed: its {@link #reason()} label says what
 * is wrong and {@link #invalid()} disables the buttons that would send it, so nothing bad
 * reaches libvirt and nothing silently becomes 0.
 */
class CheckedField extends TextField {
    private final StringBinding problem;
    private final BooleanBinding invalid;
    private final Label reason = new Label();

    /** {@code check} returns the problem in words, or null when the text is fine. */
    CheckedField(String id, String text, Function<String, String> check) {
        super(text);
        setId(id);
        problem = Bindings.createStringBinding(() -> check.apply(getText()), textProperty());
        invalid = problem.isNotNull();
        reason.setId(id + "Problem");
        reason.getStyleClass().add(Styles.DANGER);
        reason.textProperty().bind(Bindings.createStringBinding(() -> problem.get() == null ? "" : problem.get(), problem));
        // an empty field only disables its buttons: red text before the user typed anything is noise
        BooleanBinding shown = invalid.and(textProperty().isNotEmpty());
        reason.visibleProperty().bind(shown);
        reason.managedProperty().bind(shown);
        shown.addListener((o, a, bad) -> pseudoClassStateChanged(Styles.STATE_DANGER, bad));
        pseudoClassStateChanged(Styles.STATE_DANGER, shown.get());
    }

    BooleanBinding invalid() {
        return invalid;
    }

    Label reason() {
        return reason;
    }
}
