package io.onionpanel.bench;

import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 3's memory benchmark for comparing JVM options: several panels side by side on one private network, each
 * with its own data folder, tor and one published service, started as {@link MemoryBenchmark} starts one
 * ({@code installer/desktop-jvm.options}, {@code GDK_GL=disable}) plus a variant's extra options, which come
 * after the file's and so override them. Resident memory of each is sampled every 30 s; at the end each gets
 * a breakdown of its mappings (smaps) and heap ({@code jcmd GC.heap_info}). Runs side by side differ less
 * from each other than separate runs do (±2 MB), which is what a comparison needs.
 *
 * <p>Run: {@code bench/run.sh memory-compare SECONDS NAME=OPTION|OPTION… …}, e.g.
 * {@code bench/run.sh memory-compare 240 today= old-floor=-Xms32m "cache=-Dprism.disableRegionCaching=false"};
 * an option {@code ENV:NAME=VALUE} sets an environment variable instead.
 */
public final class MemoryComparison {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target/onion-panel.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("bench-memory-compare");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(4));
             StandInRoutstr api = StandInRoutstr.start()) {
            Map<String, Process> panels = new LinkedHashMap<>();
            try {
                for (int i = 1; i < args.length; i++) {
                    String[] variant = args[i].split("=", 2);
                    Path data = work.resolve(variant[0]);
                    new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                            .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
                    List<String> command = new ArrayList<>(List.of(java, "@installer/desktop-jvm.options"));
                    Map<String, String> environment = new HashMap<>(Map.of("GDK_GL", "disable"));
                    if (variant.length > 1 && !variant[1].isBlank()) {
                        for (String option : variant[1].split("\\|")) {
                            if (option.startsWith("ENV:")) {
                                String[] kv = option.substring(4).split("=", 2);
                                environment.put(kv[0], kv[1]);
                            } else {
                                command.add(option);
                            }
                        }
                    }
                    command.addAll(List.of("-jar", jar.toString(), "--data-dir", data.toString()));
                    ProcessBuilder launch = new ProcessBuilder(command);
                    launch.environment().putAll(environment);
                    panels.put(variant[0], launch.redirectErrorStream(true)
                            .redirectOutput(work.resolve(variant[0] + ".log").toFile()).start());
                    Thread.sleep(3000); // not all starting at once on 2 cores
                }
                awaitPublished(work, panels);
                System.out.println("Services published; sampling for " + seconds + " s (MB, VmRSS)");
                for (int t = 0; t <= seconds; t += 30) {
                    StringBuilder line = new StringBuilder(String.format("  t=%4d s", t));
                    for (Map.Entry<String, Process> p : panels.entrySet()) {
                        line.append(String.format("  %s %6.1f", p.getKey(), rssKb(p.getValue().pid()) / 1024.0));
                    }
                    System.out.println(line);
                    if (t < seconds) {
                        Thread.sleep(Math.min(30, seconds - t) * 1000L);
                    }
                }
                for (Map.Entry<String, Process> p : panels.entrySet()) {
                    System.out.println("== " + p.getKey() + ": largest mappings (resident / private dirty)");
                    printMappings(p.getValue().pid(), 6);
                    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                    new ProcessBuilder(jcmd.toString(), String.valueOf(p.getValue().pid()), "GC.heap_info")
                            .inheritIO().start().waitFor();
                }
            } finally {
                for (Process p : panels.values()) {
                    p.toHandle().destroy();
                }
                for (Process p : panels.values()) {
                    p.waitFor();
                }
            }
        }
    }

    /** Waits until every panel's tor has written its service's hostname, then for the descriptor upload. */
    private static void awaitPublished(Path work, Map<String, Process> panels) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        for (String name : panels.keySet()) {
            while (!Files.exists(work.resolve(name).resolve("services/api/hostname"))) {
                if (System.nanoTime() > deadline || !panels.get(name).isAlive()) {
                    throw new IllegalStateException(name + " did not publish its service; see " + work.resolve(name + ".log"));
                }
                Thread.sleep(1000);
            }
        }
        Thread.sleep(15_000); // the descriptor upload follows the keys by a few seconds on the test network
    }

    private static void printMappings(long pid, int top) throws IOException {
        Map<String, long[]> byName = new HashMap<>();
        long[] current = null;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] parts = line.trim().split("\\s+");
                current = byName.computeIfAbsent(parts.length > 5 ? parts[5] : "[anonymous]", k -> new long[2]);
            } else if (current != null && line.startsWith("Rss:")) {
                current[0] += Long.parseLong(line.replaceAll("\\D+", ""));
            } else if (current != null && line.startsWith("Private_Dirty:")) {
                current[1] += Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        long total = byName.values().stream().mapToLong(v -> v[0]).sum();
        System.out.printf("  %6.1f MB in all%n", total / 1024.0);
        byName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(top)
                .forEach(e -> System.out.printf("  %6.1f / %6.1f MB  %s%n", e.getValue()[0] / 1024.0, e.getValue()[1] / 1024.0, e.getKey()));
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }
}
