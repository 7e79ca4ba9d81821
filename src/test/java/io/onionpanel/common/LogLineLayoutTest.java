package io.onionpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The written-out log line is the one Logback's pattern wrote before, exceptions included. */
class LogLineLayoutTest {
    @Test
    void writesWhatTheLogbackPatternWrote() {
        LoggerContext context = new LoggerContext();
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        pattern.start();
        LogLineLayout layout = new LogLineLayout();
        layout.setContext(context);
        layout.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("io.onionpanel.engine.ServiceHealth");
        long[] times = {0L, 1_733_190_000_007L, 1_733_233_199_999L, System.currentTimeMillis()};
        for (long time : times) {
            for (Level level : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE}) {
                LoggingEvent event = new LoggingEvent("x", logger, level, "tor {} after {} s", null,
                        new Object[] {"restarted", 5});
                event.setTimeStamp(time);
                assertEquals(pattern.doLayout(event), layout.doLayout(event));
            }
            LoggingEvent failed = new LoggingEvent("x", context.getLogger("Root"), Level.WARN, "probe failed",
                    new IOException("refused", new IllegalStateException("inner")), null);
            failed.setTimeStamp(time);
            assertEquals(pattern.doLayout(failed), layout.doLayout(failed));
        }
    }
}
