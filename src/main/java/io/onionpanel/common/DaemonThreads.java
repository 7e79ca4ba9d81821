package io.onionpanel.common;

import java.util.concurrent.ThreadFactory;

/**
 * The panel's background threads, made in one place: all are daemons, so none keeps the JVM alive once the
 * window or the CLI command is done (shutdown stops tor explicitly; a worker left behind must not block exit).
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** For executors: every thread it makes is a daemon called {@code name}. */
    public static ThreadFactory factory(String name) {
        return work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code work} on a new daemon thread called {@code name}; returns it started (to interrupt it later). */
    public static Thread start(String name, Runnable work) {
        Thread t = factory(name).newThread(work);
        t.start();
        return t;
    }
}
