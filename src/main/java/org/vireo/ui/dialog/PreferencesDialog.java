package org.vireo.ui.dialog;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.vireo.model.StatsGroup;
import org.vireo.model.StatsSettings;

/** How often Vireo polls its hosts, how much history it keeps, and which figures it asks for. */
public final class PreferencesDialog extends Dialog<PreferencesDialog.Result> {
    /** What the user applied. */
    public record Result(StatsSettings stats, org.vireo.model.ThemeChoice theme) {
    }

    private static final Map<StatsGroup, String> LABELS = Map.of(
        StatsGroup.CPU_TOTAL, "CPU time",
        StatsGroup.BALLOON, "Memory (balloon)",
        StatsGroup.VCPU, "vCPUs",
        StatsGroup.INTERFACE, "Network interfaces",
        StatsGroup.BLOCK, "Disks",
        StatsGroup.STATE, "State");

    public PreferencesDialog(Window owner, StatsSettings current, org.vireo.model.ThemeChoice theme) {
        initOwner(owner);
        setTitle("Preferences");
        setHeaderText("Appearance and live monitoring");
        javafx.scene.control.ChoiceBox<org.vireo.model.ThemeChoice> themeBox =
            new javafx.scene.control.ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(org.vireo.model.ThemeChoice.values()));
        themeBox.setId("themeChoice");
        themeBox.setValue(theme);
        getDialogPane().setId("preferencesDialog");

        Spinner<Double> interval = new Spinner<>(0.5, 60, current.interval().toMillis() / 1000.0, 0.5);
        interval.setId("intervalSpinner");
        interval.setEditable(true);
        Spinner<Integer> history = new Spinner<>(1, 240, (int) Math.max(1, current.historyKept().toMinutes()));
        history.setId("historySpinner");
        history.setEditable(true);

        VBox groups = new VBox(6);
        Map<StatsGroup, CheckBox> boxes = new EnumMap<>(StatsGroup.class);
        for (StatsGroup g : StatsGroup.values()) {
            if (g == StatsGroup.STATE) {
                continue;
            }
            CheckBox box = new CheckBox(LABELS.get(g));
            box.setId("group-" + g.name());
            box.setSelected(current.groups().contains(g));
            boxes.put(g, box);
            groups.getChildren().add(box);
        }
        Label note = new Label("One bulk call per host per refresh asks for all checked figures at once. "
            + "State is always polled. A longer history costs memory: 4 bytes per figure and point.");
        note.setWrapText(true);
        note.setMaxWidth(380);
        note.getStyleClass().add("text-muted");

        GridPane grid = new GridPane(12, 10);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Theme"), themeBox);
        grid.addRow(1, new Label("Refresh every (s)"), interval);
        grid.addRow(2, new Label("History kept (min)"), history);
        Label figures = new Label("Figures");
        GridPane.setValignment(figures, javafx.geometry.VPos.TOP);
        grid.addRow(3, figures, groups);
        grid.add(note, 0, 4, 2, 1);
        getDialogPane().setContent(grid);

        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(apply, ButtonType.CANCEL);
        getDialogPane().lookupButton(apply).setId("applyPreferencesButton");
        setResultConverter(b -> {
            if (b != apply) {
                return null;
            }
            EnumSet<StatsGroup> chosen = EnumSet.of(StatsGroup.STATE);
            boxes.forEach((g, box) -> {
                if (box.isSelected()) {
                    chosen.add(g);
                }
            });
            return new Result(new StatsSettings(Duration.ofMillis(Math.round(interval.getValue() * 1000)),
                Duration.ofMinutes(history.getValue()), chosen), themeBox.getValue());
        });
    }
}
