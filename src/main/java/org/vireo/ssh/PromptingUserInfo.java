package org.vireo.ssh;

import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;
import java.util.Arrays;
import java.util.Optional;

/**
 * JSch's questions, answered through the app's {@link SshPrompter}. A password that worked
 * may be kept (in memory only) so that an automatic reconnect does not ask again.
 */
final class PromptingUserInfo implements UserInfo, UIKeyboardInteractive {
    private final SshPrompter prompter;
    private final String destination;
    private char[] password;
    private char[] passphrase;
    private String keyFile = "";
    private int passwordPrompts;
    private int passphrasePrompts;
    private boolean cancelled;
    private boolean passwordTried;

    PromptingUserInfo(SshPrompter prompter, String destination, char[] rememberedPassword) {
        this.prompter = prompter;
        this.destination = destination;
        this.password = rememberedPassword == null ? null : rememberedPassword.clone();
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean passwordTried() {
        return passwordTried;
    }

    /** The password the session authenticated with, if any (a copy). */
    char[] password() {
        return password == null ? null : password.clone();
    }

    void wipe() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    @Override
    public String getPassphrase() {
        return passphrase == null ? null : new String(passphrase);
    }

    @Override
    public String getPassword() {
        return password == null ? null : new String(password);
    }

    @Override
    public boolean promptPassword(String message) {
        passwordTried = true;
        // a remembered password is used once without asking; if refused, the user is asked
        if (password != null && passwordPrompts == 0) {
            passwordPrompts++;
            return true;
        }
        boolean retry = passwordPrompts > 0;
        passwordPrompts++;
        Optional<char[]> answer = prompter.password(destination, retry);
        if (answer.isEmpty()) {
            cancelled = true;
            return false;
        }
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        password = answer.get();
        return true;
    }

    @Override
    public boolean promptPassphrase(String message) {
        boolean retry = passphrasePrompts > 0;
        passphrasePrompts++;
        String file = message == null ? keyFile : message.replaceFirst("^Passphrase for ", "");
        Optional<char[]> answer = prompter.passphrase(destination, file, retry);
        if (answer.isEmpty()) {
            cancelled = true;
            return false;
        }
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
        passphrase = answer.get();
        return true;
    }

    @Override
    public boolean promptYesNo(String message) {
        // host keys are decided by HostKeyCheck; anything else JSch asks is declined
        return false;
    }

    @Override
    public void showMessage(String message) {
    }

    @Override
    public String[] promptKeyboardInteractive(String dest, String name, String instruction, String[] prompt, boolean[] echo) {
        passwordTried = true;
        // the usual single "Password:" prompt takes the remembered password once
        if (password != null && passwordPrompts == 0 && prompt.length == 1 && !echo[0]
            && prompt[0].toLowerCase().contains("password")) {
            passwordPrompts++;
            return new String[] {new String(password)};
        }
        passwordPrompts++;
        Optional<String[]> answer = prompter.keyboardInteractive(destination, name, instruction, prompt, echo);
        if (answer.isEmpty()) {
            cancelled = true;
            return null;
        }
        return answer.get();
    }
}
