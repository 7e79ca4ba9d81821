package io.onionpanel.ui.remote;

import io.onionpanel.balance.BalanceRules;
import io.onionpanel.common.ValidationException;
import io.onionpanel.ui.common.Dialogs;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for a backend's instance address (what {@code backend join} printed on the backend machine). An address that
 * is not a well-formed v3 onion address is refused here with the reason and the dialog stays open, so nothing is
 * sent; the server checks it again (and what only it knows: listed already, its frontend's own address).
 */
final class AddBackendDialog {
    private AddBackendDialog() {
    }

    /** The address as typed (the server normalises it), or empty when cancelled. */
    static Optional<String> ask(Window owner, String remote, String frontend) {
        Dialog<String> dialog = Dialogs.themed(new Dialog<>(), owner);
        dialog.initOwner(owner);
        dialog.setTitle("Add a backend");
        dialog.setHeaderText("Add a backend to '" + frontend + "' on '" + remote + "'");
        dialog.getDialogPane().setId("remote-balance-add-dialog");
        TextField address = new TextField();
        address.setId("remote-balance-add-address");
        address.setPromptText("the instance address 'backend join' showed (56 characters, then .onion)");
        address.getStyleClass().add("onion-address");
        address.setPrefColumnCount(50);
        Label how = new Label("On the backend machine, 'onion-panel backend join CODE --port …' prints its instance address."
                + " The server's Onionbalance then adds that machine's introduction points to the frontend's descriptor.");
        how.setWrapText(true);
        how.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wraps instead of cutting
        how.getStyleClass().add("muted");
        Label error = new Label();
        error.setId("remote-balance-add-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        VBox content = new VBox(8, how, address, error);
        content.setPrefWidth(560);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Add backend");
        ok.setId("remote-balance-add-confirm");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                BalanceRules.requireAddress("Backend address", address.getText());
                error.setText("");
            } catch (ValidationException refused) {
                error.setText(refused.getMessage());
                Dialogs.fitToContent(dialog);
                e.consume(); // stays open: nothing was sent
            }
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? address.getText().strip() : null);
        javafx.application.Platform.runLater(address::requestFocus);
        return dialog.showAndWait();
    }
}
