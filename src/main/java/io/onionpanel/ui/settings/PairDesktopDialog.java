package io.onionpanel.ui.settings;

import io.onionpanel.auth.ClientValidation;
import io.onionpanel.common.ValidationException;
import io.onionpanel.control.PairingCode;
import io.onionpanel.control.RemoteServerFiles;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.QrCodes;
import io.onionpanel.ui.common.Tasks;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Pair a desktop…" on the server's window: a name, then the desktop's pairing code shown this once, as text to copy
 * and as a QR code ({@code onion-panel remote pair NAME --qr} in the window). The server keeps no copy of the code;
 * closing the dialog clears it from the screen.
 */
final class PairDesktopDialog extends Dialog<ButtonType> {
    static final ButtonType PAIR = new ButtonType("Pair", ButtonBar.ButtonData.OK_DONE);
    private final TextField name = new TextField();
    private final Label error = new Label();
    private final TextArea code = new TextArea();
    private final ImageView qr = new ImageView();

    /** {@code paired} runs on the FX thread with the engine's answer once the desktop is paired. */
    PairDesktopDialog(Window owner, RemoteServerFiles server, Consumer<String> paired) {
        initOwner(owner);
        setTitle("Pair a desktop");
        setHeaderText("Let a desktop manage this panel through its remote-access onion");
        getDialogPane().getButtonTypes().addAll(PAIR, ButtonType.CANCEL);
        getDialogPane().setId("remote-pair-dialog");
        name.setId("remote-pair-name");
        name.setPromptText("the desktop's name, e.g. alice-laptop");
        error.setId("remote-pair-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        GridPane grid = Dialogs.formGrid();
        Label nameLabel = new Label("Desktop _name:");
        nameLabel.setMnemonicParsing(true);
        nameLabel.setLabelFor(name);
        grid.addRow(0, nameLabel, name);
        VBox content = new VBox(10, grid, error);
        content.setPrefWidth(600);
        getDialogPane().setContent(content);
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        setResizable(true);

        Button pair = (Button) getDialogPane().lookupButton(PAIR);
        pair.setId("remote-pair-confirm");
        pair.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            String desktop = name.getText().strip();
            try {
                ClientValidation.requireName(desktop);
            } catch (ValidationException e) {
                error.setText(desktop.isEmpty() ? "Enter a name for the desktop." : e.getMessage());
                fit();
                return;
            }
            pair.setDisable(true);
            Tasks.run(() -> {
                PairingCode made = server.pair(desktop);
                return new Object[]{made, server.tellEngine()};
            }, result -> {
                showCode((PairingCode) result[0]);
                paired.accept((String) result[1]);
            }, failure -> {
                error.setText(Messages.of(failure));
                pair.setDisable(false);
                fit();
            });
        });
        setOnShown(e -> name.requestFocus());
        setOnHidden(e -> {
            // Not left in the scene graph longer than needed.
            code.clear();
            qr.setImage(null);
        });
        Dialogs.themed(this, owner);
    }

    private void showCode(PairingCode made) {
        setHeaderText("Pairing code for '" + made.desktop() + "': shown only this once");
        code.setId("remote-pair-code");
        code.setEditable(false);
        code.setWrapText(true);
        code.setPrefRowCount(4);
        code.getStyleClass().add("onion-address");
        code.setText(made.text());
        Button copy = new Button("_Copy");
        copy.setId("remote-pair-copy");
        copy.setOnAction(e -> Notifier.copy(code.getText()));
        HBox.setHgrow(code, Priority.ALWAYS);
        HBox codeRow = new HBox(8, code, copy);
        codeRow.setAlignment(Pos.TOP_LEFT);
        qr.setId("remote-pair-qr");
        qr.setImage(QrCodes.of(made.text(), 180));
        HBox qrRow = new HBox(qr);
        qrRow.setAlignment(Pos.CENTER);
        Label how = new Label("On the desktop: Connect to a remote panel… and paste this code or choose a photo or"
                + " screenshot of the QR code (or 'onion-panel remote pair SERVER-NAME CODE'). The code is the desktop's"
                + " key and token: anyone holding it can do what the desktop can, until you revoke it here. This panel"
                + " keeps no copy.");
        how.setWrapText(true);
        how.setMinHeight(Region.USE_PREF_SIZE);
        how.getStyleClass().add("muted");
        VBox content = new VBox(12, codeRow, qrRow, how);
        content.setPrefWidth(600);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        fit();
    }

    private void fit() {
        Dialogs.fitToContent(this);
    }
}
