package io.onionpanel.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 3's cold-start benchmark: milliseconds from JVM start to the first frame of the panel's window
 * (launched as the README does, with installer/desktop-jvm.options; fresh data folder, first-run screen), next to the smallest
 * JavaFX window on the same JVM and display. Needs a display (bench/run.sh starts Xvfb).
 *
 * <p>Run: {@code bench/run.sh cold-start [runs]} (default 10).
 */
public final class ColdStartBenchmark {
    private static final Pattern RESULT = Pattern.compile("first-window-ms=(\\d+)");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target/onion-panel.jar").toAbsolutePath();
        BenchStats panel = new BenchStats();
        BenchStats hello = new BenchStats();
        for (int i = 0; i < runs; i++) {
            Path data = Files.createTempDirectory("bench-cold-start");
            panel.add(measure(List.of(java, "@installer/desktop-jvm.options", "-Donionpanel.startupProbe=true", "-jar", jar.toString(), "--data-dir", data.toString())));
            hello.add(measure(List.of(java, "@installer/desktop-jvm.options", "-cp", System.getProperty("java.class.path"), HelloFxProbe.Main.class.getName())));
        }
        System.out.println("Cold start to first window frame:");
        System.out.println("  onion-panel          : " + panel.describe("ms") + "   (target ≤ 800 ms)");
        System.out.println("  minimal JavaFX window: " + hello.describe("ms"));
    }

    private static double measure(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GDK_GL", "disable"); // as the README and the installed launcher start it
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = RESULT.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no startup figure from " + command + ":\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

}
