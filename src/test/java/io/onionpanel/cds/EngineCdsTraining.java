package io.onionpanel.cds;

import io.onionpanel.cli.DaemonStart;
import io.onionpanel.probe.ServiceProbe;
import io.onionpanel.settings.SettingsStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The build's training run for the engine's own class-data-sharing archive (pom.xml, {@code engine-cds-*}): a JVM with
 * {@code -XX:DumpLoadedClassList} runs {@code daemon} (tor kept offline) until its control socket is up, lets it
 * probe once, and stops it as a signal does. The archive dumped from that list holds the engine's classes and no
 * window's: the window's archive holds ~6,700 classes (JavaFX's among them) and, mapped by the engine, made it 5.6 MB
 * larger than with none, while this one makes it ~4 MB smaller (docs/benchmarks.md, issue 17).
 */
public final class EngineCdsTraining {
    private EngineCdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        Path extra = CdsTraining.freshFolderWithOneService(data);
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        // As Main starts a daemon: without picocli (DaemonStart), so that its classes stay out of the engine's archive.
        Thread daemon = new Thread(() -> DaemonStart.run(DaemonStart.parse("--data-dir", data.toString(), "daemon",
                "--torrc-append", extra.toString())), "cds-training-daemon");
        try {
            daemon.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (daemon.isAlive() && !Files.exists(data.resolve("runtime.json")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // The self-probe's HTTP client (tor is offline: its SOCKS port refuses the onion at once).
            try {
                ServiceProbe probe = new ServiceProbe(new InetSocketAddress("127.0.0.1", 9), Duration.ofSeconds(2));
                probe.probe("training.onion", 80, "/");
                probe.close();
            } catch (RuntimeException e) {
                System.err.println("CDS training: probe: " + e);
            }
            if (daemon.isAlive()) {
                sun.misc.Signal.raise(new sun.misc.Signal("INT"));
            }
            daemon.join(Duration.ofSeconds(30).toMillis());
        } finally {
            System.setOut(out);
        }
        System.exit(0);
    }
}
