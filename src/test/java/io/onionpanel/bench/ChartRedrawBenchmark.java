package io.onionpanel.bench;

import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.ui.OnionPanelApp;
import io.onionpanel.ui.monitor.BenchAccess;
import io.onionpanel.ui.monitor.TimeChart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Issue 5: redraw of one chart holding 24 h at 1 Hz for 4 series (86,400 points each, handed over undownsampled —
 * the worst case; the monitor normally sends about one point per pixel). One redraw = folding all points into
 * pixel columns + painting. Measured on the FX thread, one redraw per pulse, in a shown 1000×420 window; the
 * pulse gaps during the run show whether the renderer keeps up too. Target: ≤ 16 ms per redraw.
 *
 * <p>Run: {@code bench/run.sh chart-redraw [redraws]} (default 600).
 */
public final class ChartRedrawBenchmark {
    public static void main(String[] args) throws Exception {
        int redraws = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        long now = System.currentTimeMillis();
        long from = now - 86_400_000L;
        Map<String, SeriesPoints> data = new HashMap<>();
        Random r = new Random(5);
        for (int s = 0; s < 4; s++) {
            long[] t = new long[86_400];
            double[] v = new double[86_400];
            double level = 300 + 200 * s;
            for (int i = 0; i < t.length; i++) {
                t[i] = from + 1000L * (i + 1);
                level = Math.max(0, level + r.nextGaussian() * 8);
                v[i] = i % 5_000 < 60 ? Double.NaN : level;
            }
            data.put("s" + s, new SeriesPoints(t, v));
        }

        Platform.startup(() -> { });
        AtomicReference<TimeChart> chart = new AtomicReference<>();
        FxPulses pulses = new FxPulses();
        onFx(() -> {
            TimeChart c = BenchAccess.fourSeriesChart();
            chart.set(c);
            Stage stage = new Stage();
            Scene scene = new Scene(new StackPane(c), 1000, 420);
            scene.getStylesheets().addAll(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm(), BenchAccess.css());
            stage.setScene(scene);
            stage.show();
            pulses.start();
        });
        Thread.sleep(500);

        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch warm = redrawEachPulse(chart.get(), data, from, now, 100, null);
        warm.await(2, TimeUnit.MINUTES);
        pulses.reset();
        CountDownLatch done = redrawEachPulse(chart.get(), data, from, now, redraws, millis);
        done.await(10, TimeUnit.MINUTES);
        List<Double> gaps = pulses.sorted();
        int[] columns = new int[1];
        onFx(() -> {
            pulses.stop();
            columns[0] = BenchAccess.drawnColumns(chart.get(), 0);
        });

        List<Double> fold = new ArrayList<>();
        ChartRedrawBenchmark.onFx(() -> {
            for (int i = 0; i < 200; i++) {
                long a = System.nanoTime();
                BenchAccess.foldOnly(chart.get(), data, from, now);
                fold.add((System.nanoTime() - a) / 1e6);
            }
        });
        Collections.sort(fold);
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("Chart redraw, 4 series × 86,400 points (24 h at 1 Hz), plot %d px wide, %d redraws (one per pulse):%n",
                chart.get().plotWidth(), sorted.size());
        System.out.printf("  redraw on the FX thread: median %.2f ms, p95 %.2f ms, max %.2f ms   (target ≤ 16 ms)%n",
                FxPulses.percentile(sorted, 50), FxPulses.percentile(sorted, 95), sorted.get(sorted.size() - 1));
        System.out.printf("    of which folding 345,600 points into columns: median %.2f ms, p95 %.2f ms%n",
                FxPulses.percentile(fold, 50), FxPulses.percentile(fold, 95));
        System.out.printf("  pulse gaps meanwhile:    median %.1f ms, p95 %.1f ms, max %.1f ms   (60 Hz = 16.7 ms)%n",
                FxPulses.percentile(gaps, 50), FxPulses.percentile(gaps, 95), gaps.get(gaps.size() - 1));
        System.out.printf("  columns with values in series 0: %d%n", columns[0]);
        Platform.exit();
    }

    /** Redraws once per pulse, {@code count} times, recording each redraw's duration when {@code out} is given. */
    private static CountDownLatch redrawEachPulse(TimeChart chart, Map<String, SeriesPoints> data, long from, long to,
                                                  int count, List<Double> out) {
        CountDownLatch done = new CountDownLatch(1);
        javafx.animation.AnimationTimer timer = new javafx.animation.AnimationTimer() {
            int n;

            @Override
            public void handle(long now) {
                long t0 = System.nanoTime();
                chart.setData(data, from, to);
                long t1 = System.nanoTime();
                if (out != null) {
                    out.add((t1 - t0) / 1e6);
                }
                if (++n == count) {
                    stop();
                    done.countDown();
                }
            }
        };
        Platform.runLater(timer::start);
        return done;
    }

    static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                latch.countDown();
            }
        });
        latch.await(1, TimeUnit.MINUTES);
    }
}
