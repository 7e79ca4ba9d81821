package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.TimeRange;
import io.onionpanel.ui.MainWindow;
import io.onionpanel.ui.OnionPanelApp;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.util.Duration;

/**
 * Throwaway main for the README pictures: the window with its Health tab over realistic fake monitor data
 * (the engine side is merged separately), screenshot with ImageMagick's {@code import} under Xvfb.
 * Args: theme (light|dark), section (overview|circuits|log|empty), output PNG.
 */
public final class MonitorScreenshot extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        List<String> args = getParameters().getRaw();
        String theme = args.get(0);
        String section = args.get(1);
        Path out = Path.of(args.get(2)).toAbsolutePath();
        Instant now = Instant.now();
        FakeMonitor monitor = new FakeMonitor();
        if (!section.equals("empty")) {
            FakeData.fill(monitor, now.toEpochMilli(), "api");
            monitor.health = List.of(FakeData.health("api", now, section.equals("log")));
            monitor.circuits = FakeData.circuits(now, 14, 3);
            List<LogEntry> log = new ArrayList<>();
            for (int i = 1; i <= 400; i++) {
                log.add(FakeData.log(i, now.minusSeconds(400 - i)));
            }
            monitor.log = log;
        }

        Path data = Files.createTempDirectory("monitor-shot");
        Notifier notifier = new Notifier();
        PanelModel model = new PanelModel(data, notifier);
        model.loadSettingsAndWatch();
        MainWindow window = new MainWindow(model, false, t -> { });
        window.select("health");
        TabPane tabs = (TabPane) window.lookup("#main-tabs");
        MonitorPage page = new MonitorPage(monitor, notifier);
        tabs.getSelectionModel().getSelectedItem().setContent(page);
        // Tor is not started for the picture: show the status line a running panel would show.
        Label tor = new Label("Tor running");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, new Label(""), spacer, tor);
        bar.getStyleClass().add("status-bar");
        window.setBottom(bar);
        Scene scene = new Scene(window, 1024, 700);
        scene.getStylesheets().add(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        if (theme.equals("dark")) {
            scene.getStylesheets().add(OnionPanelApp.class.getResource("/io/onionpanel/ui/dark.css").toExternalForm());
        }
        stage.initStyle(StageStyle.UNDECORATED);
        stage.setX(0);
        stage.setY(0);
        stage.setScene(scene);
        stage.show();
        switch (section) {
            case "circuits" -> page.sections().getSelectionModel().select(1);
            case "log" -> page.sections().getSelectionModel().select(2);
            case "empty" -> { }
            default -> page.charts().rangeProperty().set(TimeRange.DAY);
        }
        page.rangeToggle(section.equals("overview") ? TimeRange.DAY : TimeRange.HOUR).setSelected(true);
        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(Duration.seconds(3));
        wait.setOnFinished(e -> {
            if (section.equals("overview") || section.equals("empty")) {
                TimeChart latency = page.charts().latency;
                Point2D p = latency.localToScreen(latency.getWidth() * 0.62, latency.getHeight() * 0.6);
                new Robot().mouseMove(p.getX(), p.getY());
            }
            javafx.animation.PauseTransition shoot = new javafx.animation.PauseTransition(Duration.seconds(1));
            shoot.setOnFinished(x -> new Thread(() -> {
                try {
                    new ProcessBuilder("import", "-window", "root", "-crop", "1024x700+0+0", "+repage", out.toString())
                            .inheritIO().start().waitFor();
                } catch (Exception ex) {
                    ex.printStackTrace();
                }
                Platform.runLater(() -> {
                    model.shutdown();
                    Platform.exit();
                });
            }).start());
            shoot.play();
        });
        wait.play();
    }

    public static final class Main {
        public static void main(String[] args) {
            Application.launch(MonitorScreenshot.class, args);
        }
    }
}
