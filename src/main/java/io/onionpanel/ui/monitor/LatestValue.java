package io.onionpanel.ui.monitor;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Only the newest value matters (the whole circuit list, a service's health): older ones are dropped unseen. */
final class LatestValue<T> extends FxCoalescer {
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final Consumer<T> apply;

    LatestValue(long intervalMillis, Executor fx, Consumer<T> apply) {
        super(intervalMillis, fx);
        this.apply = apply;
    }

    void offer(T value) {
        latest.set(value);
        wake();
    }

    @Override
    protected void drain() {
        T value = latest.getAndSet(null);
        if (value != null) {
            apply.accept(value);
        }
    }
}
