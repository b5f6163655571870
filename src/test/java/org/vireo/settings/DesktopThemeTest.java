package org.vireo.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the desktop's light/dark preference, with the desktop's answers scripted. */
class DesktopThemeTest {

    private static Optional<Boolean> with(Map<String, String> env, String colorScheme, String portal, String gtkTheme, List<String> asked) {
        return new DesktopTheme(env, argv -> {
            asked.add(String.join(" ", argv));
            String key = argv.getLast();
            if (argv.getFirst().equals("gdbus")) {
                return Optional.ofNullable(portal);
            }
            return Optional.ofNullable(key.equals("color-scheme") ? colorScheme : gtkTheme);
        }).prefersDark();
    }

    @Test
    void gtkThemeVariableWinsAndAsksNothing() {
        List<String> asked = new ArrayList<>();
        assertEquals(Optional.of(true), with(Map.of("GTK_THEME", "Adwaita:dark"), "'prefer-light'", null, null, asked));
        assertEquals(List.of(), asked);
        assertEquals(Optional.of(false), with(Map.of("GTK_THEME", "Adwaita"), null, null, null, asked));
    }

    @Test
    void freedesktopColorSchemeThenPortalThenThemeName() {
        List<String> asked = new ArrayList<>();
        assertEquals(Optional.of(true), with(Map.of(), "'prefer-dark'", null, "'Adwaita'", asked));
        assertEquals(Optional.of(false), with(Map.of(), "'prefer-light'", null, "'Adwaita-dark'", asked));
        // GNOME's "default" says nothing: the portal answers (KDE, others), 1 = dark
        assertEquals(Optional.of(true), with(Map.of(), "'default'", "(<<uint32 1>>,)", "'Adwaita'", asked));
        assertEquals(Optional.of(false), with(Map.of(), null, "(<<uint32 2>>,)", "'Adwaita-dark'", asked));
        // no preference anywhere: the GTK theme's name
        assertEquals(Optional.of(true), with(Map.of(), "'default'", "(<<uint32 0>>,)", "'Yaru-dark'", asked));
        assertEquals(Optional.of(false), with(Map.of(), null, null, "'Adwaita'", asked));
        assertEquals(Optional.empty(), with(Map.of(), null, null, null, asked));
    }

    @Test
    void aMissingCommandIsNoAnswer() {
        // the real runner on this machine: whatever it says, it answers within the timeouts and never throws
        long t0 = System.nanoTime();
        new DesktopTheme(Map.of(), argv -> Optional.empty()).prefersDark();
        DesktopTheme.ofUser().prefersDark();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[figure] desktop theme read on this machine: " + ms + " ms");
        org.junit.jupiter.api.Assertions.assertTrue(ms < 4 * 1000, "bounded by the timeouts: " + ms);
    }
}
