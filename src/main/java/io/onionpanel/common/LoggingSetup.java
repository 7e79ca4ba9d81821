package io.onionpanel.common;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration, in code rather than {@code logback.xml}: reading the XML file started an XML parser
 * and Logback's model framework (~0.1 s of CPU in a cold JVM), on the path from {@code run} to tor's launch.
 * Diagnostics go to stderr so that {@code run --json} keeps stdout machine-readable. The level is WARN unless the
 * system property {@code onionpanel.log.level} names another. Found by Logback through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingSetup extends ContextAwareBase implements Configurator {
    static final String LEVEL_PROPERTY = "onionpanel.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogLineLayout layout = new LogLineLayout(); // "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n", written out
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getProperty(LEVEL_PROPERTY)));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** An unknown name falls back to WARN, as Logback's own {@code Level.toLevel} does with a default. */
    static Level level(String name) {
        return Level.toLevel(name, Level.WARN);
    }
}
