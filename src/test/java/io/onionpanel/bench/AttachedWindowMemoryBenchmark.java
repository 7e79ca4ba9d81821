package io.onionpanel.bench;

import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 17's window memory: resident memory (VmRSS) of the window's process (the README's command: JVM options
 * {@code @installer/desktop-jvm.options}, {@code GDK_GL=disable}, under Xvfb) attached to a running daemon that
 * publishes one service on the private network, after N seconds; the daemon's and its tor's beside it.
 *
 * <p>With a reference jar (e.g. a copy of an earlier build, with the {@code onion-panel.jsa} dumped for it beside it),
 * a second window from that jar, attached to a second daemon on the same network, is sampled beside the first: a
 * before/after in one run.
 *
 * <p>Run: {@code bench/run.sh attached-window-memory [seconds] [reference jar]} (default 600).
 */
public final class AttachedWindowMemoryBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Path referenceJar = args.length > 1 ? Path.of(args[1]).toAbsolutePath() : null;
        Path jar = Path.of("target/onion-panel.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("bench-attached-window");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(6));
             StandInRoutstr api = StandInRoutstr.start();
             BenchDaemon daemon = BenchDaemon.start(work.resolve("data"), network, api.hostPort());
             BenchDaemon referenceDaemon = referenceJar == null ? null
                     : BenchDaemon.start(work.resolve("reference-data"), network, api.hostPort())) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            daemon.awaitPublished("api", Duration.ofMinutes(3));
            if (referenceDaemon != null) {
                referenceDaemon.awaitPublished("api", Duration.ofMinutes(3));
            }
            long torPid = daemon.torPid();
            Process window = startWindow(jar, List.of(), daemon.data, work.resolve("window.log"));
            Process reference = referenceJar == null ? null : startWindow(referenceJar,
                    List.of("-XX:SharedArchiveFile=" + referenceJar.resolveSibling("onion-panel.jsa")),
                    referenceDaemon.data, work.resolve("reference-window.log"));
            try {
                System.out.println("Daemon published; window started; sampling for " + seconds + " s");
                double win = 0;
                double ref = 0;
                double engine = 0;
                double tor = 0;
                double maxWin = 0;
                for (int t = 0; t <= seconds; t += 30) {
                    for (Process p : reference == null ? List.of(window) : List.of(window, reference)) {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("a window ended: see " + work);
                        }
                    }
                    win = Rss.mb(window.pid());
                    ref = reference == null ? 0 : Rss.mb(reference.pid());
                    engine = Rss.mb(daemon.pid());
                    tor = Rss.mb(torPid);
                    maxWin = Math.max(maxWin, win);
                    System.out.printf("  t=%4d s  window %6.1f MB  daemon %5.1f MB  tor %5.1f MB%s%n", t, win, engine, tor,
                            reference == null ? "" : String.format("  reference window %6.1f MB", ref));
                    if (t < seconds) {
                        Thread.sleep(Math.min(30, seconds - t) * 1000L);
                    }
                }
                System.out.printf("Resident memory after %d s, window attached to a daemon with one published service:%n", seconds);
                System.out.printf("  window (attached)  : %.1f MB (max %.1f MB)   (target ≤ 120 MB)%n", win, maxWin);
                if (reference != null) {
                    System.out.printf("  reference window   : %.1f MB (%s)%n", ref, referenceJar);
                }
                System.out.printf("  daemon (JVM)       : %.1f MB   (target ≤ 64 MB)%n", engine);
                System.out.printf("  daemon's tor       : %.1f MB%n", tor);
                System.out.printf("  window + daemon    : %.1f MB%n", win + engine);
            } finally {
                // SIGTERM to a window that did not start the engine leaves the engine running (closed below).
                for (Process p : reference == null ? List.of(window) : List.of(window, reference)) {
                    p.toHandle().destroy();
                    p.waitFor();
                }
            }
        }
    }

    /** The README's command, with {@code moreJvm} after the options file (a later option wins). */
    private static Process startWindow(Path jar, List<String> moreJvm, Path data, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "@installer/desktop-jvm.options"));
        command.addAll(moreJvm);
        command.addAll(List.of("-jar", jar.toString(), "--data-dir", data.toString()));
        ProcessBuilder launch = new ProcessBuilder(command);
        launch.environment().put("GDK_GL", "disable"); // as the README and the installed launcher start it
        return launch.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
