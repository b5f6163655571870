package org.vireo.ui.job;

import atlantafx.base.theme.Styles;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.vireo.job.JobState;
import org.vireo.model.Metric;
import org.vireo.ui.chart.TimeSeriesChart;

/**
 * The Jobs panel: every host's running and finished jobs with progress, figures, cancel and
 * libvirt's error; under it, for a selected migration, a live chart of the memory left and
 * of the transfer against the dirty rate, and the knobs libvirt takes while it runs.
 */
public final class JobsPane extends VBox {
    private final JobsViewModel model;
    private final TableView<JobRowViewModel> table = new TableView<>();
    private final VBox details = new VBox(6);
    private final TimeSeriesChart remaining = new TimeSeriesChart("migrationRemainingChart", "Memory left to copy", Metric.Unit.KIB);
    private final TimeSeriesChart rates = new TimeSeriesChart("migrationRateChart", "Transfer and dirty rate", Metric.Unit.BYTES_PER_SECOND);
    private final Label detailTitle = new Label();
    private final Label knobOutcome = new Label();
    private final TextField downtime = new TextField();
    private final TextField speed = new TextField();
    private final Button postCopy = new Button("Switch to post-copy");
    private final InvalidationListener redraw = o -> redrawCharts();
    private JobRowViewModel shown;

