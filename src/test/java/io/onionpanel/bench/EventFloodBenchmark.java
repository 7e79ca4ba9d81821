package io.onionpanel.bench;

import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.ui.OnionPanelApp;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.monitor.BenchAccess;
import io.onionpanel.ui.monitor.FakeData;
import io.onionpanel.ui.monitor.FakeMonitor;
import io.onionpanel.ui.monitor.MonitorPage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Issue 5: 10,000 monitor events a second (half circuitsChanged with 30–60 circuits, half logAdded) for 60 s,
 * through MonitorListener into the real Health page in a shown 1024×700 window, which switches between its
 * Overview, Circuits and Log sections every 2 s so every view renders under load. Prints the longest gap
 * between FX pulses (target ≤ 50 ms) and the heap before and after.
 *
 * <p>Run: {@code bench/run.sh event-flood [seconds] [events-per-second]} (defaults 60, 10000).
 */
public final class EventFloodBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        FakeMonitor monitor = new FakeMonitor();
        Instant start = Instant.now();
        // An hour of 1 Hz chart data (the page's default range), about what the monitor's finest tier holds.
        FakeData.fill(monitor, start.toEpochMilli(), "api", 3_600);
        monitor.health = List.of(FakeData.health("api", start, false));
        List<List<CircuitRow>> circuitLists = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            circuitLists.add(FakeData.circuits(start, 30 + i % 31, i));
        }

        Platform.startup(() -> { });
        AtomicReference<MonitorPage> page = new AtomicReference<>();
        FxPulses pulses = new FxPulses();
        ChartRedrawBenchmark.onFx(() -> {
            MonitorPage p = BenchAccess.page(monitor, new Notifier());
            page.set(p);
            Stage stage = new Stage();
            Scene scene = new Scene(p, 1024, 700);
            scene.getStylesheets().add(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            pulses.start();
        });
        Thread.sleep(2_000);
        // Each section is shown once before measuring: building a section's skin is a one-off, not the flood's cost.
        for (int i : new int[]{1, 2, 0}) {
            Platform.runLater(() -> BenchAccess.sections(page.get()).getSelectionModel().select(i));
            Thread.sleep(1_000);
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();

        AtomicLong sent = new AtomicLong();
        Thread feeder = new Thread(() -> {
            long sequence = 1;
            long slotNanos = 10_000_000L;  // every 10 ms, a hundredth of a second's events
            int perSlot = perSecond / 100;
            long begin = System.nanoTime();
            long slots = seconds * 100L;
            for (long slot = 0; slot < slots; slot++) {
                LockSupport.parkNanos(begin + slot * slotNanos - System.nanoTime());
                Instant now = Instant.now();
                for (int i = 0; i < perSlot; i++) {
                    if (i % 2 == 0) {
                        monitor.fireCircuits(circuitLists.get((int) (sequence % circuitLists.size())));
                    } else {
                        monitor.fireLog(FakeData.log(sequence, now));
                    }
                    sequence++;
                }
                sent.addAndGet(perSlot);
            }
        }, "event-flood");
        String[] sections = {"Overview", "Circuits", "Log"};
        long[] gcBefore = gcCountAndMillis();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] fxThread = new long[1];
        ChartRedrawBenchmark.onFx(() -> fxThread[0] = Thread.currentThread().getId());
        long rendererThread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
        long fxCpuBefore = threads.getThreadCpuTime(fxThread[0]);
        long renderCpuBefore = threads.getThreadCpuTime(rendererThread);
        pulses.reset();
        long t0 = System.nanoTime();
        feeder.start();
        long peakHeap = 0;
        for (int s = 0; feeder.isAlive(); s++) {
            if (s % 2 == 0) {
                int index = (s / 2) % sections.length;
                Platform.runLater(() -> BenchAccess.sections(page.get()).getSelectionModel().select(index));
            }
            feeder.join(1_000);
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] gcAfter = gcCountAndMillis();
        double fxBusy = (threads.getThreadCpuTime(fxThread[0]) - fxCpuBefore) / 1e9 / elapsed * 100;
        double renderBusy = (threads.getThreadCpuTime(rendererThread) - renderCpuBefore) / 1e9 / elapsed * 100;
        Thread.sleep(1_000);
        List<Double> gaps = pulses.sorted();
        List<Double> work = pulses.sortedCpu();
        int[] rows = new int[2];
        ChartRedrawBenchmark.onFx(() -> {
            pulses.stop();
            rows[0] = BenchAccess.logRows(page.get());
            rows[1] = BenchAccess.circuitRows(page.get());
        });
        System.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();

        System.out.printf("Event flood: %,d events in %.1f s (%,.0f/s; half circuitsChanged with 30–60 circuits, half logAdded)%n",
                sent.get(), elapsed, sent.get() / elapsed);
        System.out.printf("  FX pulses: %d, gap median %.1f ms, p99 %.1f ms, longest %.1f ms   (target ≤ 50 ms)%n",
                gaps.size(), FxPulses.percentile(gaps, 50), FxPulses.percentile(gaps, 99), gaps.get(gaps.size() - 1));
        System.out.printf("  longest after the first 5 s (log and heap filled up, code compiled): %.1f ms   (target ≤ 50 ms)%n",
                pulses.longestAfter(5));
        System.out.printf("  longest gaps: %s%n", pulses.longest(5));
        System.out.printf("  FX-thread work per pulse (its own CPU time, so not stretched by other load): median %.2f ms, p99 %.1f ms, longest %.1f ms   (target ≤ 50 ms)%n",
                FxPulses.percentile(work, 50), FxPulses.percentile(work, 99), work.get(work.size() - 1));
        System.out.printf("    after the first 5 s: longest %.1f ms   (target ≤ 50 ms)%n", pulses.busiestAfter(5));
        System.out.printf("  busiest pulses: %s (the page switches section every 2 s)%n", pulses.busiest(6));
        System.out.printf("  CPU time: FX thread %.0f %%, renderer %.0f %% of the run (independent of other load on the machine)%n",
                fxBusy, renderBusy);
        System.out.printf("  garbage collections meanwhile: %d young (%d ms in all), %d full (%d ms in all; longest pauses are full GCs)%n",
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], gcAfter[2] - gcBefore[2], gcAfter[3] - gcBefore[3]);
        System.out.printf("  heap used after GC: before %.1f MB, after %.1f MB (peak without GC %.1f MB; -Xmx %.0f MB)%n",
                heapBefore / 1e6, heapAfter / 1e6, peakHeap / 1e6, memory.getHeapMemoryUsage().getMax() / 1e6);
        System.out.printf("  log rows kept %,d (bound %,d), circuits shown %d%n", rows[0], 5_000, rows[1]);
        Platform.exit();
    }

    /** Young count, young ms, old (full) count, old ms, from the JVM's collectors. */
    private static long[] gcCountAndMillis() {
        long[] r = new long[4];
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            boolean old = name.contains("MarkSweep") || name.contains("Old") || name.contains("Full");
            r[old ? 2 : 0] += gc.getCollectionCount();
            r[old ? 3 : 1] += gc.getCollectionTime();
        }
        return r;
    }
}
