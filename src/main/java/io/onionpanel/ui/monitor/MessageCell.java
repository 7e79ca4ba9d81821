package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.LogEntry;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * A log message: one line in the table, cut at the column's edge, and the whole message in a tooltip. One
 * tooltip per cell, re-texted as the cell is reused: a streaming log must not make a tooltip per line.
 */
final class MessageCell extends TableCell<LogEntry, String> {
    private final Tooltip whole = new Tooltip();

    MessageCell() {
        getStyleClass().add("log-message");
        whole.setWrapText(true);
        whole.setMaxWidth(640);
        whole.setShowDelay(Duration.millis(400));
        whole.setShowDuration(Duration.seconds(30));
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        boolean none = empty || item == null || item.isEmpty();
        setText(none ? null : item);
        if (!none) {
            whole.setText(item);
        }
        setTooltip(none ? null : whole);
    }
}
