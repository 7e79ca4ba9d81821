package io.onionpanel.bench;

import io.onionpanel.autostart.EngineCommand;
import io.onionpanel.testnet.OnionServiceTor;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Issue 17's engine memory: resident memory (VmRSS) of {@code onion-panel daemon}'s JVM, started as the window starts
 * it ({@link BenchDaemon}: {@link EngineCommand#ENGINE_JVM}), and of its tor, with one published service on the
 * private network, after N seconds; next to a bare tor with the same one onion service in its torrc, in the same run.
 *
 * <p>Run: {@code bench/run.sh engine-memory [seconds]} (default 600, the 10 minutes).
 */
public final class EngineMemoryBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Path work = Files.createTempDirectory("bench-engine-memory");
        System.out.println("Engine JVM options: " + String.join(" ",
                EngineCommand.jvmOptions(BenchDaemon.engineClassPath())) + " -cp " + BenchDaemon.engineClassPath());
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(6));
             StandInRoutstr api = StandInRoutstr.start();
             OnionServiceTor bare = OnionServiceTor.start("bare", TorNetworkSupport.onPath("tor").orElseThrow(),
                     work.resolve("bare"), network.clientTorrcLines(), api.port());
             BenchDaemon daemon = BenchDaemon.start(work.resolve("data"), network, api.hostPort())) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            bare.enableNetwork();
            bare.awaitDescriptorUploaded(Duration.ofMinutes(3));
            daemon.awaitPublished("api", Duration.ofMinutes(3));
            long torPid = daemon.torPid();
            long barePid = bare.process().process().pid();
            System.out.println("Both published; sampling for " + seconds + " s");
            double engine = 0;
            double tor = 0;
            double bareTor = 0;
            double maxEngine = 0;
            for (int t = 0; t <= seconds; t += 30) {
                engine = Rss.mb(daemon.pid());
                tor = Rss.mb(torPid);
                bareTor = Rss.mb(barePid);
                maxEngine = Math.max(maxEngine, engine);
                System.out.printf("  t=%4d s  engine %6.1f MB  its tor %5.1f MB  bare tor %5.1f MB%n", t, engine, tor, bareTor);
                if (t < seconds) {
                    Thread.sleep(Math.min(30, seconds - t) * 1000L);
                }
            }
            System.out.printf("Resident memory after %d s with one published service:%n", seconds);
            System.out.printf("  onion-panel daemon (JVM, tor excluded): %.1f MB (max %.1f MB)   (target ≤ 64 MB)%n", engine, maxEngine);
            System.out.printf("  its tor process                       : %.1f MB%n", tor);
            System.out.printf("  reference, bare tor with the same one onion service: %.1f MB%n", bareTor);
            System.out.printf("  engine + its tor: %.1f MB = %.2f× the bare tor%n", engine + tor, (engine + tor) / bareTor);
        }
    }
}
