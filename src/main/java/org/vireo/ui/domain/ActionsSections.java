package org.vireo.ui.domain;

import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Actions tab's peek and block job sections (their own class: the tab would not fit a screenful of code). */
final class ActionsSections {
    private ActionsSections() {
    }

    /** Offset (hex or decimal), memory or disk, and the hex view. */
    static VBox peek(ActionsViewModel model) {
        NumberField peekAt = new NumberField("peekOffsetField", "0", ActionsViewModel.PEEK_OFFSET);
        peekAt.setPrefColumnCount(10);
        TextField peekDisk = new TextField("vda");
        peekDisk.setId("peekDiskField");
        peekDisk.setPrefColumnCount(5);
        TextArea hex = new TextArea();
        hex.setId("peekHexView");
        hex.setEditable(false);
        hex.setPrefRowCount(8);
        hex.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace;");
        hex.textProperty().bind(model.peekProperty());
        Button memoryPeek = Ui.button("memoryPeekButton", "Peek memory", () -> model.memoryPeek(peekAt.getText()));
        Button blockPeek = Ui.button("blockPeekButton", "Peek disk", () -> model.blockPeek(peekDisk.getText(), peekAt.getText()));
        memoryPeek.disableProperty().bind(peekAt.invalid());
        blockPeek.disableProperty().bind(peekAt.invalid());
        return new VBox(6, new FlowPane(8, 6, Ui.caption("Offset (hex or decimal)"), peekAt, memoryPeek,
            Ui.caption("disk"), peekDisk, blockPeek, peekAt.reason()), hex);

    }

    /** A block job's start (pull, commit, copy) with a speed, its progress, speed, pivot and abort; polled while {@code shown}. */
    static VBox blockJobs(ActionsViewModel model, Node tab, BooleanSupplier shown) {
        TextField jobDisk = new TextField("vda");
        jobDisk.setId("jobDiskField");
        jobDisk.setPrefColumnCount(5);
        NumberField speed = new NumberField("jobSpeedField", "0", ActionsViewModel.SPEED);
        speed.setPrefColumnCount(4);
        TextField copyDest = new TextField("/var/tmp/copy.qcow2");
        copyDest.setId("copyDestField");
        copyDest.setPrefColumnCount(18);
        ProgressBar progress = new ProgressBar(0);
        progress.setId("blockJobProgress");
        progress.setPrefWidth(200);
        Label jobText = new Label("no job");
        jobText.setId("blockJobText");
        model.blockJobProperty().addListener((o, a, job) -> {
            progress.setProgress(job == null ? 0 : job.fraction());
            jobText.setText(ActionsViewModel.jobText(job));
        });
        tab.sceneProperty().addListener((o, a, s) -> {
            if (s == null) {
                model.stopPolling();
            } else {
                model.startPolling(jobDisk::getText, shown);
            }
        });
        Button pull = Ui.button("blockPullButton", "Pull", () -> model.blockPull(jobDisk.getText(), speed.getText()));
        Button commit = Ui.button("blockCommitButton", "Commit", () -> model.blockCommit(jobDisk.getText(), speed.getText()));
        Button copy = Ui.button("blockCopyButton", "Copy to", () -> model.blockCopy(jobDisk.getText(), copyDest.getText(), speed.getText()));
        Button setSpeed = Ui.button("jobSpeedButton", "Set speed", () -> model.blockJobSpeed(jobDisk.getText(), speed.getText()));
        for (Button b : List.of(pull, commit, copy, setSpeed)) {
            b.disableProperty().bind(speed.invalid());
        }
        return new VBox(6, new FlowPane(8, 6, Ui.caption("Disk"), jobDisk, Ui.caption("MiB/s (0 = unlimited)"), speed,
            pull, commit, copy, copyDest, speed.reason()),
            new HBox(8, progress, jobText, setSpeed,
                Ui.button("jobAbortButton", "Abort", () -> model.blockJobAbort(jobDisk.getText(), false)),
                Ui.button("jobPivotButton", "Pivot", () -> model.blockJobAbort(jobDisk.getText(), true))));
    }
}
