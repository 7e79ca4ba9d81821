package io.onionpanel.ui.remote;

import io.onionpanel.common.ValidationException;
import io.onionpanel.ui.common.Dialogs;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A small form asking for what a remote page sends to the server: what it can check here (an address, a name, a
 * port mapping) is checked on OK, and a refusal is said under the fields with the dialog left open, so nothing is
 * sent; the server checks it all again.
 */
final class CheckedDialog {
    private CheckedDialog() {
    }

    /**
     * @param id     the dialog pane's id; its OK button is {@code id + "-confirm"}, its error line {@code id + "-error"}
     * @param result reads the fields, or throws a ValidationException with what is wrong
     */
    static <T> Optional<T> ask(Window owner, String id, String title, String header, String how, String ok,
                               List<Node> fields, Supplier<T> result) {
        return ask(owner, id, title, header, how, ok, fields, result, 560);
    }

    /** @param width the form's width (a wide form with help beside each field stays short enough for the screen) */
    static <T> Optional<T> ask(Window owner, String id, String title, String header, String how, String ok,
                               List<Node> fields, Supplier<T> result, double width) {
        Dialog<T> dialog = Dialogs.themed(new Dialog<>(), owner);
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.getDialogPane().setId(id);
        Label explained = new Label(how);
        explained.setWrapText(true);
        explained.setMinHeight(Region.USE_PREF_SIZE); // wraps instead of cutting
        explained.getStyleClass().add("muted");
        Label error = new Label();
        error.setId(id + "-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        VBox content = new VBox(8, explained);
        content.getChildren().addAll(fields);
        content.getChildren().add(error);
        content.setPrefWidth(width);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button confirm = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        confirm.setText(ok);
        confirm.setId(id + "-confirm");
        Object[] checked = new Object[1];
        confirm.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                checked[0] = result.get();
                error.setText("");
            } catch (ValidationException refused) {
                error.setText(refused.getMessage());
                Dialogs.fitToContent(dialog);
                e.consume(); // stays open: nothing was sent
            }
        });
        @SuppressWarnings("unchecked")
        javafx.util.Callback<ButtonType, T> converter = b -> b == ButtonType.OK ? (T) checked[0] : null;
        dialog.setResultConverter(converter);
        fields.stream().filter(f -> f instanceof javafx.scene.control.TextInputControl).findFirst()
                .ifPresent(first -> javafx.application.Platform.runLater(first::requestFocus));
        return dialog.showAndWait();
    }
}
