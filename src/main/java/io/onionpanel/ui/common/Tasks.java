package io.onionpanel.ui.common;

import io.onionpanel.common.DaemonThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs blocking work (tor start, file I/O, control commands) off the FX thread and hands the result or the
 * failure back on it. Nothing is swallowed: a failure without a handler goes to the default one.
 */
public final class Tasks {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(
            DaemonThreads.factory("onion-panel-ui-task"));

    private Tasks() {
    }

    public static <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        WORKERS.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable t) {
                Platform.runLater(() -> onFailure.accept(t));
            }
        });
    }

    public static void run(ThrowingRunnable work, Runnable onSuccess, Consumer<Throwable> onFailure) {
        run(() -> {
            work.run();
            return null;
        }, ignored -> onSuccess.run(), onFailure);
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Runs on the FX thread now if already there, else later. */
    public static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
