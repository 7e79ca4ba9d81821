package io.onionpanel.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 3's cold-start benchmark: milliseconds from JVM start to the first frame of the panel's window
 * (launched as the README does, with installer/desktop-jvm.options; fresh data folder, first-run screen), next to the smallest
 * JavaFX window on the same JVM and display. Needs a display (bench/run.sh starts Xvfb).
 *
 * <p>Run: {@code bench/run.sh cold-start [runs] [launcher]} (default 10 runs). With a launcher (an installed
 * {@code /opt/onion-panel/bin/onion-panel}, which carries the same JVM options), that is measured as well; the probe
 * is switched on through JAVA_TOOL_OPTIONS. Besides the JVM's own figure (from JVM start), the wall clock from
 * process start to the probe's line is printed, which includes the native launcher's own work.
 */
public final class ColdStartBenchmark {
    private static final Pattern RESULT = Pattern.compile("first-window-ms=(\\d+)");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String launcher = args.length > 1 ? Path.of(args[1]).toAbsolutePath().toString() : null;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target/onion-panel.jar").toAbsolutePath();
        BenchStats panel = new BenchStats();
        BenchStats panelWall = new BenchStats();
        BenchStats installed = new BenchStats();
        BenchStats installedWall = new BenchStats();
        BenchStats hello = new BenchStats();
        for (int i = 0; i < runs; i++) {
            Path data = Files.createTempDirectory("bench-cold-start");
            double[] jarRun = measure(List.of(java, "@installer/desktop-jvm.options", "-Donionpanel.startupProbe=true", "-jar", jar.toString(), "--data-dir", data.toString()), Map.of());
            panel.add(jarRun[0]);
            panelWall.add(jarRun[1]);
            if (launcher != null) {
                Path fresh = Files.createTempDirectory("bench-cold-start");
                double[] launched = measure(List.of(launcher, "--data-dir", fresh.toString()), Map.of("JAVA_TOOL_OPTIONS", "-Donionpanel.startupProbe=true"));
                installed.add(launched[0]);
                installedWall.add(launched[1]);
            }
            hello.add(measure(List.of(java, "@installer/desktop-jvm.options", "-cp", System.getProperty("java.class.path"), HelloFxProbe.Main.class.getName()), Map.of())[0]);
        }
        System.out.println("Cold start to first window frame (from JVM start; wall clock from process start):");
        System.out.println("  onion-panel (java -jar)   : " + panel.describe("ms") + "   (target ≤ 800 ms)");
        System.out.println("                 wall clock : " + panelWall.describe("ms"));
        if (launcher != null) {
            System.out.println("  onion-panel (" + launcher + "): " + installed.describe("ms") + "   (target ≤ 800 ms)");
            System.out.println("                 wall clock : " + installedWall.describe("ms"));
        }
        System.out.println("  minimal JavaFX window     : " + hello.describe("ms"));
    }

    /** The probe's figure and the wall-clock milliseconds from process start until the probe's line. */
    private static double[] measure(List<String> command, Map<String, String> environment) throws Exception {
        return measure(command, environment, RESULT);
    }

    /** As above, for a probe that prints another figure ({@code result}'s group 1, milliseconds since JVM start). */
    static double[] measure(List<String> command, Map<String, String> environment, Pattern result) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GDK_GL", "disable"); // as the README and the installed launcher start it
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process p = builder.start();
        StringBuilder out = new StringBuilder();
        double wall = -1;
        double reported = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                Matcher m = result.matcher(line);
                if (reported < 0 && m.find()) {
                    wall = (System.nanoTime() - start) / 1e6;
                    reported = Double.parseDouble(m.group(1));
                }
            }
        }
        p.waitFor();
        if (reported < 0) {
            throw new IllegalStateException("no startup figure from " + command + ":\n" + out);
        }
        return new double[]{reported, wall};
    }

}
