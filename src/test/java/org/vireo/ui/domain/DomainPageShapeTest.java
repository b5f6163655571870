package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vireo.ui.ssh.AddSshHostViewModel;

/**
 * The domain page's shape: one view model per tab, handed to its view; views only bind and lay out
 * (no parsing in them, none grown past a screenful of code); no busy flag nobody watches.
 */
class DomainPageShapeTest {
    private static final Path VIEWS = Path.of("src/main/java/org/vireo/ui/domain");
    private static final int MAX_VIEW_LINES = 250;

    private static List<Path> tabViews() throws IOException {
        try (Stream<Path> files = Files.list(VIEWS)) {
            return files.filter(p -> p.getFileName().toString().endsWith("Tab.java")).sorted().toList();
        }
    }

    @Test
    void everyTabViewIsSmall() throws IOException {
        List<Path> views = tabViews();
        assertEquals(7, views.size(), "the seven tab views: " + views);
        List<String> big = new ArrayList<>();
        for (Path p : views) {
            long lines = Files.readAllLines(p).size();
            if (lines > MAX_VIEW_LINES) {
                big.add(p.getFileName() + " (" + lines + " lines)");
            }
        }
        assertEquals(List.of(), big, "tab views over " + MAX_VIEW_LINES + " lines");
    }

    @Test
    void noViewParsesNumbers() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(VIEWS)) {
            for (Path p : files.filter(f -> !f.getFileName().toString().endsWith("ViewModel.java")).toList()) {
                if (!p.getFileName().toString().matches(".*(Tab|Field|Dialog|Wizard|Page|Tabs|Ui)\\.java")) {
                    continue; // model classes of the view models (NumberRule, FieldDraft, Prefill ...)
                }
                String text = Files.readString(p);
                for (String parse : List.of("Integer.parseInt", "Long.parseLong", "NumberFormat", "NumberInput.parse", "Double.parseDouble")) {
                    if (text.contains(parse)) {
                        found.add(p.getFileName() + ": " + parse);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "parsing belongs in the view models");
    }

    @Test
    void eachTabHasItsViewModelAndItsViewTakesIt() throws NoSuchMethodException {
        Map<Class<?>, Class<?>> views = Map.of(
            OverviewTab.class, OverviewViewModel.class,
            HardwareTab.class, HardwareViewModel.class,
            TuningTab.class, TuningViewModel.class,
            XmlTab.class, XmlViewModel.class,
            SnapshotsTab.class, SnapshotsViewModel.class,
            ActionsTab.class, ActionsViewModel.class,
            PerformanceTab.class, PerformanceViewModel.class);
        for (var e : views.entrySet()) {
            Class<?> view = e.getKey();
            assertTrue(Arrays.stream(view.getDeclaredConstructors()).allMatch(c -> c.getParameterCount() > 0
                    && c.getParameterTypes()[0] == e.getValue()),
                view.getSimpleName() + " is built from its " + e.getValue().getSimpleName());
            assertTrue(Arrays.stream(view.getDeclaredConstructors()).noneMatch(c -> Arrays.asList(c.getParameterTypes()).contains(DomainPageViewModel.class)),
                view.getSimpleName() + " gets its tab's model, not the whole page's");
            // the page hands it out
            Method getter = Arrays.stream(DomainPageViewModel.class.getMethods()).filter(m -> m.getReturnType() == e.getValue()).findFirst()
                .orElseThrow(() -> new AssertionError("DomainPageViewModel hands out no " + e.getValue().getSimpleName()));
            assertEquals(0, getter.getParameterCount());
        }
    }

    @Test
    void noBusyFlagThatNothingWatches() {
        for (Class<?> c : List.of(DomainPageViewModel.class, AddSshHostViewModel.class)) {
            assertTrue(Arrays.stream(c.getMethods()).noneMatch(m -> m.getName().equals("busyProperty")), c.getSimpleName() + ".busyProperty");
        }
    }
}
