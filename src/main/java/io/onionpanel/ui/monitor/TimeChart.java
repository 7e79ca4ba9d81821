package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.ui.common.Spacer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A time-series chart drawn on one Canvas: whatever the history's length, each series becomes one min/max
 * segment per pixel column ({@link Columns}), so a redraw costs the same for 10 minutes or 30 days. Title and
 * legend are ordinary labels (themed by CSS); axes, lines, failure marks and the hover read-out are painted.
 */
public final class TimeChart extends Region {
    static final double LEFT = 62;
    static final double RIGHT = 12;
    static final double TOP = 8;
    static final double BOTTOM = 22;
    private static final Font AXIS_FONT = Font.font(11);
    private static final DateTimeFormatter HOVER_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ENGLISH);

    /** One line (or, with {@code marks}, a row of event marks such as probe failures) of the chart. */
    public record Series(String key, String label, Color color, boolean marks) {
    }

    private final String title;
    private final ValueFormat format;
    private final List<Series> series = new ArrayList<>();
    private final Label titleLabel;
    private final HBox header;
    private final FlowPane legend = new FlowPane(12, 2);
    private final Canvas canvas = new Canvas();
    private final Map<String, SeriesPoints> data = new HashMap<>();
    private Columns[] columns = new Columns[0];
    private long from;
    private long to;
    private double hoverX = -1;
    /** How far (pixels) the read-out looks either side of the pointer for a sample. */
    static final int READOUT_REACH = 8;
    private ZoneId zone = ZoneId.systemDefault();

    TimeChart(String title, ValueFormat format) {
        this.title = title;
        this.format = format;
        getStyleClass().add("time-chart");
        titleLabel = new Label(title);
        titleLabel.getStyleClass().add("chart-title");
        Region spacer = Spacer.horizontal();
        header = new HBox(8, titleLabel, spacer);
        header.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().add("time-chart-legend");
        legend.setPadding(new Insets(2, 0, 0, 0));
        canvas.setOnMouseMoved(e -> {
            hoverX = e.getX();
            draw();
        });
        canvas.setOnMouseExited(e -> {
            hoverX = -1;
            draw();
        });
        getChildren().addAll(header, legend, canvas);
    }

    /** Replaces the series (the latency chart's change with the chosen service). */
    void setSeries(List<Series> all) {
        series.clear();
        legend.getChildren().clear();
        data.clear();
        columns = new Columns[0];
        all.forEach(this::addSeries);
        draw();
    }

    void addSeries(Series s) {
        series.add(s);
        Node swatch = s.marks() ? new Polygon(0, 8, 8, 8, 4, 1) : new Rectangle(14, 3);
        ((javafx.scene.shape.Shape) swatch).setFill(s.color());
        Label entry = new Label(s.label(), swatch);
        entry.getStyleClass().add("chart-legend-entry");
        legend.getChildren().add(entry);
        columns = java.util.Arrays.copyOf(columns, series.size());
    }

    /** A control shown at the right of the title (e.g. the service picker). */
    void setHeaderExtra(Node node) {
        header.getChildren().add(node);
    }

    List<Series> series() {
        return List.copyOf(series);
    }

    String title() {
        return title;
    }

    /** Width of the plot area in pixels: the number of points worth asking the monitor for. */
    public int plotWidth() {
        return (int) Math.max(1, Math.floor(canvas.getWidth() - LEFT - RIGHT));
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    /** New points for the window {@code from..to} (epoch ms); folds them into columns and repaints. */
    public void setData(Map<String, SeriesPoints> points, long from, long to) {
        data.clear();
        data.putAll(points);
        this.from = from;
        this.to = to;
        reduceAndDraw();
    }

    private void reduceAndDraw() {
        int width = plotWidth();
        for (int i = 0; i < series.size(); i++) {
            SeriesPoints p = data.getOrDefault(series.get(i).key(), SeriesPoints.empty());
            columns[i] = Columns.reduce(p, from, to, width);
        }
        draw();
    }

    /** Columns of series {@code index} as last drawn (for tests). */
    Columns columnsOf(int index) {
        return columns[index];
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double w = getWidth() - in.getLeft() - in.getRight();
        double y = in.getTop();
        double hh = header.prefHeight(w);
        header.resizeRelocate(in.getLeft(), y, w, hh);
        y += hh;
        double lh = legend.prefHeight(w);
        legend.resizeRelocate(in.getLeft(), y, w, lh);
        y += lh + 2;
        double ch = Math.max(0, getHeight() - in.getBottom() - y);
        canvas.relocate(in.getLeft(), y);
        if (canvas.getWidth() != w || canvas.getHeight() != ch) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(ch);
            if (from < to) {
                reduceAndDraw();
            } else {
                draw();
            }
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return 220;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 360;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 120;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 160;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (w < LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) {
            return;
        }
        Color text = colorOf(titleLabel.getTextFill(), Color.web("#1f1a28"));
        Color muted = legend.getChildren().isEmpty() ? text
                : colorOf(((Label) legend.getChildren().get(0)).getTextFill(), text);
        Color grid = muted.deriveColor(0, 1, 1, 0.22);
        double plotW = plotWidth();
        double plotH = h - TOP - BOTTOM;
        double bottom = TOP + plotH;

        double lo = Double.NaN;
        double hi = Double.NaN;
        boolean any = false;
        for (int i = 0; i < series.size(); i++) {
            Columns c = columns[i];
            if (c == null || !c.hasValues()) {
                continue;
            }
            any = true;
            if (!series.get(i).marks()) {
                lo = minOf(lo, c.minValue());
                hi = maxOf(hi, c.maxValue());
            }
        }
        Scales.ValueAxis axis = Scales.valueAxis(lo, hi, Math.max(2, Math.min(5, (int) (plotH / 36))), format.axisUnit(hi));

        g.setFont(AXIS_FONT);
        g.setLineWidth(1);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double t : axis.ticks()) {
            double y = snap(axis.y(t, TOP, plotH));
            g.setStroke(grid);
            g.strokeLine(LEFT, y, LEFT + plotW, y);
            if (any) {
                // Without data the scale means nothing: no numbers.
                g.setFill(muted);
                g.fillText(format.format(t), LEFT - 6, y);
            }
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        if (to > from) {
            for (Scales.TimeTick tick : Scales.timeTicks(from, to, plotW, 56, zone)) {
                double x = snap(LEFT + (tick.time() - from) * plotW / (to - from));
                g.setStroke(grid);
                g.strokeLine(x, TOP, x, bottom);
                g.setFill(muted);
                g.fillText(tick.label(), Math.min(Math.max(x, LEFT + 14), LEFT + plotW - 14), bottom + 5);
            }
        }
        g.setStroke(muted.deriveColor(0, 1, 1, 0.6));
        g.strokeLine(snap(LEFT), TOP, snap(LEFT), snap(bottom));
        g.strokeLine(LEFT, snap(bottom), LEFT + plotW, snap(bottom));

        g.save();
        g.beginPath();
        g.rect(LEFT, TOP - 2, plotW + 1, plotH + 3);
        g.clip();
        for (int i = 0; i < series.size(); i++) {
            Columns c = columns[i];
            if (c == null) {
                continue;
            }
            Series s = series.get(i);
            if (s.marks()) {
                drawMarks(g, c, s.color(), bottom);
            } else {
                drawLine(g, c, s.color(), axis, plotH);
            }
        }
        g.restore();

        if (!any) {
            g.setFill(muted);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            String message = series.isEmpty() ? "Nothing to show yet" : from < to ? "No data in this range yet" : "Waiting for data";
            g.fillText(message, LEFT + plotW / 2, TOP + plotH / 2);
        }
        if (any && hoverX >= LEFT && hoverX < LEFT + plotW && to > from) {
            drawReadout(g, readoutColumn((int) (hoverX - LEFT)), text, muted, plotW, plotH);
        }
    }

    /**
     * One path per series, at most two points per column: the line enters each column at whichever extreme is
     * nearer to where it was and leaves at the other, so a dense column becomes one vertical min–max stroke.
     */
    private static void drawLine(GraphicsContext g, Columns c, Color color, Scales.ValueAxis axis, double plotH) {
        g.setStroke(color);
        g.setFill(color);
        g.setLineWidth(1.6);
        g.beginPath();
        boolean pen = false;
        int segmentPoints = 0;
        double penX = 0;
        double penY = 0;
        List<double[]> dots = new ArrayList<>();
        for (int i = 0; i < c.count; i++) {
            byte state = c.state[i];
            if (state == Columns.GAP || (state == Columns.VALUE && pen && c.breakBefore[i])) {
                if (segmentPoints == 1) {
                    dots.add(new double[]{penX, penY});
                }
                pen = false;
                segmentPoints = 0;
            }
            if (state != Columns.VALUE) {
                continue;
            }
            double x = LEFT + i + 0.5;
            double yHigh = axis.y(c.max[i], TOP, plotH);
            double yLow = axis.y(c.min[i], TOP, plotH);
            if (!pen) {
                double yFirst = axis.y(c.first[i], TOP, plotH);
                g.moveTo(x, yFirst);
                penY = yFirst;
                segmentPoints = 1;
                if (yHigh != yLow) {
                    g.lineTo(x, yFirst == yHigh ? yLow : yHigh);
                    g.lineTo(x, yFirst == yHigh ? yHigh : yLow);
                    penY = yFirst == yHigh ? yHigh : yLow;
                    segmentPoints += 2;
                }
            } else if (yHigh == yLow) {
                g.lineTo(x, yHigh);
                penY = yHigh;
                segmentPoints++;
            } else {
                boolean enterHigh = Math.abs(penY - yHigh) < Math.abs(penY - yLow);
                g.lineTo(x, enterHigh ? yHigh : yLow);
                g.lineTo(x, enterHigh ? yLow : yHigh);
                penY = enterHigh ? yLow : yHigh;
                segmentPoints += 2;
            }
            penX = x;
            pen = !c.breakAfter[i];
            if (!pen && segmentPoints == 1) {
                dots.add(new double[]{penX, penY});
                segmentPoints = 0;
            }
        }
        if (segmentPoints == 1) {
            dots.add(new double[]{penX, penY});
        }
        g.stroke();
        for (double[] d : dots) {
            g.fillOval(d[0] - 2, d[1] - 2, 4, 4);
        }
    }

    private static void drawMarks(GraphicsContext g, Columns c, Color color, double bottom) {
        g.setFill(color);
        for (int i = 0; i < c.count; i++) {
            if (c.state[i] == Columns.VALUE && c.max[i] > 0) {
                double x = LEFT + i + 0.5;
                g.fillPolygon(new double[]{x - 4, x + 4, x}, new double[]{bottom, bottom, bottom - 8}, 3);
            }
        }
    }

    private void drawReadout(GraphicsContext g, int col, Color text, Color muted, double plotW, double plotH) {
        double x = snap(LEFT + col + 0.5);
        g.setStroke(muted);
        g.setLineWidth(1);
        g.strokeLine(x, TOP, x, TOP + plotH);
        long time = from + Math.round((col + 0.5) * (to - from) / plotW);
        List<String> lines = new ArrayList<>();
        lines.add(HOVER_TIME.withZone(zone).format(Instant.ofEpochMilli(time)));
        for (int i = 0; i < series.size(); i++) {
            lines.add(series.get(i).label() + ": " + readout(series.get(i), columns[i], col));
        }
        Text measure = new Text();
        measure.setFont(AXIS_FONT);
        double boxW = 0;
        for (String l : lines) {
            measure.setText(l);
            boxW = Math.max(boxW, measure.getLayoutBounds().getWidth());
        }
        boxW += 12;
        double lineH = 15;
        double boxH = lines.size() * lineH + 8;
        double bx = x + 10 + boxW > LEFT + plotW ? x - 10 - boxW : x + 10;
        double by = TOP + 4;
        Paint bg = backgroundPaint();
        g.setFill(bg);
        g.fillRoundRect(bx, by, boxW, boxH, 6, 6);
        g.setStroke(muted.deriveColor(0, 1, 1, 0.7));
        g.strokeRoundRect(snap(bx), snap(by), boxW, boxH, 6, 6);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < lines.size(); i++) {
            g.setFill(i == 0 ? muted : series.get(i - 1).color().interpolate(text, 0.35));
            g.fillText(lines.get(i), bx + 6, by + 4 + i * lineH);
        }
    }

    /**
     * The column the read-out describes: the one under the pointer, or the nearest within a few pixels that holds
     * a sample. Probes are sparse (every 30 s by default, about one per 13 px at 10 min): without this, most
     * pointer positions between two samples would read "—".
     */
    int readoutColumn(int col) {
        for (int d = 0; d <= READOUT_REACH; d++) {
            if (hasSample(col - d)) {
                return col - d;
            }
            if (hasSample(col + d)) {
                return col + d;
            }
        }
        return col;
    }

    private boolean hasSample(int col) {
        for (Columns c : columns) {
            if (c != null && col >= 0 && col < c.count && c.state[col] == Columns.VALUE) {
                return true;
            }
        }
        return false;
    }

    private static int nearestValue(Columns c, int col) {
        for (int d = 1; d <= READOUT_REACH; d++) {
            if (col - d >= 0 && c.state[col - d] == Columns.VALUE) {
                return col - d;
            }
            if (col + d < c.count && c.state[col + d] == Columns.VALUE) {
                return col + d;
            }
        }
        return -1;
    }

    /** What the hover read-out says for one series at one column (or the nearest within reach holding a sample). */
    String readout(Series s, Columns c, int col) {
        if (c == null || col < 0 || col >= c.count) {
            return "no data";
        }
        if (c.state[col] == Columns.GAP) {
            return "gap";
        }
        if (c.state[col] != Columns.VALUE) {
            // Downsampling keeps each series' own points, so a neighbour may hold this series' sample.
            int near = nearestValue(c, col);
            if (near < 0) {
                return "—";
            }
            col = near;
        }
        if (s.marks()) {
            return ValueFormat.COUNT.format(c.sum[col]);
        }
        String low = format.format(c.min[col]);
        String high = format.format(c.max[col]);
        return low.equals(high) ? high : low + " – " + high;
    }

    private Paint backgroundPaint() {
        Background b = getBackground();
        if (b != null && !b.getFills().isEmpty()) {
            return b.getFills().get(0).getFill();
        }
        return Color.WHITE;
    }

    private static Color colorOf(Paint p, Color fallback) {
        return p instanceof Color c ? c : fallback;
    }

    private static double snap(double v) {
        return Math.floor(v) + 0.5;
    }

    private static double minOf(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double maxOf(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
