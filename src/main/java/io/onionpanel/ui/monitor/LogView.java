package io.onionpanel.ui.monitor;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.common.Tasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Tor's and the panel's messages, newest at the bottom: level filter, text search, pause (new lines wait,
 * counted, and appear on resume), copy and save. At most {@code maxRows} lines are kept, in the table and
 * while paused alike, so a chatty tor cannot grow the heap.
 */
final class LogView extends VBox {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    /** Sequence number of the "lines skipped" marker, which is no line of the monitor's. */
    static final long SKIPPED = -1;

    private static final javafx.css.PseudoClass WARN = javafx.css.PseudoClass.getPseudoClass("log-warn");
    private static final javafx.css.PseudoClass ERR = javafx.css.PseudoClass.getPseudoClass("log-err");

    private final int maxRows;
    private final ObservableList<LogEntry> rows = FXCollections.observableArrayList();
    private final FilteredList<LogEntry> shown = new FilteredList<>(rows);
    private final TableView<LogEntry> table = new TableView<>(shown);
    private final ComboBox<LogFilter.Level> level = new ComboBox<>();
    private final TextField search = new TextField();
    private final ToggleButton pause = new ToggleButton("_Pause");
    private final Button copy = new Button("_Copy selected");
    private final Button save = new Button("_Save…");
    private final Label count = new Label();
    private final Label status = new Label();
    private final ArrayDeque<LogEntry> pending = new ArrayDeque<>();
    private long pendingCount;
    private long lastSequence = Long.MIN_VALUE;

