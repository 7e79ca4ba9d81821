package io.onionpanel.ui.remote;

import io.onionpanel.auth.ClientValidation;
import io.onionpanel.common.ValidationException;
import io.onionpanel.control.KnownRemotes;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.LastFolder;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Connect to a remote panel…": a name for the server and its pairing code, pasted or read from an image of its QR
 * code, kept exactly as {@code onion-panel remote pair NAME CODE|--image FILE} keeps it ({@link KnownRemotes}). The
 * dialog stays open on a bad code with what is wrong (never the code's secret parts) and writes nothing then.
 * The code field is masked: the code is the desktop's credential, not for a screen share or a screenshot.
 */
public final class ConnectRemoteDialog extends Dialog<ButtonType> {
    static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
    private final TextField name = new TextField();
    private final PasswordField code = new PasswordField();
    private final Label imageChosen = new Label();
    private final Label error = new Label();
    private Path image;
    private String paired;

    public ConnectRemoteDialog(Window owner, Path dataDir) {
        initOwner(owner);
        setTitle("Connect to a remote panel");
        setHeaderText("Manage a server's panel from this window");
        getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);
        getDialogPane().setId("remote-connect-dialog");
        Label how = new Label("On the server, turn remote access on and pair this desktop (Settings → Remote access →"
                + " Pair a desktop…, or 'onion-panel remote pair DESKTOP'). Paste the pairing code it shows once, or"
                + " choose a screenshot or photo of its QR code. The connection goes through this computer's tor.");
        how.setWrapText(true);
        how.getStyleClass().add("muted");
        name.setId("remote-name");
        name.setPromptText("a name for the server, e.g. home-server");
        code.setId("remote-code");
        code.setPromptText("onion-panel-remote-1:…");
        Button fromImage = new Button("From an _image…");
        fromImage.setId("remote-image");
        fromImage.setOnAction(e -> chooseImage());
        imageChosen.setId("remote-image-chosen");
        imageChosen.getStyleClass().add("muted");
        imageChosen.setWrapText(true);
        error.setId("remote-connect-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        // The dialog's window keeps its first size: a message of several lines would push the buttons out of it.
        error.textProperty().addListener((obs, old, now) -> javafx.application.Platform.runLater(() -> Dialogs.fitToContent(this)));

        GridPane grid = Dialogs.formGrid();
        Label nameLabel = new Label("_Name:");
        nameLabel.setMnemonicParsing(true);
        nameLabel.setLabelFor(name);
        Label codeLabel = new Label("Pairing _code:");
        codeLabel.setMnemonicParsing(true);
        codeLabel.setLabelFor(code);
        HBox codeRow = new HBox(8, code, fromImage);
        HBox.setHgrow(code, Priority.ALWAYS);
        grid.addRow(0, nameLabel, name);
        grid.addRow(1, codeLabel, codeRow);
        GridPane.setHgrow(name, Priority.ALWAYS);
        GridPane.setHgrow(codeRow, Priority.ALWAYS);
        VBox content = new VBox(10, how, grid, imageChosen, error);
        content.setPrefWidth(620);
        getDialogPane().setContent(content);
        getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        setResizable(true);
        code.textProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                image = null; // the pasted code wins over an image chosen before
                imageChosen.setText("");
            }
        });

        Button connect = (Button) getDialogPane().lookupButton(CONNECT);
        connect.setId("remote-connect-confirm");
        connect.addEventFilter(ActionEvent.ACTION, event -> {
            // Stays open until the code is kept; a refusal is shown here and nothing is written.
            event.consume();
            String remote = name.getText().strip();
            String problem = problem(remote);
            if (problem != null) {
                error.setText(problem);
                return;
            }
            connect.setDisable(true);
            error.setText("");
            Path from = image;
            String text = code.getText();
            KnownRemotes known = new KnownRemotes(dataDir);
            Tasks.run(() -> from != null ? known.addFromImage(remote, from) : known.add(remote, text), stored -> {
                paired = remote;
                setResult(CONNECT);
                close();
            }, failure -> {
                error.setText(Messages.of(failure));
                connect.setDisable(false);
            });
        });
        setOnShown(e -> name.requestFocus());
        Dialogs.themed(this, owner);
    }

    private String problem(String remote) {
        if (remote.isEmpty()) {
            return "Enter a name for the remote panel.";
        }
        try {
            ClientValidation.requireName(remote);
        } catch (ValidationException e) {
            // Not the refused text: a pairing code pasted into the wrong field would be shown on screen.
            return "The name may only contain letters, digits, '-' and '_', start with a letter or digit, and be at most"
                    + " 64 characters.";
        }
        if (image == null && code.getText().isBlank()) {
            return "Paste the pairing code shown on the server, or choose an image of its QR code.";
        }
        return null;
    }

    private void chooseImage() {
        FileChooser chooser = LastFolder.fileChooser("The server's pairing QR code");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"));
        File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            LastFolder.remember(chosen);
            chooseImage(chosen.toPath());
        }
    }

    /** Takes the code from this image's QR code when Connect is pressed. */
    void chooseImage(Path file) {
        image = file;
        code.clear();
        imageChosen.setText("The pairing code is read from the QR code in " + file.getFileName() + ".");
    }

    /** The name the remote panel was paired under, once Connect succeeded. */
    public Optional<String> paired() {
        return Optional.ofNullable(paired);
    }
}
