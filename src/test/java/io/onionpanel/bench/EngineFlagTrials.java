package io.onionpanel.bench;

import io.onionpanel.autostart.EngineCommand;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trials for {@link EngineCommand#ENGINE_JVM}: several daemons side by side on one private network, each with one
 * published service (its own), each with ENGINE_JVM plus other options; resident memory of each JVM after N seconds.
 * Each variant is {@code label:TOKENS}, tokens separated by spaces; NAME=value tokens (no leading dash) are
 * environment variables, {@code jar=PATH} another jar for the class path (with its own engine archive beside it,
 * dumped with that class path: e.g. a copy of an earlier build, for a before/after in one run), the rest JVM options
 * after ENGINE_JVM. {@code base:} is ENGINE_JVM and the build's engine jar and archive as they are.
 *
 * <p>Run: {@code bench/run.sh engine-flags SECONDS 'base:' 'arena:MALLOC_ARENA_MAX=2' 'old:jar=/tmp/old/onion-panel.jar' …}.
 */
public final class EngineFlagTrials {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        Path work = Files.createTempDirectory("bench-engine-flags");
        List<String> labels = new ArrayList<>();
        List<BenchDaemon> daemons = new ArrayList<>();
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(6));
             StandInRoutstr api = StandInRoutstr.start()) {
            for (int i = 1; i < args.length; i++) {
                String label = args[i].substring(0, args[i].indexOf(':'));
                List<String> env = new ArrayList<>();
                List<String> jvm = new ArrayList<>();
                Path jar = null;
                for (String token : args[i].substring(args[i].indexOf(':') + 1).trim().split("\\s+")) {
                    if (token.isEmpty()) {
                        continue;
                    }
                    if (token.startsWith("jar=")) {
                        jar = Path.of(token.substring("jar=".length()));
                    } else {
                        (token.startsWith("-") ? jvm : env).add(token);
                    }
                }
                labels.add(label + " " + String.join(" ", env) + " " + String.join(" ", jvm)
                        + (jar == null ? "" : " -cp " + jar));
                daemons.add(BenchDaemon.start(work.resolve("data-" + i), network, api.hostPort(),
                        BenchDaemon.engineLauncher(env, jvm, jar)));
            }
            for (BenchDaemon d : daemons) {
                d.awaitPublished("api", Duration.ofMinutes(4));
            }
            System.out.println("All published; sampling for " + seconds + " s");
            Thread.sleep(seconds * 1000L);
            for (int i = 0; i < daemons.size(); i++) {
                System.out.printf("  %6.1f MB  %s%n", Rss.mb(daemons.get(i).pid()), labels.get(i));
            }
        } finally {
            for (BenchDaemon d : daemons) {
                d.close();
            }
        }
    }
}
