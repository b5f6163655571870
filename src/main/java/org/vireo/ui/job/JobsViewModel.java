package org.vireo.ui.job;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.job.Job;
import org.vireo.job.Jobs;

/**
 * The Jobs panel's list across all hosts and the count of running jobs shown in the status
 * line. Job threads report changes from anywhere; they reach the FX thread coalesced: one
 * hop applies every job changed since the last one.
 */
public final class JobsViewModel {
    private final Jobs jobs;
    private final ObservableList<JobRowViewModel> rows = FXCollections.observableArrayList();
    private final Map<Job, JobRowViewModel> byJob = new HashMap<>();
    private final IntegerProperty running = new SimpleIntegerProperty(this, "running");
    private final Object lock = new Object();
    private Set<Job> pending = new LinkedHashSet<>();
    private boolean hopQueued;

    public JobsViewModel(Jobs jobs) {
        this.jobs = jobs;
        jobs.addListener(this::changed);
    }

    /** The registry behind the panel (services start their jobs there). */
    public Jobs jobs() {
        return jobs;
    }

    private void changed(Job job) {
        synchronized (lock) {
            pending.add(job);
            if (hopQueued) {
                return;
            }
            hopQueued = true;
        }
        Platform.runLater(this::apply);
    }

    private void apply() {
        Set<Job> batch;
        synchronized (lock) {
            batch = pending;
            pending = new LinkedHashSet<>();
            hopQueued = false;
        }
        for (Job job : batch) {
            JobRowViewModel row = byJob.get(job);
            if (!jobs.contains(job)) {
                if (row != null) {
                    rows.remove(row);
                    byJob.remove(job);
                }
                continue;
            }
            if (row == null) {
                row = new JobRowViewModel(job);
                byJob.put(job, row);
                rows.addFirst(row);
            } else {
                row.update();
            }
        }
        running.set(jobs.running().size());
    }

    /** The row of a job, once it reached the FX thread. */
    public JobRowViewModel rowOf(Job job) {
        return byJob.get(job);
    }

    public void cancel(JobRowViewModel row) {
        jobs.cancel(row.job());
    }

    public void dismiss(JobRowViewModel row) {
        jobs.dismiss(row.job());
    }

    /** Dismisses every finished job. */
    public void clearFinished() {
        for (Job j : jobs.all()) {
            jobs.dismiss(j);
        }
    }

    public ObservableList<JobRowViewModel> rows() {
        return rows;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running;
    }

    /** Running jobs right now (the quit guard asks when there are any). */
    public int runningNow() {
        return jobs.running().size();
    }
}
