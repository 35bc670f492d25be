package dev.berth.desktop.stats;

import dev.berth.desktop.i18n.Texts;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Stats tab's nodes: the current values on top, four charts over the last {@value StatsViewModel#WINDOW} samples
 * below. When the container is not running the charts give way to a sentence saying so.
 */
final class StatsView {

    private static final Texts T = Texts.of(StatsView.class);

    private static final double KB = 1000.0;
    private static final double MIB = 1024.0 * 1024.0;

    private final StatsViewModel model;
    private final BorderPane root = new BorderPane();
    private final XYChart.Series<Number, Number> cpu = series(T.get("stats.series.cpu"));
    private final XYChart.Series<Number, Number> memory = series(T.get("stats.series.memory"));
    private final XYChart.Series<Number, Number> netIn = series(T.get("stats.series.received"));
    private final XYChart.Series<Number, Number> netOut = series(T.get("stats.series.sent"));
    private final XYChart.Series<Number, Number> blockRead = series(T.get("stats.series.read"));
    private final XYChart.Series<Number, Number> blockWrite = series(T.get("stats.series.written"));

    StatsView(StatsViewModel model) {
        this.model = model;
        root.setId("detail-stats");
        root.getStyleClass().add("stats-tab");

        HBox values = new HBox(24,
                value(T.get("stats.value.cpu"), "stats-cpu", model.cpuProperty()),
                value(T.get("stats.value.memory"), "stats-memory", model.memoryProperty()),
                value(T.get("stats.value.network"), "stats-net", model.networkProperty()),
                value(T.get("stats.value.block"), "stats-block", model.blockProperty()));
        values.setPadding(new Insets(8, 12, 8, 12));
        values.setAlignment(Pos.CENTER_LEFT);
        values.getStyleClass().add("stats-values");

        GridPane charts = new GridPane();
        charts.setId("stats-charts");
        charts.setHgap(8);
        charts.setVgap(8);
        charts.setPadding(new Insets(4, 8, 8, 8));
        charts.add(chart(T.get("stats.chart.cpu"), 1, cpu), 0, 0);
        charts.add(chart(T.get("stats.chart.memory"), 1, memory), 1, 0);
        charts.add(chart(T.get("stats.chart.network"), 1, netIn, netOut), 0, 1);
        charts.add(chart(T.get("stats.chart.block"), 1, blockRead, blockWrite), 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            charts.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            charts.getRowConstraints().add(row);
        }

        Label message = new Label();
        message.setId("stats-status");
        message.getStyleClass().add("stats-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        // charts only once there is something to draw: an empty chart reads as "zero", which would be a lie
        charts.visibleProperty().bind(model.stateProperty().isEqualTo(StatsViewModel.State.RUNNING)
                .and(model.messageProperty().isEmpty()));
        values.visibleProperty().bind(model.stateProperty().isEqualTo(StatsViewModel.State.RUNNING));

        root.setTop(values);
        root.setCenter(new StackPane(charts, message));
        model.points().addListener((ListChangeListener<StatsPoint>) change -> update());
    }

    Node node() {
        return root;
    }

    private void update() {
        if (model.points().isEmpty()) {
            return;
        }
        StatsPoint newest = model.points().get(model.points().size() - 1);
        if (!cpu.getData().isEmpty() && cpu.getData().get(cpu.getData().size() - 1).getXValue().doubleValue()
                >= newest.seconds()) {
            return; // nothing new
        }
        double lastShown = lastX();
        for (StatsPoint p : model.points()) {
            if (p.seconds() > lastShown) {
                add(cpu, p, p.cpuPercent());
                add(memory, p, p.memoryUsed() / MIB);
                add(netIn, p, scaled(p.networkInRate()));
                add(netOut, p, scaled(p.networkOutRate()));
                add(blockRead, p, scaled(p.blockReadRate()));
                add(blockWrite, p, scaled(p.blockWriteRate()));
            }
        }
        double oldest = model.points().get(0).seconds();
        for (XYChart.Series<Number, Number> s : java.util.List.of(cpu, memory, netIn, netOut, blockRead, blockWrite)) {
            int stale = 0;
            while (stale < s.getData().size() && s.getData().get(stale).getXValue().doubleValue() < oldest) {
                stale++;
            }
            if (stale > 0) {
                s.getData().remove(0, stale);
            }
        }
    }

    /** Newest x drawn in any series (CPU may lag one sample behind the others). */
    private double lastX() {
        double last = Double.NEGATIVE_INFINITY;
        for (XYChart.Series<Number, Number> s : java.util.List.of(cpu, memory)) {
            if (!s.getData().isEmpty()) {
                last = Math.max(last, s.getData().get(s.getData().size() - 1).getXValue().doubleValue());
            }
        }
        return last;
    }

    @SafeVarargs
    private static void rescale(NumberAxis y, double floor, XYChart.Series<Number, Number>... series) {
        double max = 0;
        for (XYChart.Series<Number, Number> s : series) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                max = Math.max(max, d.getYValue().doubleValue());
            }
        }
        double top = niceCeiling(Math.max(floor, max * 1.1));
        if (top != y.getUpperBound()) {
            y.setUpperBound(top);
            y.setTickUnit(top / 4);
        }
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at or above {@code value}: round tick labels. */
    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static Double scaled(Double bytesPerSecond) {
        return bytesPerSecond == null ? null : bytesPerSecond / KB;
    }

    private static void add(XYChart.Series<Number, Number> series, StatsPoint p, Double value) {
        if (value != null) {
            series.getData().add(new XYChart.Data<>(p.seconds(), value));
        }
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    /** @param floor the least top of the y axis, so an idle container reads as a flat line at zero, not as no chart */
    @SafeVarargs
    private static Node chart(String title, double floor, XYChart.Series<Number, Number>... series) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setTickLabelsVisible(false);
        x.setTickMarkVisible(false);
        x.setMinorTickVisible(false);
        x.setAnimated(false);
        NumberAxis y = new NumberAxis(0, floor, floor / 4);
        y.setAutoRanging(false);
        y.setAnimated(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(series.length > 1);
        chart.getData().addAll(series);
        chart.getStyleClass().add("stats-chart");
        chart.setMinSize(0, 0);
        for (XYChart.Series<Number, Number> s : series) {
            s.getData().addListener((javafx.collections.ListChangeListener<XYChart.Data<Number, Number>>) c ->
                    rescale(y, floor, series));
        }
        return chart;
    }

    private static Node value(String caption, String id, ObservableStringValue text) {
        Label title = new Label(caption);
        title.getStyleClass().add("stats-caption");
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("stats-value");
        value.textProperty().bind(text);
        return new VBox(2, title, value);
    }
}
