package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.MonitorView;
import io.onionpanel.ui.common.Notifier;
import java.time.Clock;
import java.util.List;
import javafx.scene.control.TabPane;

/** The package-private parts of the Health page that the benchmarks (package io.onionpanel.bench) drive. */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** A chart with four line series, keys "s0".."s3". */
    public static TimeChart fourSeriesChart() {
        TimeChart chart = new TimeChart("Four series", ValueFormat.MILLIS);
        List<javafx.scene.paint.Color> colors = List.of(ChartsPane.BLUE, ChartsPane.GREEN, ChartsPane.ORANGE, ChartsPane.PURPLE);
        for (int i = 0; i < 4; i++) {
            chart.addSeries(new TimeChart.Series("s" + i, "series " + i, colors.get(i), false));
        }
        return chart;
    }

    /** Only the folding part of a redraw (points → pixel columns), for the benchmark's breakdown. */
    public static void foldOnly(TimeChart chart, java.util.Map<String, io.onionpanel.monitor.SeriesPoints> data, long from, long to) {
        for (TimeChart.Series s : chart.series()) {
            Columns.reduce(data.get(s.key()), from, to, chart.plotWidth());
        }
    }

    public static int drawnColumns(TimeChart chart, int series) {
        return chart.columnsOf(series).valueColumns();
    }

    public static MonitorPage page(MonitorView monitor, Notifier notifier) {
        return new MonitorPage(monitor, notifier, Clock.systemUTC(), MonitorPage.LOG_ROWS);
    }

    public static TabPane sections(MonitorPage page) {
        return page.sections();
    }

    public static int logRows(MonitorPage page) {
        return page.log().table().getItems().size();
    }

    public static int circuitRows(MonitorPage page) {
        return page.circuitTable().shownRows().size();
    }

    public static String css() {
        return MonitorPage.class.getResource("monitor.css").toExternalForm();
    }
}
