package org.vireo.console;

/** A console could not be opened; the message is libvirt's or SSH's reason. */
public final class ConsoleException extends Exception {
    private final boolean heldByAnother;

    ConsoleException(String message, Throwable cause, boolean heldByAnother) {
        super(message, cause);
        this.heldByAnother = heldByAnother;
    }

    /** Another client (virsh console, another viewer) holds the serial console. */
    public boolean heldByAnother() {
        return heldByAnother;
    }
}
