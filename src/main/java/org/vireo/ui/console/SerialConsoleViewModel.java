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

    /** The console ended by itself (guest stopped, another client took it). */
    void ended(String why) {
        Platform.runLater(() -> {
            if (running) {
                console.set(null);
                phase.set(Phase.FAILED);
                message.set(why);
            }
        });
    }

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
