package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.CircuitPurposes;
import io.onionpanel.monitor.CircuitRow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Tor's circuits as the monitor last reported them; the user's sort order survives each update. */
final class CircuitTable extends VBox {
    private final Clock clock;
    private final ObservableList<CircuitRow> rows = FXCollections.observableArrayList();
    private final TableView<CircuitRow> table = new TableView<>();
    private final Label summary = new Label();
    /** Ticks once a second; the age cells follow it (a table refresh would rebuild every cell). */
    private final javafx.beans.property.ObjectProperty<java.time.Instant> now = new javafx.beans.property.SimpleObjectProperty<>();

    CircuitTable(Clock clock) {
        this.clock = clock;
        getStyleClass().add("circuit-table");
        setSpacing(8);
        table.setId("monitor-circuits");
        table.setFixedCellSize(24);
        SortedList<CircuitRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No circuits: tor is not running or has not built any yet."));
        TableColumn<CircuitRow, Integer> id = new TableColumn<>("ID");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(numeric(c.getValue().id())));
        id.setPrefWidth(60);
        now.set(clock.instant());
        TableColumn<CircuitRow, java.time.Instant> age = new TableColumn<>("Age");
        age.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().created()));
        // Sorting by age is sorting by creation time, newest (youngest) first.
        age.setComparator(java.util.Comparator.<java.time.Instant>naturalOrder().reversed());
        age.setCellFactory(col -> new AgeCell());
        age.setPrefWidth(80);
        TableColumn<CircuitRow, Long> build = new TableColumn<>("Build time");
        build.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().buildMillis()));
        build.setCellFactory(col -> formatted(ms -> ms + " ms"));
        build.setPrefWidth(90);
        table.getColumns().add(id);
        table.getColumns().add(text("State", CircuitRow::state, 90));
        TableColumn<CircuitRow, String> purpose = text("Purpose", r -> CircuitPurposes.label(r.purpose()), 150);
        purpose.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String label, boolean empty) {
                super.updateItem(label, empty);
                CircuitRow row = empty ? null : getTableRow().getItem();
                setText(empty ? null : label);
                setTooltip(row == null ? null : new javafx.scene.control.Tooltip(CircuitPurposes.describe(row.purpose())));
            }
        });
        table.getColumns().add(purpose);
        table.getColumns().add(age);
        table.getColumns().add(build);
        table.getColumns().add(text("Path (relays)", r -> String.join(" → ", r.path()), 360));
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.SINGLE);
        summary.setId("monitor-circuits-summary");
        summary.getStyleClass().add("muted");
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(summary, table);
        show(List.of());
    }

    /** Replaces the rows, keeping the selected circuit selected. */
    void show(List<CircuitRow> circuits) {
        CircuitRow selected = table.getSelectionModel().getSelectedItem();
        rows.setAll(circuits);
        if (selected != null) {
            table.getItems().stream().filter(r -> r.id().equals(selected.id())).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
        }
        long built = circuits.stream().filter(r -> "BUILT".equals(r.state())).count();
        summary.setText(circuits.isEmpty() ? "No open circuits"
                : circuits.size() + (circuits.size() == 1 ? " circuit" : " circuits") + " (" + built + " built)");
    }

    /** Ages move on without any event: called once a second. */
    void tick() {
        now.set(clock.instant());
    }

    /** "3 min": follows the table's clock while it shows a circuit. */
    private final class AgeCell extends javafx.scene.control.TableCell<CircuitRow, java.time.Instant> {
        private final javafx.beans.InvalidationListener onTick = o -> show();
        private final javafx.beans.WeakInvalidationListener weakOnTick = new javafx.beans.WeakInvalidationListener(onTick);

        AgeCell() {
            now.addListener(weakOnTick);
        }

        @Override
        protected void updateItem(java.time.Instant created, boolean empty) {
            super.updateItem(created, empty);
            show();
        }

        private void show() {
            java.time.Instant created = isEmpty() ? null : getItem();
            setText(created == null ? null : age(Duration.between(created, now.get())));
        }
    }

    List<CircuitRow> shownRows() {
        return List.copyOf(table.getItems());
    }

    TableView<CircuitRow> table() {
        return table;
    }

    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    }

    private static Integer numeric(String id) {
        try {
            return Integer.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static TableColumn<CircuitRow, String> text(String title, Function<CircuitRow, String> value, double width) {
        TableColumn<CircuitRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static <T> javafx.scene.control.TableCell<CircuitRow, T> formatted(Function<T, String> format) {
        return new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "—" : format.apply(item));
            }
        };
    }
}
