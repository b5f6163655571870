package org.vireo.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The shipped logback.xml caps the log: vireo.log plus three older files, each about the size limit. */
class LogRotationTest {
    @Test
    void theLogRollsOverAndKeepsThreeOldFiles(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("vireo.log");
        LoggerContext ctx = new LoggerContext(); // the app's configuration, apart from the test JVM's own
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ctx.putProperty("vireo.log.file", log.toString());
        ctx.putProperty("vireo.log.maxFileSize", "20KB");
        ctx.putProperty("vireo.log.checkIncrement", "0 milliseconds"); // the app checks the size once a second
        JoranConfigurator config = new JoranConfigurator();
        config.setContext(ctx);
        config.doConfigure(LogRotationTest.class.getResource("/logback.xml"));
        Logger logger = ctx.getLogger("org.vireo.test");
        String line = "x".repeat(200);
        for (int i = 0; i < 2000; i++) { // ~440 KB: many times the limit
            logger.info("{} {}", i, line);
        }
        ctx.stop();
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("vireo.log", "vireo.log.1", "vireo.log.2", "vireo.log.3"), files);
        for (String f : files) {
            // the size check runs now and then, not at every line: a little over the limit is fine
            assertTrue(Files.size(dir.resolve(f)) < 64 * 1024, f + ": " + Files.size(dir.resolve(f)));
        }
        assertTrue(Files.readString(log).contains(" 1999 "), "the newest lines are in vireo.log");
    }
}
