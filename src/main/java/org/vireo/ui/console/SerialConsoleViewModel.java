package org.vireo.ui.console;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vireo.console.ConsoleException;
import org.vireo.console.ConsoleService;
import org.vireo.console.SerialConsole;
import org.vireo.ui.DomainRowViewModel;

/**
 * A domain's serial console: opened on a thread of its own (virDomainOpenConsole on the
 * host's libvirt connection). When another client holds the console it asks before taking it.
 */
public final class SerialConsoleViewModel {
    public enum Phase { CONNECTING, CONNECTED, DECLINED, FAILED, CLOSED }

    private final DomainRowViewModel row;
    private final ConsoleService service;
    private final Function<String, CompletableFuture<Boolean>> askTakeOver;
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(this, "phase", Phase.CONNECTING);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<SerialConsole> console = new SimpleObjectProperty<>(this, "console");
    private volatile boolean running;

    /** @param askTakeOver asked on the FX thread whether to take a console another client holds */
    public SerialConsoleViewModel(DomainRowViewModel row, Function<String, CompletableFuture<Boolean>> askTakeOver) {
        this.row = row;
        this.service = row.host().consoles();
        this.askTakeOver = askTakeOver;
    }

    public DomainRowViewModel row() {
        return row;
    }

    /** Opens the console (FX thread); {@link #consoleProperty()} gets it when it is open. */
    public void start() {
        if (running) {
            return;
        }
        running = true;
        phase.set(Phase.CONNECTING);
        message.set("Opening the serial console of " + row.getName() + "…");
        Thread.ofPlatform().daemon().name("serial " + row.getName()).start(() -> open(false));
    }

    private void open(boolean force) {
        try {
            SerialConsole c = service.openSerial(row.uuid(), force);
            Platform.runLater(() -> {
                if (!running) {
                    c.close();
                    return;
                }
                console.set(c);
                phase.set(Phase.CONNECTED);
                message.set("");
            });
        } catch (ConsoleException e) {
            if (e.heldByAnother() && !force) {
                Platform.runLater(() -> askTakeOver.apply(row.getName()).whenComplete((yes, err) -> {
                    if (Boolean.TRUE.equals(yes) && running) {
                        Thread.ofPlatform().daemon().name("serial " + row.getName()).start(() -> open(true));
                    } else {
                        Platform.runLater(() -> {
                            phase.set(Phase.DECLINED);
                            message.set("Another client holds the serial console of " + row.getName() + "; it was left to it.");
                        });
                    }
                }));
                return;
            }
            Platform.runLater(() -> {
                phase.set(Phase.FAILED);
                message.set("Cannot open the serial console: " + e.getMessage());
            });
        }
    }

    /**
     * The console ended by itself (guest stopped or restarted, another client took it). While
     * the page keeps it open it comes back by itself once the guest runs again; a console
     * another client took is left to it.
     */
    void ended(String why) {
        Platform.runLater(() -> {
            if (running) {
                console.set(null);
                phase.set(Phase.FAILED);
                message.set(why + " It reopens by itself when the guest runs.");
                long generation = ++endings;
                Thread.ofPlatform().daemon().name("serial reopen " + row.getName()).start(() -> reopen(generation));
            }
        });
    }

    private long endings;

    /** Tries every second for two minutes, as long as nothing newer happened to this console. */
    private void reopen(long generation) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (running && System.nanoTime() < deadline) {
            try {
                Thread.sleep(REOPEN_MS);
            } catch (InterruptedException e) {
                return;
            }
            boolean[] current = new boolean[2];
            try {
                CompletableFuture.runAsync(() -> {
                    current[0] = generation == endings && console.get() == null && running;
                    current[1] = row.getState().isActive();
                }, Platform::runLater).get();
            } catch (Exception e) {
                return;
            }
            if (!current[0]) {
                return;
            }
            if (!current[1]) {
                continue;
            }
            try {
                SerialConsole c = service.openSerial(row.uuid(), false);
                Platform.runLater(() -> {
                    if (!running || generation != endings) {
                        c.close();
                        return;
                    }
                    console.set(c);
                    phase.set(Phase.CONNECTED);
                    message.set("");
                });
                return;
            } catch (ConsoleException e) {
                if (e.heldByAnother()) {
                    Platform.runLater(() -> {
                        phase.set(Phase.DECLINED);
                        message.set("Another client holds the serial console of " + row.getName() + "; it was left to it.");
                    });
                    return;
                }
                // the guest is still starting (no pty yet): try again
            }
        }
    }

    private static final long REOPEN_MS = 1000;

    public void stop() {
        running = false;
        SerialConsole c = console.get();
        console.set(null);
        if (c != null) {
            c.close();
        }
        phase.set(Phase.CLOSED);
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObjectProperty<SerialConsole> consoleProperty() {
        return console;
    }
}
