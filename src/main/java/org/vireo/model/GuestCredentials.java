package org.vireo.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A guest account's user name and new password for the guest agent's set-user-password. The
 * agent hands "user:password" to chpasswd inside the guest (one account per line): a ':' in
 * the user or a line break in either would name another account or set another password.
 */
public final class GuestCredentials {
    public static final int MAX_USER = 32;
    public static final int MAX_PASSWORD = 1024;
    // useradd's default NAME_REGEX, plus upper case and dots (Windows accounts)
    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*\\$?");

    private GuestCredentials() {
    }

    /** Why they cannot be sent; empty when they can. The password is never quoted back. */
    public static Optional<String> problem(String user, CharSequence password) {
        String u = user == null ? "" : user;
        if (u.isBlank()) {
            return Optional.of("User: enter the guest account's name.");
        }
        if (u.length() > MAX_USER) {
            return Optional.of("User: " + u.length() + " characters; a guest account's name has at most " + MAX_USER + ".");
        }
        if (!USER.matcher(u).matches()) {
            return Optional.of("User: letters, digits and _ . - only, starting with a letter or _ (no ':', spaces or line breaks).");
        }
        if (password == null || password.isEmpty()) {
            return Optional.of("Password: enter the new password.");
        }
        if (password.length() > MAX_PASSWORD) {
            return Optional.of("Password: at most " + MAX_PASSWORD + " characters.");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("Password: no line breaks or other control characters (the guest reads one line per account).");
        }
        return Optional.empty();
    }
}
