package io.onionpanel.ui.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * What a test outside this package reads off a Health page in a window: the values a chart last drew and the
 * health panel's checks as shown. FX thread only.
 */
public final class PageAccess {
    private PageAccess() {
    }

    /** The largest value drawn for the series {@code key} in the chart with that id, or NaN when none is drawn. */
    public static double maxDrawn(Node page, String chartId, String key) {
        TimeChart chart = (TimeChart) page.lookup("#" + chartId);
        for (int i = 0; i < chart.series().size(); i++) {
            if (chart.series().get(i).key().equals(key)) {
                Columns c = chart.columnsOf(i);
                double max = Double.NaN;
                for (int col = 0; col < c.count; col++) {
                    if (c.state[col] == Columns.VALUE && !(c.max[col] <= max)) {
                        max = c.max[col];
                    }
                }
                return max;
            }
        }
        throw new IllegalArgumentException("chart " + chartId + " has no series " + key);
    }

    /** Pixel columns of the chart holding a value of the series {@code key} (about one per sample while few). */
    public static int drawnColumns(Node page, String chartId, String key) {
        TimeChart chart = (TimeChart) page.lookup("#" + chartId);
        for (int i = 0; i < chart.series().size(); i++) {
            if (chart.series().get(i).key().equals(key)) {
                return chart.columnsOf(i).valueColumns();
            }
        }
        throw new IllegalArgumentException("chart " + chartId + " has no series " + key);
    }

    /** One service's card in the health panel as shown: check name → "level | evidence". */
    public static Map<String, String> shownChecks(Node page, String service) {
        Map<String, String> checks = new LinkedHashMap<>();
        Node card = page.lookup("#health-card-" + service);
        if (card == null) {
            return checks;
        }
        for (Node check : card.lookupAll(".health-check")) {
            Label name = (Label) check.lookup(".health-check-name");
            Label level = (Label) check.lookup(".health-level");
            Label evidence = (Label) check.lookup(".health-evidence");
            checks.put(name.getText(), level.getText() + " | " + evidence.getText());
        }
        return checks;
    }
}
