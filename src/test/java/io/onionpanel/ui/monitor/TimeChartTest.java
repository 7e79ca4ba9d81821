package io.onionpanel.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.ui.OnionPanelApp;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What the canvas shows: the line where there are samples, nothing where they are NaN, spikes kept when folded. */
@ExtendWith(ApplicationExtension.class)
class TimeChartTest {
    private static final Color LINE = Color.web("#ff00ff");
    TimeChart chart;

    @Start
    void start(Stage stage) {
        chart = new TimeChart("Test", ValueFormat.COUNT);
        chart.addSeries(new TimeChart.Series("s", "series", LINE, false));
        Scene scene = new Scene(new StackPane(chart), 700, 320);
        scene.getStylesheets().addAll(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm(),
                MonitorPage.class.getResource("monitor.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void nanSamplesLeaveAGapAndASpikeSurvivesFolding(FxRobot robot) {
        int width = chart.plotWidth();
        // Ten samples per pixel column; the middle third missing (NaN); one spike in the last third.
        int n = width * 10;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 100L;
            v[i] = i >= n / 3 && i < 2 * n / 3 ? Double.NaN : 5;
        }
        v[n * 5 / 6] = 50;
        SeriesPoints points = new SeriesPoints(t, v);
        robot.interact(() -> chart.setData(Map.of("s", points), 0, n * 100L));

        int[] perThird = new int[3];
        int spikeTop = Integer.MAX_VALUE;
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(chart.snapshot(null, null)));
        PixelReader pixels = image.get().getPixelReader();
        double left = chart.getInsets().getLeft() + TimeChart.LEFT;
        for (int y = 0; y < image.get().getHeight(); y++) {
            for (int x = (int) left; x < left + width; x++) {
                Color c = pixels.getColor(x, y);
                if (c.getRed() > 0.8 && c.getBlue() > 0.8 && c.getGreen() < 0.35) {
                    int third = Math.min(2, (int) ((x - left) * 3 / width));
                    perThird[third]++;
                    spikeTop = Math.min(spikeTop, y);
                }
            }
        }
        assertTrue(perThird[0] > width / 4, "line drawn in the first third: " + perThird[0]);
        assertTrue(perThird[2] > width / 4, "line drawn in the last third: " + perThird[2]);
        assertTrue(perThird[1] < 10, "gap where the samples are NaN: " + perThird[1]);
        assertTrue(spikeTop < chart.getHeight() / 2, "the 10× spike reaches the upper half, at y=" + spikeTop);
        assertEquals(Columns.GAP, chart.columnsOf(0).state[width / 2]);
    }

    @Test
    void theReadOutTakesTheNearestSampleWithinReachOfThePointer(FxRobot robot) {
        int width = chart.plotWidth();
        // Sparse samples, like a 30 s probe at the 10 min range: one every 20 pixel columns.
        int n = width / 20;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i * 20L + 10) * 1_000;
            v[i] = i;
        }
        robot.interact(() -> chart.setData(Map.of("s", new SeriesPoints(t, v)), 0, width * 1_000L));
        Columns c = chart.columnsOf(0);
        assertEquals(Columns.VALUE, c.state[30]);
        robot.interact(() -> {
            assertEquals(30, chart.readoutColumn(30), "on a sample");
            assertEquals(30, chart.readoutColumn(30 + TimeChart.READOUT_REACH));
            assertEquals(30, chart.readoutColumn(30 - 5));
            assertEquals("1", chart.readout(chart.series().get(0), c, chart.readoutColumn(36)));
            assertEquals("1", chart.readout(chart.series().get(0), c, 36), "each series reads its own nearest sample");
            assertEquals(40, chart.readoutColumn(40), "beyond reach: the pointer's own column, which reads —");
            assertEquals("—", chart.readout(chart.series().get(0), c, 40));
        });
    }
}
