package io.onionpanel.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A flood of events becomes a few hand-overs a second; the newest value always arrives; memory stays bounded. */
class CoalescingTest {
    private static final Executor DIRECT = Runnable::run;

    @Test
    void manyOffersBecomeAFewDrainsAndTheLastValueWins() throws Exception {
        List<Integer> applied = new CopyOnWriteArrayList<>();
        LatestValue<Integer> latest = new LatestValue<>(100, DIRECT, applied::add);
        long start = System.nanoTime();
        int i = 0;
        while (System.nanoTime() - start < 500_000_000L) {
            latest.offer(i++);
        }
        int last = i - 1;
        waitFor(() -> !applied.isEmpty() && applied.get(applied.size() - 1) == last);
        assertTrue(i > 10_000, "offered " + i);
        // 500 ms at one drain per 100 ms: about 6, whatever the number of offers.
        assertTrue(applied.size() <= 8, "drains: " + applied.size());
    }

    @Test
    void batchesKeepOrderAndDropTheOldestBeyondCapacity() throws Exception {
        List<BoundedBatch.Batch<Integer>> batches = new CopyOnWriteArrayList<>();
        AtomicInteger gate = new AtomicInteger();
        // The FX thread is "stalled" (nothing runs) until the gate opens: the waiting queue must stay bounded.
        List<Runnable> held = new CopyOnWriteArrayList<>();
        Executor stalled = r -> {
            if (gate.get() == 0) {
                held.add(r);
            } else {
                r.run();
            }
        };
        BoundedBatch<Integer> batch = new BoundedBatch<>(1_000, 10, stalled, batches::add);
        for (int i = 0; i < 50_000; i++) {
            batch.add(i);
        }
        Thread.sleep(50);
        gate.set(1);
        held.forEach(Runnable::run);
        waitFor(() -> !batches.isEmpty());
        List<Integer> all = new ArrayList<>();
        long dropped = 0;
        for (BoundedBatch.Batch<Integer> b : batches) {
            all.addAll(b.items());
            dropped += b.dropped();
        }
        assertEquals(1_000, all.size());
        assertEquals(49_000, dropped);
        assertEquals(49_000, all.get(0), "the newest thousand, in order");
        assertEquals(49_999, all.get(999));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}
