package io.onionpanel.ui.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Every item matters (log lines) but memory is bounded: at most {@code capacity} items wait for the FX thread;
 * beyond that the oldest are dropped and counted, so a stalled window cannot grow the heap.
 */
final class BoundedBatch<T> extends FxCoalescer {
    /** What one drain hands over: the items in arrival order and how many were dropped before them. */
    record Batch<T>(List<T> items, long dropped) {
    }

    interface Sink<T> {
        void accept(Batch<T> batch);
    }

    private final int capacity;
    private final Sink<T> apply;
    private ArrayDeque<T> waiting = new ArrayDeque<>();
    private long dropped;

    BoundedBatch(int capacity, long intervalMillis, Executor fx, Sink<T> apply) {
        super(intervalMillis, fx);
        this.capacity = capacity;
        this.apply = apply;
    }

    void add(T item) {
        synchronized (this) {
            if (waiting.size() == capacity) {
                waiting.pollFirst();
                dropped++;
            }
            waiting.addLast(item);
        }
        wake();
    }

    @Override
    protected void drain() {
        List<T> items;
        long lost;
        synchronized (this) {
            if (waiting.isEmpty() && dropped == 0) {
                return;
            }
            items = new ArrayList<>(waiting);
            waiting = new ArrayDeque<>();
            lost = dropped;
            dropped = 0;
        }
        apply.accept(new Batch<>(items, lost));
    }
}
