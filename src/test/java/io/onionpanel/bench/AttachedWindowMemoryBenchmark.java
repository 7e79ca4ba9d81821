package io.onionpanel.bench;

import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Issue 17's window memory: resident memory (VmRSS) of the window's process (the README's command: JVM options
 * {@code @installer/desktop-jvm.options}, {@code GDK_GL=disable}, under Xvfb) attached to a running daemon that
 * publishes one service on the private network, after N seconds; the daemon's and its tor's beside it.
 *
 * <p>Run: {@code bench/run.sh attached-window-memory [seconds]} (default 600).
 */
public final class AttachedWindowMemoryBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target/onion-panel.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("bench-attached-window");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(6));
             StandInRoutstr api = StandInRoutstr.start();
             BenchDaemon daemon = BenchDaemon.start(work.resolve("data"), network, api.hostPort())) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            daemon.awaitPublished("api", Duration.ofMinutes(3));
            long torPid = daemon.torPid();
            ProcessBuilder launch = new ProcessBuilder(java, "@installer/desktop-jvm.options", "-jar", jar.toString(),
                    "--data-dir", daemon.data.toString());
            launch.environment().put("GDK_GL", "disable"); // as the README and the installed launcher start it
            Process window = launch.redirectErrorStream(true).redirectOutput(work.resolve("window.log").toFile()).start();
            try {
                System.out.println("Daemon published; window started; sampling for " + seconds + " s");
                double win = 0;
                double engine = 0;
                double tor = 0;
                double maxWin = 0;
                for (int t = 0; t <= seconds; t += 30) {
                    if (!window.isAlive()) {
                        throw new IllegalStateException("the window ended: " + Files.readString(work.resolve("window.log")));
                    }
                    win = Rss.mb(window.pid());
                    engine = Rss.mb(daemon.pid());
                    tor = Rss.mb(torPid);
                    maxWin = Math.max(maxWin, win);
                    System.out.printf("  t=%4d s  window %6.1f MB  daemon %5.1f MB  tor %5.1f MB%n", t, win, engine, tor);
                    if (t < seconds) {
                        Thread.sleep(Math.min(30, seconds - t) * 1000L);
                    }
                }
                System.out.printf("Resident memory after %d s, window attached to a daemon with one published service:%n", seconds);
                System.out.printf("  window (attached)  : %.1f MB (max %.1f MB)   (target ≤ 120 MB)%n", win, maxWin);
                System.out.printf("  daemon (JVM)       : %.1f MB   (target ≤ 64 MB)%n", engine);
                System.out.printf("  daemon's tor       : %.1f MB%n", tor);
                System.out.printf("  window + daemon    : %.1f MB%n", win + engine);
            } finally {
                // SIGTERM to a window that did not start the engine leaves the engine running (closed below).
                window.toHandle().destroy();
                window.waitFor();
            }
        }
    }
}
