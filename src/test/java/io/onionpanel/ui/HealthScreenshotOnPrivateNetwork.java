package io.onionpanel.ui;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.monitor.TimeRange;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * Throwaway main for the README's Health pictures with real data: the window on the private Tor network, one
 * service in front of the stand-in API, probed every 3 s; a short outage of the API so the charts carry failed
 * probes, then its recovery. Shoots the Health tab (10 min range) in the light and the dark theme with
 * ImageMagick's {@code import} under Xvfb. Args: minutes of data to gather, output folder.
 */
public final class HealthScreenshotOnPrivateNetwork extends Application {
    private static final String SERVICE = "routstr";

    @Override
    public void start(Stage stage) throws Exception {
        double minutes = Double.parseDouble(getParameters().getRaw().get(0));
        Path out = Path.of(getParameters().getRaw().get(1)).toAbsolutePath();
        PrivateTorNetwork network = PrivateTorNetwork.shared();
        StandInRoutstr[] api = {StandInRoutstr.start()};
        Path data = Files.createTempDirectory("health-shot");
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                .withServices(List.of(new ServiceConfig(SERVICE, true, List.of(PortMapping.of(80, api[0].hostPort())))))
                .withMonitor(s.monitor().withProbeInterval(3).withProbePath(SERVICE, "/v1/info")));
        PanelModel model = new PanelModel(data, new Notifier());
        model.loadSettingsAndWatch();
        MainWindow window = new MainWindow(model, false, t -> { });
        Scene scene = new Scene(window, 1024, 700);
        scene.getStylesheets().add(css("panel.css"));
        stage.initStyle(StageStyle.UNDECORATED);
        stage.setX(0);
        stage.setY(0);
        stage.setScene(scene);
        stage.show();
        model.startEngine(() -> { });

        new Thread(() -> {
            try {
                await("published", 300, () -> fx(() -> {
                    ServiceStatus s = model.statuses().get(SERVICE);
                    return s != null && s.state() == ServiceStatus.State.PUBLISHED;
                }));
                System.out.println("published");
                long gather = (long) (minutes * 60_000);
                Thread.sleep(gather / 2);
                // A short outage: failed probes on the latency chart, a failing and then a recovered local target.
                int port = api[0].port();
                api[0].stop();
                Thread.sleep(20_000);
                api[0] = StandInRoutstr.start(port);
                System.out.println("API back");
                Thread.sleep(Math.max(gather / 2, 30_000)); // past the notifications, all checks OK again
                fx(() -> {
                    window.select("health");
                    return null;
                });
                Thread.sleep(1_500);
                fx(() -> {
                    ((ToggleButton) scene.lookup("#range-TEN_MINUTES")).setSelected(true);
                    return null;
                });
                Thread.sleep(3_000);
                // What the circuit chart shows, by tor's purpose and state, with the oldest circuit of each.
                java.util.Map<String, java.util.List<io.onionpanel.monitor.CircuitRow>> byKind = new java.util.TreeMap<>();
                model.monitor().circuits().forEach(r -> byKind.computeIfAbsent(r.purpose() + " " + r.state(), k -> new java.util.ArrayList<>()).add(r));
                byKind.forEach((k, rows) -> System.out.println("circuits " + k + ": " + rows.size() + ", oldest "
                        + rows.stream().map(io.onionpanel.monitor.CircuitRow::created).filter(java.util.Objects::nonNull).min(java.util.Comparator.naturalOrder())
                        .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toSeconds() + " s").orElse("?")));
                shoot(scene, out.resolve("monitor-light.png"));
                fx(() -> scene.getStylesheets().add(css("dark.css")));
                Thread.sleep(2_000);
                shoot(scene, out.resolve("monitor-dark.png"));
            } catch (Throwable e) {
                e.printStackTrace();
            } finally {
                model.shutdown();
                api[0].close();
                Platform.exit();
            }
        }, "screenshots").start();
    }

    private static void shoot(Scene scene, Path file) throws Exception {
        // The pointer on the latency chart's newest minutes: its read-out names the values there.
        fx(() -> {
            Node latency = scene.lookup("#chart-latency");
            Point2D p = latency.localToScreen(latency.getLayoutBounds().getWidth() * 0.93, latency.getLayoutBounds().getHeight() * 0.6);
            new Robot().mouseMove(p.getX(), p.getY());
            return null;
        });
        Thread.sleep(1_500);
        new ProcessBuilder("import", "-window", "root", "-crop", "1024x700+0+0", "+repage", file.toString())
                .inheritIO().start().waitFor();
        System.out.println("shot " + file);
    }

    private static String css(String name) {
        return OnionPanelApp.class.getResource("/io/onionpanel/ui/" + name).toExternalForm();
    }

    private static <T> T fx(Supplier<T> read) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(read.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void await(String what, int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(500);
        }
    }

    public static final class Main {
        public static void main(String[] args) {
            Application.launch(HealthScreenshotOnPrivateNetwork.class, args);
        }
    }
}
