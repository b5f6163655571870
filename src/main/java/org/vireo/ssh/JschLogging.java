package org.vireo.ssh;

import com.jcraft.jsch.JSch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSch's log lines to slf4j (logger com.jcraft.jsch): its INFO is our DEBUG. Never carries secrets. */
final class JschLogging implements com.jcraft.jsch.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("com.jcraft.jsch");
    private static volatile boolean installed;

    static synchronized void install() {
        if (!installed) {
            JSch.setLogger(new JschLogging());
            installed = true;
        }
    }

    @Override
    public boolean isEnabled(int level) {
        return switch (level) {
            case DEBUG, INFO -> LOG.isDebugEnabled();
            case WARN -> LOG.isInfoEnabled();
            default -> true;
        };
    }

    @Override
    public void log(int level, String message) {
        switch (level) {
            case DEBUG, INFO -> LOG.debug(message);
            case WARN -> LOG.info(message);
            default -> LOG.warn(message);
        }
    }
}
