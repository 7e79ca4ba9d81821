package io.onionpanel.bench;

import io.onionpanel.drill.SettingsCrashDrill;
import io.onionpanel.drill.TorCrashDrill;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Issue 8's crash drills as a benchmark: SIGKILL the panel's tor N times while its service is published and
 * report the time to recover (kill → published again, kill → first HTTP 200 through the onion), next to the same
 * run's cold start (run → first 200) as the reference; then SIGKILL a process saving the settings 1,000 times.
 *
 * <p>Run: {@code bench/run.sh crash-drill [kills] [settings-kills]} (default 20 and 1000).
 */
public final class CrashDrillBenchmark {
    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int settingsKills = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path work = Files.createTempDirectory("bench-crash-drill");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(4));
             StandInRoutstr api = StandInRoutstr.start()) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            TorCrashDrill.Result r = TorCrashDrill.run(network, api, Files.createDirectories(work.resolve("data")), kills,
                    line -> System.out.println("  " + line));
            System.out.println();
            System.out.println("tor SIGKILLed " + kills + " times while " + r.address() + " was published:");
            System.out.println("  kill -> published again : " + TorCrashDrill.summary(r.toPublished()));
            System.out.println("  kill -> reachable again : " + TorCrashDrill.summary(r.toReachable()));
            System.out.printf(Locale.ROOT, "  reference, cold start -> reachable (same run): %.2f s%n", r.firstStart());
        }
        SettingsCrashDrill.Result s = SettingsCrashDrill.run(Files.createDirectories(work.resolve("settings")),
                settingsKills, 2, System.nanoTime());
        System.out.printf(Locale.ROOT, "Settings saver SIGKILLed %d times: always parsed; %d old, %d new version;"
                + " %.1f s (%.0f ms per kill, 2 in parallel)%n", s.kills(), s.oldVersion(), s.newVersion(), s.seconds(),
                s.seconds() * 1000 / s.kills() * 2);
    }
}
