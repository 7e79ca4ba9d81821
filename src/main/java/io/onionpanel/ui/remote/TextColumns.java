package io.onionpanel.ui.remote;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

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
}
