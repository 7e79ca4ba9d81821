package io.onionpanel.bench;

import io.onionpanel.autostart.EngineCommand;
import io.onionpanel.control.EngineProcess;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.tor.TorControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code onion-panel daemon} started as the window starts it when it runs from the jar: {@link EngineProcess#spawn}
 * with {@code java ENGINE_JVM -cp target/onion-panel-engine.jar io.onionpanel.Main} (what
 * {@link EngineCommand#ofThisProcess()} gives a window started with {@code -jar target/onion-panel.jar}), on a data
 * folder joined to the private network, with zero or one service ("api").
 */
final class BenchDaemon implements AutoCloseable {
    final Path data;
    final Process process;

    private BenchDaemon(Path data, Process process) {
        this.data = data;
        this.process = process;
    }

    /** The engine's command up to {@code --data-dir}, as the window computes it on a plain java. */
    static List<String> engineLauncher() {
        return engineLauncher(List.of(), List.of(), null);
    }

    /**
     * The engine's class path as the window computes it from {@code target/onion-panel.jar}
     * ({@link EngineCommand#engineClassPath}: the engine's jar beside it when the build made one).
     */
    static String engineClassPath() {
        return EngineCommand.engineClassPath(Path.of("target/onion-panel.jar").toAbsolutePath().toString());
    }

    /**
     * For trials of other options ({@link EngineFlagTrials}): {@code environment} (NAME=value, through
     * {@code /usr/bin/env}, which execs java: the same process), {@code moreJvm} after ENGINE_JVM, and another jar
     * with its own engine archive beside it ({@code onion-panel-engine.jsa}, dumped with that jar as the class path;
     * null: the build's).
     */
    static List<String> engineLauncher(List<String> environment, List<String> moreJvm, Path otherJar) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (!environment.isEmpty()) {
            command.add("/usr/bin/env");
            command.addAll(environment);
        }
        command.add(java);
        String jar;
        if (otherJar == null) {
            jar = engineClassPath();
            command.addAll(EngineCommand.jvmOptions(jar)); // ENGINE_JVM and the engine's archive beside the jar
        } else {
            jar = otherJar.toAbsolutePath().toString();
            command.addAll(EngineCommand.ENGINE_JVM);
            Path archive = otherJar.toAbsolutePath().resolveSibling("onion-panel-engine.jsa");
            if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            }
        }
        command.addAll(moreJvm);
        command.addAll(List.of("-cp", jar, "io.onionpanel.Main"));
        return new EngineCommand(command).launcher();
    }

    static BenchDaemon start(Path data, PrivateTorNetwork network, String apiHostPort) throws IOException {
        return start(data, network, apiHostPort, engineLauncher());
    }

    static BenchDaemon start(Path data, PrivateTorNetwork network, String apiHostPort, List<String> launcher) throws IOException {
        List<ServiceConfig> services = apiHostPort == null ? List.of()
                : List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, apiHostPort))));
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                .withServices(services));
        return new BenchDaemon(data, EngineProcess.of(launcher).spawn(data));
    }

    /** The engine's own JVM (setsid execs it: the same process). */
    long pid() {
        return process.pid();
    }

    long torPid() throws IOException {
        return RuntimeInfo.read(data).orElseThrow(() -> new IOException("no runtime info")).torPid();
    }

    /** Waits until tor runs (bootstrapped: its runtime info is written). */
    RuntimeInfo awaitTor(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Optional<RuntimeInfo> info = RuntimeInfo.read(data);
            if (info.isPresent() && Files.exists(data.resolve("tor/data/control_auth_cookie"))) {
                return info.get();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the daemon did not start tor:\n" + EngineProcess.tail(data, 30));
    }

    /** Waits until tor holds the descriptor of {@code service} (the dashboard says "Published" then). */
    RuntimeInfo awaitPublished(String service, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Optional<RuntimeInfo> info = RuntimeInfo.read(data);
            Path hostname = data.resolve("services/" + service + "/hostname");
            if (info.isPresent() && Files.exists(hostname)) {
                String address = Files.readString(hostname).trim().replace(".onion", "");
                String[] control = info.get().control().split(":");
                try (TorControl c = TorControl.connect(new InetSocketAddress(control[0], Integer.parseInt(control[1])),
                        Files.readAllBytes(data.resolve("tor/data/control_auth_cookie")), e -> { }, () -> { })) {
                    c.getInfo("hs/service/desc/id/" + address);
                    return info.get();
                } catch (IOException notYet) {
                    // descriptor not built or uploaded yet
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the daemon did not publish '" + service + "':\n" + EngineProcess.tail(data, 30));
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
