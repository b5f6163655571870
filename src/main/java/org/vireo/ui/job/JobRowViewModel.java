package org.vireo.ui.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vireo.host.MigrationService;
import org.vireo.job.Job;
import org.vireo.job.JobKind;
import org.vireo.job.JobState;
import org.vireo.model.JobStats;
import org.vireo.model.TimeSeries;
import org.vireo.ui.Formats;
import org.vireo.ui.HostTitles;

/** One job as the Jobs panel shows it; updated on the FX thread from the job's latest reading. */
public final class JobRowViewModel {
    private final Job job;
    private final StringProperty title = new SimpleStringProperty(this, "title");
    private final StringProperty host = new SimpleStringProperty(this, "host");
    private final ObjectProperty<JobState> state = new SimpleObjectProperty<>(this, "state");
    private final StringProperty stateText = new SimpleStringProperty(this, "stateText");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final StringProperty figures = new SimpleStringProperty(this, "figures", "");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final BooleanProperty cancellable = new SimpleBooleanProperty(this, "cancellable");
    private final LongProperty tick = new SimpleLongProperty(this, "tick");
    private final SampleSeries remainingKiB = new SampleSeries();
    private final SampleSeries transferBps = new SampleSeries();
    private final SampleSeries dirtyBps = new SampleSeries();
    private JobStats lastSampled;

    JobRowViewModel(Job job) {
        this.job = job;
        title.set(job.title());
        host.set(HostTitles.of(job.hostUri()));
        update();
    }

    /** Reads the job's current state and figures (FX thread). */
    void update() {
        JobState s = job.state();
        state.set(s);
        JobStats st = job.stats();
        stateText.set(stateText(s, st));
        cancellable.set(job.cancellable());
        double f = st.fraction();
        progress.set(s == JobState.SUCCEEDED ? 1 : s.finished() ? Math.max(0, f) : f);
        figures.set(describe(st));
        String note = job.note();
        error.set(s == JobState.FAILED ? job.error() : s == JobState.CANCELLED ? "Cancelled: " + job.error()
            : note);
        if (st != lastSampled && st.type() != JobStats.NONE) {
            lastSampled = st;
            long now = System.currentTimeMillis();
            long mem = st.memoryRemaining();
            remainingKiB.add(now, mem < 0 ? Float.NaN : mem / 1024f);
            long bps = st.bytesPerSecond();
            transferBps.add(now, bps < 0 ? Float.NaN : bps);
            long dirty = st.dirtyBytesPerSecond();
            dirtyBps.add(now, dirty < 0 ? Float.NaN : dirty);
        }
        tick.set(tick.get() + 1);
    }

    private String stateText(JobState s, JobStats st) {
        if (s != JobState.RUNNING) {
            return s.label();
        }
        if (!st.text("phase").isEmpty()) {
            // create and clone jobs say which step they are at
            return st.text("phase");
        }
        if (job.kind() == JobKind.MIGRATION && st.iteration() > 0) {
            return "Copying memory, pass " + st.iteration();
        }
        if (st.dataTotal() > 0) {
            return "Copying data";
        }
        return "Starting";
    }

    /** The figures line: data left of total, speed, dirty rate, expected downtime, time so far and left. */
    String describe(JobStats st) {
        List<String> parts = new ArrayList<>();
        if (st.dataTotal() > 0) {
            long left = Math.max(0, st.dataRemaining());
            parts.add(Formats.bytes(left) + " of " + Formats.bytes(st.dataTotal()) + " left");
        } else if (st.dataProcessed() > 0) {
            parts.add(Formats.bytes(st.dataProcessed()) + " done");
        }
        if (st.bytesPerSecond() > 0) {
            parts.add(Formats.bytesPerSecond(st.bytesPerSecond()));
        }
        if (job.kind() == JobKind.MIGRATION) {
            if (st.dirtyBytesPerSecond() >= 0) {
                parts.add("dirtied " + Formats.bytesPerSecond(st.dirtyBytesPerSecond()));
            }
            if (st.iteration() > 0) {
                parts.add("pass " + st.iteration());
            }
            if (st.downtimeMs() >= 0) {
                parts.add((job.state().finished() ? "downtime " : "expected downtime ") + st.downtimeMs() + " ms");
            }
        }
        parts.add("elapsed " + seconds(job.elapsedMillis()));
        if (!job.state().finished() && st.remainingMs() > 0) {
            parts.add("about " + seconds(st.remainingMs()) + " left");
        }
        return String.join(" · ", parts);
    }

    private static String seconds(long ms) {
        return ms < 60_000 ? String.format("%.1f s", ms / 1000.0) : String.format("%d min %02d s", ms / 60_000, ms / 1000 % 60);
    }

    public Job job() {
        return job;
    }

    public boolean isMigration() {
        return job.kind() == JobKind.MIGRATION;
    }

    /** A migration's knobs (max downtime, bandwidth, post-copy), or null. */
    MigrationService.Controls controls() {
        return job.extra() instanceof MigrationService.Controls c ? c : null;
    }

    public boolean postCopyAllowed() {
        MigrationService.Controls c = controls();
        return c != null && c.postCopyAllowed();
    }

    public CompletableFuture<Void> setMaxDowntime(long ms) {
        return controls().setMaxDowntime(ms);
    }

    public CompletableFuture<Void> setMaxSpeed(long mibs) {
        return controls().setMaxSpeed(mibs);
    }

    public CompletableFuture<Void> startPostCopy() {
        return controls().startPostCopy();
    }

    public CompletableFuture<long[]> limits() {
        return controls().limits();
    }

    public TimeSeries remainingMemory() {
        return remainingKiB;
    }

    public TimeSeries transferRate() {
        return transferBps;
    }

    public TimeSeries dirtyRate() {
        return dirtyBps;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public ObjectProperty<JobState> stateProperty() {
        return state;
    }

    public StringProperty stateTextProperty() {
        return stateText;
    }

    /** 0..1, or -1 while libvirt has not given a total. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty figuresProperty() {
        return figures;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty cancellableProperty() {
        return cancellable;
    }

    /** Counts updates: the migration chart redraws on it. */
    public LongProperty tickProperty() {
        return tick;
    }
}
