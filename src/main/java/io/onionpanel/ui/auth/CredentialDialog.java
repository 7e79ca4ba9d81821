package io.onionpanel.ui.auth;

import io.onionpanel.auth.ClientAuthorization;
import io.onionpanel.auth.ClientCredential;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.LastFolder;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.QrCodes;
import io.onionpanel.ui.common.Tasks;
import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
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
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Hands a client's credential to the operator in every form clients use: the line of tor's .auth_private file
 * (copy, or save as a file for ClientOnionAuthDir), the bare key Tor Browser asks for, and QR codes of the
 * address and of the key. After generation this is the only time the private key is shown, unless the operator
 * ticks "Keep the private key in the panel".
 */
public final class CredentialDialog extends Dialog<ButtonType> {
    private final TextArea line = new TextArea();
    private final TextField key = new TextField();
    private final Label saved = new Label();

    /**
     * A key pair generated here for a client of another engine's service (a remote panel): shown once, copied or saved
     * here; never kept, and never sent to the server.
     */
    public static void showGenerated(Window owner, Notifier notifier, String service, ClientCredential credential) {
        new CredentialDialog(owner, null, notifier, service, credential, false, true, () -> { }).showAndWait();
    }

    /**
     * {@code auth} null: the key cannot be kept (no checkbox). {@code keptChanged} runs (on the FX thread) after the
     * private key was kept or forgotten on closing.
     */
    CredentialDialog(Window owner, ClientAuthorization auth, Notifier notifier, String service, ClientCredential credential,
                     boolean kept, boolean firstTime, Runnable keptChanged) {
        initOwner(owner);
        Dialogs.themed(this, owner);
        setTitle("Credential of '" + credential.client() + "'");
        setHeaderText(firstTime
                ? "Give this to '" + credential.client() + "' now: the panel shows the private key only this once"
                : "Credential of '" + credential.client() + "' for '" + service + "'");
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().setId("client-credential-dialog");

        line.setId("credential-line");
        line.setEditable(false);
        line.setWrapText(true);
        line.setPrefRowCount(2);
        line.getStyleClass().add("onion-address");
        line.setText(credential.authPrivateLine());
        key.setId("credential-key");
        key.setEditable(false);
        key.getStyleClass().add("onion-address");
        key.setText(credential.privateKey());
        HBox.setHgrow(line, Priority.ALWAYS);
        HBox.setHgrow(key, Priority.ALWAYS);
        Button copyLine = new Button("Copy");
        copyLine.setId("credential-copy-line");
        copyLine.setOnAction(e -> Notifier.copy(line.getText()));
        Button copyKey = new Button("Copy");
        copyKey.setId("credential-copy-key");
        copyKey.setOnAction(e -> Notifier.copy(key.getText()));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        Label lineLabel = new Label("For tor (a file in its ClientOnionAuthDir, named " + credential.fileName() + "):");
        lineLabel.setWrapText(true);
        grid.add(lineLabel, 0, 0, 2, 1);
        grid.add(line, 0, 1);
        grid.add(copyLine, 1, 1);
        grid.add(new Label("For Tor Browser (it asks for the key when it opens the address):"), 0, 2, 2, 1);
        grid.add(key, 0, 3);
        grid.add(copyKey, 1, 3);
        GridPane.setHgrow(line, Priority.ALWAYS);
        GridPane.setHgrow(key, Priority.ALWAYS);

        ImageView addressQr = qr(credential.onionAddress());
        addressQr.setId("credential-qr-address");
        ImageView keyQr = qr(credential.privateKey());
        keyQr.setId("credential-qr-key");
        VBox addressBox = new VBox(4, addressQr, caption("Address"));
        VBox keyBox = new VBox(4, keyQr, caption("Private key"));
        addressBox.setAlignment(Pos.CENTER);
        keyBox.setAlignment(Pos.CENTER);
        HBox qrs = new HBox(24, addressBox, keyBox);
        qrs.setAlignment(Pos.CENTER);

        Button save = new Button("_Save .auth_private file…");
        save.setId("credential-save");
        save.setMinWidth(Region.USE_PREF_SIZE);
        save.setOnAction(e -> {
            FileChooser chooser = LastFolder.fileChooser("Save the client's .auth_private file");
            chooser.setInitialFileName(credential.fileName());
            File chosen = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                LastFolder.remember(chosen);
                saveTo(credential, chosen);
            }
        });
        saved.setId("credential-saved");
        saved.getStyleClass().add("muted");
        saved.setWrapText(true);
        saved.setMinHeight(Region.USE_PREF_SIZE);
        saved.managedProperty().bind(saved.textProperty().isNotEmpty());
        // Under the button, not beside it: a long path beside it squeezed the button to "…".
        VBox saveRow = new VBox(6, save, saved);

        CheckBox keep = new CheckBox("_Keep the private key in the panel (to export it again later)");
        keep.setId("credential-keep");
        keep.setSelected(kept);
        keep.setVisible(auth != null);
        keep.setManaged(auth != null);
        Label warning = new Label("Anyone with this key can reach the service as '" + credential.client() + "'. Send it"
                + " over a private channel, and remove the client here if it leaks.");
        warning.setWrapText(true);
        warning.setMinHeight(Region.USE_PREF_SIZE);
        warning.getStyleClass().add("muted");
        lineLabel.setMinHeight(Region.USE_PREF_SIZE);
        getDialogPane().setMinHeight(Region.USE_PREF_SIZE);

        VBox content = new VBox(12, grid, qrs, saveRow, keep, warning);
        content.setPrefWidth(640);
        getDialogPane().setContent(content);

        setOnHidden(e -> {
            boolean wanted = keep.isSelected();
            if (wanted != kept) {
                Tasks.run(() -> {
                    if (wanted) {
                        auth.keep(service, credential);
                    } else {
                        auth.forget(service, credential.client());
                    }
                }, keptChanged, failure -> notifier.error("Private key of '" + credential.client() + "'", failure));
            }
            // Do not leave the key in the scene graph longer than needed.
            line.clear();
            key.clear();
            addressQr.setImage(null);
            keyQr.setImage(null);
        });
    }

    /** Writes the file off the FX thread; the dialog grows to fit the result line instead of squeezing the rest. */
    void saveTo(ClientCredential credential, File chosen) {
        Tasks.run(() -> credential.writeFile(chosen.toPath()),
                () -> showSaved("Saved " + chosen + " (readable by you only)."),
                failure -> showSaved("Not saved: " + Messages.of(failure)));
    }

    private void showSaved(String text) {
        saved.setText(text);
        if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    /** Both codes at the same size whatever their content. */
    private static ImageView qr(String text) {
        return new ImageView(QrCodes.of(text, 180));
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }
}
