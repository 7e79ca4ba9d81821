package io.onionpanel.bench;

import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.tor.TorControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Issue 3's memory benchmark: resident memory (VmRSS) of the panel's own process — tor is a separate
 * process and is reported beside it — with one published service on the private network, sampled every
 * 30 s for 10 minutes. Needs a display (bench/run.sh starts Xvfb).
 *
 * <p>Run: {@code bench/run.sh memory [seconds]} (default 600).
 */
public final class MemoryBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target/onion-panel.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("bench-memory");
        Path data = work.resolve("data");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(4));
             StandInRoutstr api = StandInRoutstr.start()) {
            new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                    .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
            ProcessBuilder launch = new ProcessBuilder(java, "@installer/desktop-jvm.options", "-jar", jar.toString(), "--data-dir", data.toString());
            launch.environment().put("GDK_GL", "disable"); // as the README and the installed launcher start it
            Process panel = launch
                    .redirectErrorStream(true).redirectOutput(work.resolve("panel.log").toFile()).start();
            try {
                RuntimeInfo info = awaitPublished(data, panel);
                System.out.println("Service published; sampling for " + seconds + " s");
                long maxPanel = 0;
                long lastPanel = 0;
                long lastTor = 0;
                for (int t = 0; t <= seconds; t += 30) {
                    lastPanel = rssKb(panel.pid());
                    lastTor = rssKb(info.torPid());
                    maxPanel = Math.max(maxPanel, lastPanel);
                    System.out.printf("  t=%4d s  panel %6.1f MB  tor %5.1f MB%n", t, lastPanel / 1024.0, lastTor / 1024.0);
                    if (t < seconds) {
                        Thread.sleep(Math.min(30, seconds - t) * 1000L);
                    }
                }
                System.out.printf("Resident memory after %d s with one published service:%n", seconds);
                System.out.printf("  onion-panel (tor excluded): %.1f MB (max %.1f MB)   (target ≤ 150 MB)%n",
                        lastPanel / 1024.0, maxPanel / 1024.0);
                System.out.printf("  its tor process           : %.1f MB%n", lastTor / 1024.0);
            } finally {
                panel.toHandle().destroy();
                panel.waitFor();
            }
        }
    }

    /** Waits until tor holds the service's descriptor (the panel's dashboard shows "Published" then). */
    private static RuntimeInfo awaitPublished(Path data, Process panel) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && panel.isAlive()) {
            Optional<RuntimeInfo> info = RuntimeInfo.read(data);
            Path hostname = data.resolve("services/api/hostname");
            if (info.isPresent() && Files.exists(hostname)) {
                String address = Files.readString(hostname).trim().replace(".onion", "");
                String[] control = info.get().control().split(":");
                byte[] cookie = Files.readAllBytes(data.resolve("tor/data/control_auth_cookie"));
                try (TorControl c = TorControl.connect(new InetSocketAddress(control[0], Integer.parseInt(control[1])),
                        cookie, e -> { }, () -> { })) {
                    c.getInfo("hs/service/desc/id/" + address);
                    return info.get();
                } catch (IOException notYet) {
                    // descriptor not built or uploaded yet
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the panel did not publish its service; see " + data.getParent().resolve("panel.log"));
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
