package io.onionpanel.ui.remote;

import io.onionpanel.ui.common.Tasks;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How a remote page reads its data from the engine: in the background, one read at a time, and a request made during
 * a read reads once more after it (engine events and the page's own changes may ask several times in a row; the
 * last answer must be the newest, and a slow connection must not pile reads up). On the FX thread.
 */
final class OneReadAtATime<T> {
    private final Callable<T> read;
    private final Consumer<T> shown;
    private final Consumer<Throwable> failed;
    private boolean reading;
    private boolean again;

    OneReadAtATime(Callable<T> read, Consumer<T> shown, Consumer<Throwable> failed) {
        this.read = read;
        this.shown = shown;
        this.failed = failed;
    }

    void request() {
        if (reading) {
            again = true;
            return;
        }
        reading = true;
        Tasks.run(read, value -> {
            shown.accept(value);
            done();
        }, failure -> {
            failed.accept(failure);
            done();
        });
    }

    private void done() {
        reading = false;
        if (again) {
            again = false;
            request();
        }
    }
}