    LogView(int maxRows) {
        this.maxRows = maxRows;
        getStyleClass().add("log-view");
        setSpacing(8);

        level.setId("log-level");
        level.getItems().setAll(LogFilter.Level.values());
        level.setValue(LogFilter.Level.INFO);
        level.valueProperty().addListener((obs, old, now) -> applyFilter());
        search.setId("log-search");
        search.setPromptText("Search messages");
        search.setPrefColumnCount(18);
        search.textProperty().addListener((obs, old, now) -> applyFilter());
        pause.setId("log-pause");
        pause.selectedProperty().addListener((obs, was, paused) -> {
            if (!paused) {
                resume();
            }
            updateCount();
        });
        copy.setId("log-copy");
        copy.setOnAction(e -> Notifier.copy(selectedText()));
        copy.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        save.setId("log-save");
        save.setOnAction(e -> chooseFileAndSave());
        Region spacer = Spacer.horizontal();
        HBox bar = new HBox(8, level, search, pause, spacer, copy, save);
        bar.setAlignment(Pos.CENTER_LEFT);

        table.setId("log-table");
        // Rows of one height: the table need not measure rows as thousands of lines stream through.
        table.setFixedCellSize(22);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No messages match."));
        TableColumn<LogEntry, String> time = column("Time", e -> TIME.format(e.time()), 76);
        TableColumn<LogEntry, String> source = column("Source", LogEntry::source, 64);
        TableColumn<LogEntry, String> lvl = column("Level", e -> e.level().toLowerCase(Locale.ROOT), 64);
        lvl.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // Pseudo-classes, not style classes: a style-class change restyles the cell from scratch,
                // and in a streaming log every visible cell changes several times a second.
                pseudoClassStateChanged(WARN, !empty && "warn".equals(item));
                pseudoClassStateChanged(ERR, !empty && "err".equals(item));
            }
        });
        TableColumn<LogEntry, String> text = column("Message", LogEntry::text, 600);
        text.setCellFactory(col -> new MessageCell());
        table.getColumns().add(time);
        table.getColumns().add(source);
        table.getColumns().add(lvl);
        table.getColumns().add(text);
        for (TableColumn<LogEntry, ?> c : table.getColumns()) {
            c.setSortable(false);
        }
        VBox.setVgrow(table, Priority.ALWAYS);

        count.setId("log-count");
        count.getStyleClass().add("muted");
        status.setId("log-status");
        status.getStyleClass().add("muted");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox foot = new HBox(8, count, gap, status);
        getChildren().addAll(bar, table, foot);
        applyFilter();
    }

    private static TableColumn<LogEntry, String> column(String title, java.util.function.Function<LogEntry, String> value, double width) {
        TableColumn<LogEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** New lines (in sequence order); lines already shown are ignored, so a snapshot and events may overlap. */
    void append(List<LogEntry> entries, long droppedBefore) {
        List<LogEntry> fresh = new ArrayList<>(entries.size() + 1);
        if (droppedBefore > 0 && !pause.isSelected()) {
            // Lines came faster than the window takes them and the oldest waiting ones were dropped: say so.
            fresh.add(new LogEntry(SKIPPED, java.time.Instant.now(), "panel", "WARN", String.format(Locale.ROOT,
                    "%,d lines skipped here: they arrived faster than the window shows them", droppedBefore)));
        }
        for (LogEntry e : entries) {
            if (e.sequence() > lastSequence) {
                lastSequence = e.sequence();
                fresh.add(e);
            }
        }
        if (pause.isSelected()) {
            pendingCount += fresh.size() + droppedBefore;
            for (LogEntry e : fresh) {
                if (pending.size() == maxRows) {
                    pending.pollFirst();
                }
                pending.addLast(e);
            }
            updateCount();
            return;
        }
        addRows(fresh);
    }

    private void addRows(List<LogEntry> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        int overflow = rows.size() + fresh.size() - maxRows;
        if (overflow >= rows.size()) {
            rows.setAll(fresh.subList(fresh.size() - maxRows > 0 ? fresh.size() - maxRows : 0, fresh.size()));
        } else {
            if (overflow > 0) {
                rows.remove(0, overflow);
            }
            rows.addAll(fresh);
        }
        scrollToEndIfFollowing();
        updateCount();
    }

    /** Shows the newest line, unless paused or a line is selected (the user is reading). */
    void scrollToEndIfFollowing() {
        if (!pause.isSelected() && !shown.isEmpty() && table.getSelectionModel().isEmpty()) {
            table.scrollTo(shown.size() - 1);
        }
    }

    private void resume() {
        List<LogEntry> waiting = new ArrayList<>(pending);
        pending.clear();
        pendingCount = 0;
        addRows(waiting);
    }

    private void applyFilter() {
        shown.setPredicate(new LogFilter(level.getValue(), search.getText()));
        updateCount();
    }

    private void updateCount() {
        String text = String.format(Locale.ROOT, "%,d of %,d lines shown (the newest %,d are kept)", shown.size(), rows.size(), maxRows);
        if (pause.isSelected()) {
            text += String.format(Locale.ROOT, " · paused: %,d new %s waiting", pendingCount, pendingCount == 1 ? "line" : "lines");
            if (pendingCount > pending.size()) {
                text += String.format(Locale.ROOT, " (%,d oldest will be skipped)", pendingCount - pending.size());
            }
        }
        count.setText(text);
        pause.setText(pause.isSelected() ? String.format(Locale.ROOT, "_Resume (%,d)", pendingCount) : "_Pause");
    }

    String selectedText() {
        return table.getSelectionModel().getSelectedItems().stream().map(LogFilter::line).collect(Collectors.joining("\n"));
    }

    private void chooseFileAndSave() {
        FileChooser chooser = io.onionpanel.ui.common.LastFolder.fileChooser("Save log");
        chooser.setInitialFileName("onion-panel-log-" + LocalDate.now() + ".txt");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Text files", "*.txt", "*.log"));
        java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            io.onionpanel.ui.common.LastFolder.remember(file);
            saveTo(file.toPath(), ok -> { });
        }
    }

    /** Writes the lines as shown (filter applied) off the FX thread, atomically; reports in the status line. */
    void saveTo(Path target, Consumer<Boolean> done) {
        List<LogEntry> lines = List.copyOf(shown);
        status.setText("Saving…");
        Tasks.run(() -> {
            StringBuilder out = new StringBuilder();
            for (LogEntry e : lines) {
                out.append(LogFilter.line(e)).append('\n');
            }
            AtomicFiles.write(target, out.toString().getBytes(StandardCharsets.UTF_8));
            return lines.size();
        }, n -> {
            status.setText(String.format(Locale.ROOT, "Saved %,d lines to %s", n, target.getFileName()));
            done.accept(true);
        }, failure -> {
            status.setText("Not saved: " + Messages.of(failure));
            done.accept(false);
        });
    }

    List<LogEntry> shownRows() {
        return List.copyOf(shown);
    }

    TableView<LogEntry> table() {
        return table;
    }

    ToggleButton pauseButton() {
        return pause;
    }
}
