package org.vireo.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.vireo.model.ThemeChoice;
import org.vireo.ui.chart.Palette;

/**
 * Light or dark for the whole application: AtlantaFX's Primer Light or Primer Dark as the
 * user-agent stylesheet (every window, dialogs included, restyles at once), Vireo's own
 * stylesheet on top, and the canvases' {@link Palette} read again from the new theme.
 * {@link ThemeChoice#SYSTEM} follows the desktop's preference, which arrives from a
 * background thread when the launcher has read it (light until then, and when unknown).
 */
public final class Theme {
    public static final String VIREO_CSS = Objects.requireNonNull(Theme.class.getResource("/org/vireo/vireo.css")).toExternalForm();
    private static final ObjectProperty<ThemeChoice> CHOICE = new SimpleObjectProperty<>(ThemeChoice.SYSTEM);
    private static final ReadOnlyBooleanWrapper DARK = new ReadOnlyBooleanWrapper();
    private static Optional<Boolean> desktopDark = Optional.empty();
    private static boolean applied;

    static {
        CHOICE.addListener(o -> apply());
    }

    private Theme() {
    }

    /** What the user chose (Preferences); setting it restyles at once. FX thread. */
    public static ObjectProperty<ThemeChoice> choiceProperty() {
        return CHOICE;
    }

    /** Whether the dark theme is the one in force. */
    public static ReadOnlyBooleanProperty darkProperty() {
        return DARK.getReadOnlyProperty();
    }

    /** The desktop's preference as read off the FX thread (empty: unknown). FX thread. */
    public static void setDesktopPreference(Optional<Boolean> prefersDark) {
        desktopDark = prefersDark;
        apply();
    }

    /** Puts the theme in force the first time (scenes call this before they are built); later calls restyle only on change. */
    public static void ensureApplied() {
        if (!applied) {
            apply();
        }
    }

    private static void apply() {
        boolean dark = switch (CHOICE.get()) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> desktopDark.orElse(false);
        };
        if (applied && dark == DARK.get()) {
            return;
        }
        applied = true;
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        DARK.set(dark);
        Palette.resolve(List.of(VIREO_CSS));
    }
}
