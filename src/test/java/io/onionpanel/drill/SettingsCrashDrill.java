package io.onionpanel.drill;

import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Kills a process that saves the settings in a loop with SIGKILL, many times, and checks after each kill that
 * settings.json parses and is either the last version the process reported saved or the one it was writing.
 * Runs a few victims side by side on separate data folders; the victim is a minimal JVM on a small classpath.
 */
public final class SettingsCrashDrill {
    /** What the drill saw. */
    public record Result(int kills, int oldVersion, int newVersion, long totalSaves, double seconds, int leftoverTempFiles) {
    }

    private SettingsCrashDrill() {
    }

    public static Result run(Path work, int kills, int parallel, long seed) throws Exception {
        recordClassData(work);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long t0 = System.nanoTime();
        List<Future<int[]>> lanes = new ArrayList<>();
        for (int lane = 0; lane < parallel; lane++) {
            int share = kills / parallel + (lane < kills % parallel ? 1 : 0);
            Path data = Files.createDirectories(work.resolve("lane-" + lane));
            long laneSeed = seed + lane;
            lanes.add(pool.submit(() -> lane(data, share, laneSeed)));
        }
        int old = 0;
        int fresh = 0;
        long saves = 0;
        int leftovers = 0;
        for (int i = 0; i < lanes.size(); i++) {
            int[] r = lanes.get(i).get();
            old += r[0];
            fresh += r[1];
            Path data = work.resolve("lane-" + i);
            saves += SettingsSaveLoop.counter(new SettingsStore(data));
            try (var files = Files.list(data)) {
                leftovers += (int) files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
            }
        }
        pool.shutdown();
        return new Result(kills, old, fresh, saves, (System.nanoTime() - t0) / 1e9, leftovers);
    }

    /** Returns {kills that left the old version, kills that left the new one}; throws on anything else. */
    private static int[] lane(Path data, int kills, long seed) throws Exception {
        Random random = new Random(seed);
        SettingsStore store = new SettingsStore(data);
        int old = 0;
        int fresh = 0;
        for (int k = 0; k < kills; k++) {
            Process p = victim(data);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine(); // the JVM is up and saving
            if (first == null) {
                throw new AssertionError("the save loop did not start: " + new String(p.getErrorStream().readAllBytes()));
            }
            long lastSaved = Long.parseLong(first.substring(6));
            // Let it save for a random time (0–30 ms) so the kill lands anywhere in a save.
            long until = System.nanoTime() + random.nextInt(30_000_000);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            p.toHandle().destroyForcibly(); // SIGKILL
            p.waitFor(10, TimeUnit.SECONDS);
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("saved ")) {
                    lastSaved = Long.parseLong(line.substring(6));
                }
            }
            byte[] bytes = Files.readAllBytes(store.file());
            Settings parsed = store.parse(bytes); // throws if the file is torn
            if (!Arrays.equals(store.serialize(parsed), bytes)) {
                throw new AssertionError("settings.json parses but is not a whole version: " + new String(bytes, StandardCharsets.UTF_8));
            }
            long found = parsed.ui().width() == null ? 0 : parsed.ui().width().longValue();
            if (found == lastSaved) {
                old++;
            } else if (found == lastSaved + 1) {
                fresh++;
            } else {
                throw new AssertionError("after kill " + k + " settings.json holds version " + found
                        + ", but the last save returned " + lastSaved + " (expected it or the next)");
            }
        }
        return new int[]{old, fresh};
    }

    private static Path archive;

    /**
     * Records the classes the victim loads in a class-data archive (AppCDS) once, so that each of the many victim
     * JVMs starts in a fraction of the time; without it the drill is dominated by JVM start-up.
     */
    private static void recordClassData(Path work) throws Exception {
        classPath = smallClassPath(work);
        Path jsa = work.resolve("settings-loop.jsa");
        Path warm = Files.createDirectories(work.resolve("warm-up"));
        Process p = new ProcessBuilder(command(List.of("-XX:ArchiveClassesAtExit=" + jsa), warm, "50"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        archive = p.waitFor() == 0 && Files.exists(jsa) ? jsa : null;
        if (archive == null) {
            System.out.println("[settings-drill] no class-data archive; victims start without it");
        }
    }

    private static Process victim(Path data) throws IOException {
        List<String> cds = archive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + archive);
        return new ProcessBuilder(command(cds, data, null)).start();
    }

    private static List<String> command(List<String> extra, Path data, String saves) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small JVM: serial GC, small heap, no perf data file. Interpreter only, and reflection without generated
        // accessor classes: a victim lives ~0.5 s, nearly all of it start-up (the JVM, then Jackson building its
        // (de)serialisers), where compiling costs more CPU than it saves (-20 % CPU per victim against the client
        // compiler, measured on the 2 loaded cores). What is drilled, the file writes and renames, is the same.
        cmd.addAll(List.of("-Xint", "-Dsun.reflect.inflationThreshold=1000000", "-XX:+UseSerialGC", "-Xmx64m",
                "-XX:-UsePerfData"));
        cmd.addAll(extra);
        cmd.addAll(List.of("-cp", classPath, SettingsSaveLoop.class.getName(), data.toString()));
        if (saves != null) {
            cmd.add(saves);
        }
        return cmd;
    }

    private static String classPath = System.getProperty("java.class.path");

    /**
     * A jar of just the settings code and the victim, plus the Jackson jars (core, annotations, and databind for
     * its tree nodes): class-data sharing takes jars only,
     * and the fewer classes, the faster each victim starts.
     */
    private static String smallClassPath(Path work) throws IOException {
        Path jar = work.resolve("settings-loop.jar");
        Path classes = Path.of(SettingsStore.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path testClasses = Path.of(SettingsSaveLoop.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            // The settings records hold the connection settings (bridges, proxy) since issue 19; common.json reads
            // and writes them since issue 17's fifth memory pass.
            for (String pkg : List.of("io/onionpanel/settings", "io/onionpanel/common", "io/onionpanel/common/json",
                    "io/onionpanel/connection")) {
                try (var files = Files.list(classes.resolve(pkg))) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        add(out, pkg + "/" + f.getFileName(), f);
                    }
                }
            }
            String victim = SettingsSaveLoop.class.getName().replace('.', '/') + ".class";
            add(out, victim, testClasses.resolve(victim));
        }
        return jar + java.io.File.pathSeparator + Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && e.contains("jackson"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static void add(java.util.jar.JarOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new java.util.jar.JarEntry(name));
        Files.copy(file, out);
        out.closeEntry();
    }
}
