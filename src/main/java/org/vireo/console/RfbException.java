package org.vireo.console;

/** The VNC server said no, or said something this client cannot follow. */
public class RfbException extends Exception {
    public RfbException(String message) {
        super(message);
    }

    /** The password was refused. */
    public static final class AuthFailed extends RfbException {
        public AuthFailed(String message) {
            super(message);
        }
    }

    /** The user cancelled the password question. */
    public static final class Cancelled extends RfbException {
        public Cancelled() {
            super("cancelled");
        }
    }
}
