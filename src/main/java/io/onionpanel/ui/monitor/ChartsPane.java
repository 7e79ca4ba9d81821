package io.onionpanel.ui.monitor;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.monitor.CircuitPurposes;
import io.onionpanel.monitor.MonitorView;
import io.onionpanel.monitor.SeriesKeys;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.TimeRange;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.paint.Color;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four charts (circuits by purpose, circuit build time, probe latency of one service, bandwidth). Points
 * are fetched off the FX thread, about one per pixel column, once a second while the charts are on screen and
 * at once when the range changes; a fetch still running makes the next one wait rather than pile up.
 */
final class ChartsPane extends GridPane {
    static final Color BLUE = Color.web("#3b82f6");
    static final Color ORANGE = Color.web("#e8890c");
    static final Color GREEN = Color.web("#22a35a");
    static final Color PURPLE = Color.web("#a35fc8");
    static final Color GREY = Color.web("#8b8598");
    static final Color RED = Color.web("#e0443e");
    static final Color TEAL = Color.web("#119da4");

    private static final Logger LOG = LoggerFactory.getLogger(ChartsPane.class);
    private static final ExecutorService FETCHER = Executors.newSingleThreadExecutor(
            DaemonThreads.factory("onion-panel-chart-fetch"));

    private final MonitorView monitor;
    private final Clock clock;
    private final ObjectProperty<TimeRange> range = new SimpleObjectProperty<>(TimeRange.HOUR);
    private final ComboBox<String> service = new ComboBox<>();
    final TimeChart circuits = new TimeChart("Open circuits", ValueFormat.COUNT);
    final TimeChart buildTime = new TimeChart("Circuit build time", ValueFormat.MILLIS);
    final TimeChart latency = new TimeChart("Probe latency", ValueFormat.MILLIS);
    final TimeChart bandwidth = new TimeChart("Bandwidth", ValueFormat.BYTES_PER_SECOND);
    private boolean fetching;
    private boolean fetchAgain;

    ChartsPane(MonitorView monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
        getStyleClass().add("monitor-charts");
        setHgap(10);
        setVgap(10);
        List<Color> colors = List.of(BLUE, GREEN, ORANGE, PURPLE, TEAL, GREY);
        for (int i = 0; i < SeriesKeys.CIRCUIT_PURPOSES.size(); i++) {
            String purpose = SeriesKeys.CIRCUIT_PURPOSES.get(i);
            circuits.addSeries(new TimeChart.Series(SeriesKeys.circuits(purpose), CircuitPurposes.label(purpose), colors.get(i), false));
        }
        buildTime.addSeries(new TimeChart.Series(SeriesKeys.CIRCUIT_BUILD_MS, "build time", TEAL, false));
        bandwidth.addSeries(new TimeChart.Series(SeriesKeys.BANDWIDTH_READ, "received", BLUE, false));
        bandwidth.addSeries(new TimeChart.Series(SeriesKeys.BANDWIDTH_WRITTEN, "sent", ORANGE, false));
        service.setId("monitor-latency-service");
        service.setPromptText("no service");
        service.valueProperty().addListener((obs, old, now) -> {
            latency.setSeries(latencySeries(now));
            refresh();
        });
        latency.setHeaderExtra(service);
        latency.setSeries(latencySeries(null));
        circuits.setId("chart-circuits");
        buildTime.setId("chart-build-time");
        latency.setId("chart-latency");
        bandwidth.setId("chart-bandwidth");
        add(circuits, 0, 0);
        add(latency, 1, 0);
        add(buildTime, 0, 1);
        add(bandwidth, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(r);
        }
        range.addListener((obs, old, now) -> refresh());
        // A new size needs points for the new width.
        widthProperty().addListener((obs, old, now) -> Platform.runLater(this::refresh));
    }

    private static List<TimeChart.Series> latencySeries(String name) {
        if (name == null) {
            return List.of();
        }
        return List.of(new TimeChart.Series(SeriesKeys.probeP50(name), "p50", BLUE, false),
                new TimeChart.Series(SeriesKeys.probeP95(name), "p95", PURPLE, false),
                new TimeChart.Series(SeriesKeys.probeFailures(name), "failures", RED, true),
                new TimeChart.Series(SeriesKeys.probeCold(name), "cold (new circuits)", GREY, true));
    }

    ObjectProperty<TimeRange> rangeProperty() {
        return range;
    }

    /** The services the latency chart offers; keeps the current choice when it is still there. */
    void setServices(List<String> names) {
        if (names.equals(service.getItems())) {
            return;
        }
        String current = service.getValue();
        service.getItems().setAll(names);
        service.setValue(names.contains(current) ? current : names.isEmpty() ? null : names.get(0));
    }

    ComboBox<String> servicePicker() {
        return service;
    }

    List<TimeChart> charts() {
        return List.of(circuits, latency, buildTime, bandwidth);
    }

    /** Fetches new points unless the charts are off screen; called every second and on every change. */
    void refresh() {
        if (!isOnScreen(this)) {
            return;
        }
        if (fetching) {
            fetchAgain = true;
            return;
        }
        fetching = true;
        TimeRange r = range.get();
        long now = clock.millis();
        long from = now - r.span().toMillis();
        Map<TimeChart, Map<String, Integer>> wanted = new LinkedHashMap<>();
        for (TimeChart chart : charts()) {
            Map<String, Integer> keys = new LinkedHashMap<>();
            chart.series().forEach(s -> keys.put(s.key(), chart.plotWidth()));
            wanted.put(chart, keys);
        }
        FETCHER.execute(() -> {
            Map<TimeChart, Map<String, SeriesPoints>> fetched = new HashMap<>();
            wanted.forEach((chart, keys) -> {
                Map<String, SeriesPoints> points = new HashMap<>();
                keys.forEach((key, maxPoints) -> {
                    try {
                        points.put(key, monitor.series(key, r, maxPoints));
                    } catch (RuntimeException e) {
                        // The chart shows "No data"; the reason goes to the log, not lost.
                        LOG.warn("Series {} not available: {}", key, e.toString());
                    }
                });
                fetched.put(chart, points);
            });
            Platform.runLater(() -> {
                fetching = false;
                fetched.forEach((chart, points) -> chart.setData(points, from, now));
                if (fetchAgain) {
                    fetchAgain = false;
                    refresh();
                }
            });
        });
    }

    /** In a showing window and not inside a hidden tab. */
    static boolean isOnScreen(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