    public JobsPane(JobsViewModel model) {
        this.model = model;
        setId("jobsPane");
        getStyleClass().add("jobs-pane");
        table.setId("jobsTable");
        table.setItems(model.rows());
        table.setPlaceholder(new Label("No jobs. Migrations, saves, restores and dumps show here while they run."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(text("Job", 230, JobRowViewModel::titleProperty));
        table.getColumns().add(text("Host", 110, JobRowViewModel::hostProperty));
        table.getColumns().add(text("State", 150, JobRowViewModel::stateTextProperty));
        table.getColumns().add(progressColumn());
        table.getColumns().add(buttonsColumn());
        table.getColumns().add(text("Figures", 380, r -> (javafx.beans.property.StringProperty) null));
        // the figures column shows the figures or, after a failure, libvirt's error
        @SuppressWarnings("unchecked")
        TableColumn<JobRowViewModel, String> figures = (TableColumn<JobRowViewModel, String>) table.getColumns().getLast();
        figures.setCellValueFactory(c -> javafx.beans.binding.Bindings.createStringBinding(
            () -> c.getValue().errorProperty().get().isEmpty() ? c.getValue().figuresProperty().get()
                : c.getValue().errorProperty().get() + (c.getValue().figuresProperty().get().isEmpty() ? "" : "  ·  " + c.getValue().figuresProperty().get()),
            c.getValue().errorProperty(), c.getValue().figuresProperty()));
        figures.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                JobRowViewModel row = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean failed = row != null && row.stateProperty().get() == JobState.FAILED;
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), failed);
                setStyle(failed ? "-fx-text-fill: -color-danger-fg;" : "");
            }
        });
        table.setPrefHeight(150);
        // the list stays readable when a migration's charts open below it
        table.setMinHeight(110);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> showDetails(row));
        model.rows().addListener((javafx.collections.ListChangeListener<JobRowViewModel>) c -> {
            if (table.getSelectionModel().getSelectedItem() == null && !model.rows().isEmpty()) {
                table.getSelectionModel().select(model.rows().getFirst());
            }
        });

        Label title = new Label("Jobs");
        title.getStyleClass().add(Styles.TITLE_4);
        Button clear = new Button("Clear finished");
        clear.setId("clearFinishedJobs");
        clear.setOnAction(e -> model.clearFinished());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer, clear);
        head.setAlignment(Pos.CENTER_LEFT);

        details.setId("jobDetails");
        detailTitle.getStyleClass().add(Styles.TEXT_BOLD);
        remaining.line("memory left", () -> shown == null ? org.vireo.model.TimeSeries.EMPTY : shown.remainingMemory(), org.vireo.ui.chart.Palette.CPU);
        rates.line("transfer", () -> shown == null ? org.vireo.model.TimeSeries.EMPTY : shown.transferRate(), org.vireo.ui.chart.Palette.NET)
            .line("dirtied", () -> shown == null ? org.vireo.model.TimeSeries.EMPTY : shown.dirtyRate(), org.vireo.ui.chart.Palette.DANGER);
        remaining.setPrefHeight(120);
        rates.setPrefHeight(120);
        remaining.setMinHeight(100);
        rates.setMinHeight(100);
        HBox charts = new HBox(8, remaining, rates);
        HBox.setHgrow(remaining, Priority.ALWAYS);
        HBox.setHgrow(rates, Priority.ALWAYS);
        downtime.setId("jobMaxDowntimeField");
        downtime.setPromptText("ms");
        downtime.setPrefColumnCount(6);
        speed.setId("jobBandwidthField");
        speed.setPromptText("unlimited");
        speed.setPrefColumnCount(6);
        Button setDowntime = new Button("Set max downtime");
        setDowntime.setId("setMaxDowntimeButton");
        setDowntime.setOnAction(e -> knob(downtime, "max downtime", ms -> shown.setMaxDowntime(ms)));
        Button setSpeed = new Button("Set bandwidth");
        setSpeed.setId("setBandwidthButton");
        setSpeed.setOnAction(e -> knob(speed, "bandwidth", mibs -> shown.setMaxSpeed(mibs)));
        postCopy.setId("postCopyButton");
        postCopy.setOnAction(e -> {
            JobRowViewModel row = shown;
            tellWhenDone(row.startPostCopy(), "Switched to post-copy: the guest now runs on the destination.");
        });
        knobOutcome.setId("jobKnobOutcome");
        knobOutcome.setWrapText(true);
        HBox knobs = new HBox(8, new Label("Max downtime"), downtime, setDowntime, new Label("Bandwidth"), speed, setSpeed, postCopy);
        knobs.setAlignment(Pos.CENTER_LEFT);
        details.getChildren().addAll(detailTitle, charts, knobs, knobOutcome);
        details.setVisible(false);
        details.setManaged(false);

        getChildren().addAll(head, table, details);
        VBox.setVgrow(table, Priority.ALWAYS);
        setPadding(new Insets(6, 10, 6, 10));
        setSpacing(6);
    }

    public TableView<JobRowViewModel> table() {
        return table;
    }

    /** Selects a job's row (the main window selects a job it just started). */
    public void select(org.vireo.job.Job job) {
        JobRowViewModel row = model.rowOf(job);
        if (row != null) {
            table.getSelectionModel().select(row);
        }
    }

    private void showDetails(JobRowViewModel row) {
        if (shown != null) {
            shown.tickProperty().removeListener(redraw);
        }
        shown = row != null && row.isMigration() ? row : null;
        details.setVisible(shown != null);
        details.setManaged(shown != null);
        knobOutcome.setText("");
        if (shown != null) {
            detailTitle.setText(shown.titleProperty().get());
            postCopy.setDisable(!shown.postCopyAllowed());
            postCopy.setTooltip(new javafx.scene.control.Tooltip(shown.postCopyAllowed()
                ? "The guest then runs on the destination while the rest of its memory follows; a network failure from then on loses it."
                : "Start the migration with \"Allow switching to post-copy\" to use this."));
            shown.tickProperty().addListener(redraw);
            boolean live = !shown.stateProperty().get().finished();
            if (live) {
                JobRowViewModel r = shown;
                r.limits().whenComplete((l, err) -> Platform.runLater(() -> {
                    if (err == null && shown == r) {
                        downtime.setText(Long.toString(l[0]));
                        // libvirt reports "no cap" as its largest value (8 PiB/s)
                        speed.setText(l[1] >= (1L << 43) - 1 ? "" : Long.toString(l[1]));
                    }
                }));
            }
            redrawCharts();
        }
    }

    private void redrawCharts() {
        // the invalidation listener fires once until the value is read again
        if (shown != null) {
            shown.tickProperty().get();
            boolean live = !shown.stateProperty().get().finished();
            if (shown.stateProperty().get() == JobState.FAILED) {
                knobOutcome.setText("Failed: " + shown.errorProperty().get());
            }
            downtime.setDisable(!live);
            speed.setDisable(!live);
            postCopy.setDisable(!live || !shown.postCopyAllowed());
        }
        remaining.refresh();
        rates.refresh();
    }

    private void knob(TextField field, String what, java.util.function.LongFunction<CompletableFuture<Void>> apply) {
        long value;
        try {
            value = Long.parseLong(field.getText().strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            knobOutcome.setText("The " + what + " must be a whole number of zero or more; nothing was changed.");
            return;
        }
        tellWhenDone(apply.apply(value), "The " + what + " is now " + value + ".");
    }

    private void tellWhenDone(CompletableFuture<Void> f, String success) {
        knobOutcome.setText("…");
        f.whenComplete((ok, err) -> Platform.runLater(() -> knobOutcome.setText(err == null ? success
            : "libvirt refused: " + (err.getCause() != null ? err.getCause().getMessage() : err.getMessage()))));
    }

    private static TableColumn<JobRowViewModel, String> text(String title, double width,
                                                             java.util.function.Function<JobRowViewModel, javafx.beans.property.StringProperty> p) {
        TableColumn<JobRowViewModel, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> p.apply(f.getValue()));
        return c;
    }

    private TableColumn<JobRowViewModel, Number> progressColumn() {
        TableColumn<JobRowViewModel, Number> c = new TableColumn<>("Progress");
        c.setPrefWidth(130);
        c.setCellValueFactory(f -> f.getValue().progressProperty());
        c.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            {
                bar.setMaxWidth(Double.MAX_VALUE);
            }

            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setGraphic(null);
                    return;
                }
                JobRowViewModel row = getTableRow() == null ? null : getTableRow().getItem();
                boolean finished = row != null && row.stateProperty().get().finished();
                // indeterminate until libvirt gives a total; a finished job's bar stands still
                bar.setProgress(v.doubleValue() < 0 ? (finished ? 0 : ProgressBar.INDETERMINATE_PROGRESS) : v.doubleValue());
                setGraphic(bar);
            }
        });
        return c;
    }

    private TableColumn<JobRowViewModel, JobRowViewModel> buttonsColumn() {
        TableColumn<JobRowViewModel, JobRowViewModel> c = new TableColumn<>("");
        c.setPrefWidth(90);
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Button cancel = new Button("Cancel");
            private final Button dismiss = new Button("Dismiss");
            private final InvalidationListener restate = o -> show();
            private JobRowViewModel row;

            {
                cancel.getStyleClass().add(Styles.SMALL);
                dismiss.getStyleClass().add(Styles.SMALL);
                cancel.setOnAction(e -> model.cancel(row));
                dismiss.setOnAction(e -> model.dismiss(row));
            }

            @Override
            protected void updateItem(JobRowViewModel item, boolean empty) {
                super.updateItem(item, empty);
                if (row != null) {
                    row.stateProperty().removeListener(restate);
                }
                row = empty ? null : item;
                if (row != null) {
                    row.stateProperty().addListener(restate);
                }
                show();
            }

            private void show() {
                if (row == null) {
                    setGraphic(null);
                    return;
                }
                JobState s = row.stateProperty().get();
                cancel.setId("cancelJob-" + row.job().id());
                dismiss.setId("dismissJob-" + row.job().id());
                cancel.setDisable(!row.cancellableProperty().get() || s == JobState.CANCELLING);
                setGraphic(s.finished() ? dismiss : cancel);
            }
        });
        return c;
    }
}
