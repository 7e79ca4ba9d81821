package io.onionpanel.bench;

import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Issue 17's attach start: milliseconds from the window's JVM start until it is attached to a running daemon (one
 * published service on the private network) and its dashboard shows the service's card with the engine's state,
 * drawn ({@code -Donionpanel.attachProbe=true}, ui.StartupProbe); next to today's cold start to the first window
 * frame (ColdStartBenchmark's measure: fresh data folder, first-run screen), runs alternating in the same run. Both
 * with the README's command (installer/desktop-jvm.options, GDK_GL=disable). Needs a display (bench/run.sh starts Xvfb).
 *
 * <p>Run: {@code bench/run.sh attach-start [runs]} (default 10).
 */
public final class AttachStartBenchmark {
    private static final Pattern ATTACHED = Pattern.compile("attached-window-ms=(\\d+)");
    private static final Pattern FIRST_WINDOW = Pattern.compile("first-window-ms=(\\d+)");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of("target/onion-panel.jar").toAbsolutePath().toString();
        Path work = Files.createTempDirectory("bench-attach-start");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(6));
             StandInRoutstr api = StandInRoutstr.start();
             BenchDaemon daemon = BenchDaemon.start(work.resolve("data"), network, api.hostPort())) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            daemon.awaitPublished("api", Duration.ofMinutes(3));
            BenchStats attached = new BenchStats();
            BenchStats cold = new BenchStats();
            for (int i = 0; i < runs; i++) {
                Path fresh = Files.createTempDirectory(work, "cold");
                double c = ColdStartBenchmark.measure(List.of(java, "@installer/desktop-jvm.options", "-Donionpanel.startupProbe=true",
                        "-jar", jar, "--data-dir", fresh.toString()), Map.of(), FIRST_WINDOW)[0];
                double a = ColdStartBenchmark.measure(List.of(java, "@installer/desktop-jvm.options", "-Donionpanel.attachProbe=true",
                        "-jar", jar, "--data-dir", daemon.data.toString()), Map.of(), ATTACHED)[0];
                if (!daemon.process.isAlive()) {
                    throw new IllegalStateException("the daemon ended with the window");
                }
                System.out.printf("run %d: cold start to first window %.0f ms, start to attached dashboard %.0f ms%n", i + 1, c, a);
                cold.add(c);
                attached.add(a);
            }
            System.out.println("From JVM start (ms):");
            System.out.println("  window attached, dashboard with the daemon's service drawn: " + attached.describe("ms"));
            System.out.println("  reference, cold start to first window (first-run screen)  : " + cold.describe("ms"));
            System.out.printf("  attach on top of cold start (medians): %+.0f ms   (target ≤ +500 ms)%n", attached.median() - cold.median());
        }
    }
}
