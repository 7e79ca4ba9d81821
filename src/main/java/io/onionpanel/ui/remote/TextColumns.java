package io.onionpanel.ui.remote;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** A read-only table column showing one text of each row: the remote pages' lists are read again, never edited in place. */
final class TextColumns {
    private TextColumns() {
    }

    static <T> TableColumn<T, String> of(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    /**
     * A column whose text may be longer than it is wide (a reason in words, an address in a narrow window): the whole
     * text in a tooltip, and cut where {@code overrun} says (an address keeps its start and its end).
     */
    static <T> TableColumn<T, String> withTooltip(String title, double width, Function<T, String> value,
                                                  OverrunStyle overrun) {
        TableColumn<T, String> c = of(title, width, value);
        c.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setTextOverrun(overrun);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : wrapping(text));
            }
        });
        return c;
    }

    private static Tooltip wrapping(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(480);
        return t;
    }
}
