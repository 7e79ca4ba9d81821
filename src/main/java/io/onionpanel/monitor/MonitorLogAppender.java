package io.onionpanel.monitor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Feeds the panel's own warnings and errors (what Logback lets through at the root) into the monitor's log
 * view. Installed on the root logger while a monitor runs; does nothing when SLF4J is bound to another backend.
 */
final class MonitorLogAppender extends AppenderBase<ILoggingEvent> {
    private final Consumer<ILoggingEvent> sink;

    private MonitorLogAppender(Consumer<ILoggingEvent> sink) {
        this.sink = sink;
    }

    /** Installs one appender on the root logger; returns a handle that removes it, or a no-op. */
    static Runnable install(Consumer<ILoggingEvent> sink) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        MonitorLogAppender appender = new MonitorLogAppender(sink);
        appender.setContext(context);
        appender.setName("onion-panel-monitor-" + System.identityHashCode(appender));
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return () -> {
            root.detachAppender(appender);
            appender.stop();
        };
    }

    static String level(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return "ERR";
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return "WARN";
        }
        return level.isGreaterOrEqual(Level.INFO) ? "INFO" : "DEBUG";
    }

    @Override
    protected void append(ILoggingEvent event) {
        sink.accept(event);
    }
}
