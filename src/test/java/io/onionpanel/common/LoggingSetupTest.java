package io.onionpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {
    @Test
    void logbackFindsTheConfigurationInCode() {
        // The application's own context: Logback looked the configurator up through the service file.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertEquals("System.err", assertInstanceOf(ConsoleAppender.class, appender).getTarget());
        assertTrue(appender.isStarted());
    }

    @Test
    void warnsByDefaultAndTakesTheLevelFromTheSystemProperty() {
        LoggerContext context = new LoggerContext();
        LoggingSetup setup = new LoggingSetup();
        setup.setContext(context);
        String before = System.getProperty(LoggingSetup.LEVEL_PROPERTY);
        try {
            System.clearProperty(LoggingSetup.LEVEL_PROPERTY);
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, setup.configure(context));
            assertEquals(Level.WARN, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());

            System.setProperty(LoggingSetup.LEVEL_PROPERTY, "ERROR");
            LoggerContext second = new LoggerContext();
            LoggingSetup secondSetup = new LoggingSetup();
            secondSetup.setContext(second);
            secondSetup.configure(second);
            assertEquals(Level.ERROR, second.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        } finally {
            if (before == null) {
                System.clearProperty(LoggingSetup.LEVEL_PROPERTY);
            } else {
                System.setProperty(LoggingSetup.LEVEL_PROPERTY, before);
            }
        }
    }

    @Test
    void anUnknownLevelNameFallsBackToWarn() {
        assertEquals(Level.WARN, LoggingSetup.level("chatty"));
        assertEquals(Level.WARN, LoggingSetup.level(null));
        assertEquals(Level.DEBUG, LoggingSetup.level("debug"));
    }
}
