package io.onionpanel.cds;

import io.onionpanel.Main;
import io.onionpanel.cli.OnionPanelCli;
import io.onionpanel.settings.SettingsStore;
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
            runOffline(data);
        } catch (Exception e) {
            // A machine whose tor cannot start (e.g. no libzstd) still gets an archive, just without those classes.
            System.err.println("CDS training: the engine did not start tor (" + e.getMessage() + "); continuing");
        }
        // Last: the startup probe ends this JVM once the first frame is drawn. The window's engine stays in this JVM
        // (an engine process of its own would outlive the build) and offline (never the public Tor network).
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(java.util.List.of("DisableNetwork 1"))));
        System.setProperty(io.onionpanel.ui.model.PanelModel.ENGINE_PROPERTY, "local");
        System.setProperty("onionpanel.startupProbe", "true");
        Main.main(new String[] {"--data-dir", dir});
    }

    /**
     * The engine trainings' data folder, made afresh: one service (api, port 80) in the settings, and a torrc to
     * append that keeps tor off the network (returned).
     */
    static Path freshFolderWithOneService(Path data) throws java.io.IOException {
        deleteTree(data);
        Files.createDirectories(data);
        Path extra = data.resolve("training.torrc");
        Files.writeString(extra, "DisableNetwork 1\n");
        new SettingsStore(data).update(s -> s.withServices(List.of(new io.onionpanel.settings.ServiceConfig("api", true,
                List.of(io.onionpanel.settings.PortMapping.of(80, "127.0.0.1:8000"))))));
        return extra;
    }

    static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The CLI's {@code run} as an operator starts it (the same parsing, settings, engine and JSON printer), up to
     * tor's control connection, never touching a network; then stopped the way Ctrl+C stops it.
     */
    private static void runOffline(Path data) throws Exception {
        Path extra = data.resolve("training.torrc");
        Files.writeString(extra, "DisableNetwork 1\n");
        SettingsStore.warmUp();
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        Thread run = new Thread(() -> OnionPanelCli.execute("--data-dir", data.toString(), "run", "--json",
                "--torrc-append", extra.toString()), "cds-training-run");
        try {
            run.start();
            // runtime.json is written once tor's control port is ours, well after run installed its signal handlers.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (run.isAlive() && !Files.exists(data.resolve("runtime.json")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (run.isAlive() && Files.exists(data.resolve("runtime.json"))) {
                sun.misc.Signal.raise(new sun.misc.Signal("INT"));
            }
            run.join(Duration.ofSeconds(30).toMillis());
        } finally {
            System.setOut(out);
        }
    }
}
