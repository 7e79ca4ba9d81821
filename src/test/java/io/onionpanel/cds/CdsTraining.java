package io.onionpanel.cds;

import io.onionpanel.Main;
import io.onionpanel.cli.OnionPanelCli;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.TorStatus;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The build's training run for the class-data-sharing archive (see pom.xml, profile {@code cds}): a JVM
 * started with {@code -XX:DumpLoadedClassList} runs this, so the list names the classes a real start loads —
 * the CLI's commands, the engine starting tor (kept offline), and the window's first frame (headless
 * Monocle, so the build needs no display). The archive dumped from that list is what makes a cold start
 * fast; classes it misses are simply loaded the normal way.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        deleteTree(data); // a fresh folder each build: "service add" must succeed, as on a first start
        Files.createDirectories(data);
        String dir = data.toString();
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            OnionPanelCli.execute("--version");
            OnionPanelCli.execute("--data-dir", dir, "service", "add", "api", "--port", "80=127.0.0.1:8000");
            OnionPanelCli.execute("--data-dir", dir, "service", "edit", "api", "--port", "80=127.0.0.1:8000", "--enable");
            OnionPanelCli.execute("--data-dir", dir, "service", "list");
            OnionPanelCli.execute("--data-dir", dir, "service", "list", "--json");
        } finally {
            System.setOut(out);
        }
        try {
            startEngineOffline(data);
        } catch (Exception e) {
            // A machine whose tor cannot start (e.g. no libzstd) still gets an archive, just without those classes.
            System.err.println("CDS training: the engine did not start tor (" + e.getMessage() + "); continuing");
        }
        // Last: the startup probe ends this JVM once the first frame is drawn.
        System.setProperty("onionpanel.startupProbe", "true");
        Main.main(new String[] {"--data-dir", dir});
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** What {@code run} does up to tor's control connection, without ever touching a network. */
    private static void startEngineOffline(Path data) throws Exception {
        try (Engine engine = new Engine(new EngineOptions(data, null, List.of("DisableNetwork 1"), Duration.ofSeconds(1)))) {
            engine.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (engine.torStatus().state() == TorStatus.State.STARTING && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
    }
}
