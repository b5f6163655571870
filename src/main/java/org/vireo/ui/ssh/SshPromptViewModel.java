package org.vireo.ui.ssh;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.ssh.HostKeyFacts;
import org.vireo.ssh.SshPrompter;

/**
 * Carries the SSH client's questions from a host worker to the FX thread and the answer
 * back; the worker waits, the FX thread never does. Without views attached (no window),
 * every question is answered "cancel".
 */
public final class SshPromptViewModel implements SshPrompter {
    private static final Logger LOG = LoggerFactory.getLogger(SshPromptViewModel.class);
    private volatile SshQuestions questions;

    /** The views that ask (set on the FX thread when the window is built). */
    public void setQuestions(SshQuestions questions) {
        this.questions = questions;
    }

    @Override
    public HostKeyDecision unknownHostKey(HostKeyFacts f) {
        SshQuestions.HostKeyAnswer a = ask(() -> questions.unknownHostKey(question(f)), SshQuestions.HostKeyAnswer.CANCEL);
        return switch (a) {
            case ACCEPT_ONCE -> HostKeyDecision.ACCEPT_ONCE;
            case ACCEPT_AND_REMEMBER -> HostKeyDecision.ACCEPT_AND_REMEMBER;
            case CANCEL -> HostKeyDecision.CANCEL;
        };
    }

    @Override
    public void changedHostKey(HostKeyFacts f) {
        ask(() -> {
            questions.changedHostKey(question(f));
            return Boolean.TRUE;
        }, Boolean.FALSE);
    }

    @Override
    public Optional<char[]> passphrase(String destination, String keyFile, boolean retry) {
        return ask(() -> questions.secret(new SshQuestions.SecretQuestion("passphrase", destination, keyFile, retry)), Optional.empty());
    }

    @Override
    public Optional<char[]> password(String destination, boolean retry) {
        return ask(() -> questions.secret(new SshQuestions.SecretQuestion("password", destination, destination, retry)), Optional.empty());
    }

    @Override
    public Optional<String[]> keyboardInteractive(String destination, String name, String instruction, String[] prompts, boolean[] echo) {
        return ask(() -> questions.keyboardInteractive(destination, instruction, prompts, echo), Optional.empty());
    }

    private static SshQuestions.HostKeyQuestion question(HostKeyFacts f) {
        return new SshQuestions.HostKeyQuestion(f.host(), f.keyType(), f.fingerprint(), f.knownFingerprint(), f.knownHostsFile());
    }

    private <T> T ask(Supplier<T> dialog, T ifNobody) {
        if (questions == null) {
            return ifNobody;
        }
        if (Platform.isFxApplicationThread()) {
            return dialog.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(dialog.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ifNobody;
        } catch (ExecutionException e) {
            LOG.error("SSH prompt failed", e.getCause());
            return ifNobody;
        }
    }
}
