package io.onionpanel.ui.remote;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.LastFolder;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
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
 * Restores a backup file of this computer on a remote panel: the file's bytes go to the server's engine, which
 * verifies the keys (decrypting with the passphrase) and adds or replaces the service on its own data folder.
 */
final class RemoteRestoreDialog extends Dialog<PanelActions.RestoredBackup> {
    private static final ButtonType RESTORE = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
    private final TextField file = new TextField();
    private final PasswordField passphrase = new PasswordField();
    private final TextField name = new TextField();
    private final TextField ports = new TextField();
    private final CheckBox replace = new CheckBox("Re_place a service of that name (its keys move to the server's removed folder)");
    private final Label error = new Label();

    RemoteRestoreDialog(Window owner, PanelModel model) {
        String remote = model.managedPanelName().orElseThrow();
        initOwner(owner);
        Dialogs.themed(this, owner);
        setTitle("Restore a backup on '" + remote + "'");
        setHeaderText("Restore a service's keys from a backup on this computer: '" + remote + "' then publishes it.");
        getDialogPane().getButtonTypes().addAll(RESTORE, ButtonType.CANCEL);
        getDialogPane().setId("remote-restore-dialog");
        setResultConverter(button -> null); // restored: the result is set by the Restore button's work
        file.setId("remote-restore-file");
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("_Browse…");
        browse.setOnAction(e -> choose(owner));
        passphrase.setId("remote-restore-passphrase");
        passphrase.setPromptText("for the panel's encrypted backups");
        name.setId("remote-restore-name");
        name.setPromptText("default: the backup's");
        ports.setId("remote-restore-ports");
        ports.setPromptText("default: the backup's, e.g. 80=127.0.0.1:8000");
        replace.setId("remote-restore-replace");
        error.setId("remote-restore-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        GridPane grid = Dialogs.formGrid();
        grid.addRow(0, new Label("File:"), new HBox(8, file, browse));
        grid.addRow(1, new Label("Passphrase:"), passphrase);
        grid.addRow(2, new Label("Name:"), name);
        grid.addRow(3, new Label("Ports:"), ports);
        VBox content = new VBox(10, grid, replace, error);
        content.setPrefWidth(600);
        getDialogPane().setContent(content);
        Button restore = (Button) getDialogPane().lookupButton(RESTORE);
        restore.disableProperty().bind(file.textProperty().isEmpty());
        restore.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            event.consume(); // open until the server answers; closed on success only
            error.setText("");
            List<String> mappings;
            try {
                mappings = ports.getText().isBlank() ? null : RemoteServicesView.specs(ports.getText());
            } catch (io.onionpanel.common.ValidationException e) {
                error.setText(e.getMessage());
                return;
            }
            Path source = Path.of(file.getText().strip());
            char[] secret = passphrase.getText().isEmpty() ? null : passphrase.getText().toCharArray();
            String wanted = name.getText().isBlank() ? null : name.getText().strip();
            boolean replacing = replace.isSelected();
            getDialogPane().setDisable(true);
            Tasks.run(() -> {
                byte[] bytes = Files.readAllBytes(source);
                try {
                    return model.actions().restoreBackup(bytes, secret, wanted, mappings, replacing);
                } finally {
                    Arrays.fill(bytes, (byte) 0);
                }
            }, restored -> {
                wipe(secret);
                LastFolder.remember(source.toFile());
                setResult(restored);
                close();
            }, failure -> {
                wipe(secret);
                getDialogPane().setDisable(false);
                error.setText(Messages.of(failure));
            });
        });
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    private void choose(Window owner) {
        FileChooser chooser = LastFolder.fileChooser("Choose a backup");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Backups", "*.onionbackup", "*.tar.gz", "*.tgz", "*.tar", "*.zip"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showOpenDialog(owner);
        if (chosen != null) {
            file.setText(chosen.getAbsolutePath());
        }
    }
}
