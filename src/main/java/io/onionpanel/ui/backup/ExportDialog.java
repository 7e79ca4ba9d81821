package io.onionpanel.ui.backup;

import io.onionpanel.backup.Backups;
import io.onionpanel.backup.PassphraseStrength;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.LastFolder;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Exports one service's keys: encrypted by default (passphrase twice, with a strength hint), or as tor's
 * plain folder layout after an explicit acknowledgement. The passphrase is wiped after use, never stored.
 */
public final class ExportDialog extends Dialog<ButtonType> {
    public static final ButtonType EXPORT = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
    private final TextField file = new TextField();
    private final RadioButton encrypted = new RadioButton("_Encrypted with a passphrase (recommended)");
    private final RadioButton plain = new RadioButton("_Unencrypted tar.gz in tor's folder layout");
    private final PasswordField passphrase = new PasswordField();
    private final PasswordField confirm = new PasswordField();
    private final Label strength = new Label();
    private final CheckBox understood = new CheckBox("I understand that anyone with this file can run my onion address");
    private final Label error = new Label();
    private final ProgressIndicator working = new ProgressIndicator();
    private final Label workingText = new Label();
    private final javafx.beans.property.BooleanProperty busy = new javafx.beans.property.SimpleBooleanProperty();

    /** Writes a backup to {@code target} (null passphrase: unencrypted); blocks (a background thread). */
    @FunctionalInterface
    public interface Exporter {
        Exported export(Path target, char[] passphrase) throws Exception;
    }

    public record Exported(Path file, String address, java.util.List<String> warnings) {
    }

    /** This computer's service: encrypted or, after an acknowledgement, plain. */
    public ExportDialog(Window owner, PanelModel model, String service) {
        this(owner, model, service, (target, secret) -> {
            Backups.ExportResult r = new Backups(model.dataDir()).export(service, target, secret);
            return new Exported(r.file(), r.address(), r.warnings());
        }, null);
    }

    /**
     * A remote panel's service: its engine encrypts the keys with the passphrase (a plain backup is not offered: keys
     * leave an engine encrypted only) and the file is saved on this computer.
     */
    public static ExportDialog ofRemote(Window owner, PanelModel model, String service) {
        String remote = model.managedPanelName().orElseThrow();
        return new ExportDialog(owner, model, service, (target, secret) -> {
            Backups.checkTarget(target); // before the server spends seconds encrypting
            io.onionpanel.actions.PanelActions.ExportedBackup r = model.actions().exportBackup(service, secret);
            return new Exported(r.saveTo(target), r.address(), r.warnings());
        }, "The keys of '" + service + "' leave '" + remote + "' encrypted with this passphrase (by the server) and are"
                + " saved in the file on this computer. Without the passphrase the backup cannot be restored: keep both,"
                + " separately.");
    }

    /** {@code remoteNote}: for a remote panel's service, what leaves the server (and no plain option); null here. */
    private ExportDialog(Window owner, PanelModel model, String service, Exporter exporter, String remoteNote) {
        initOwner(owner);
        Dialogs.themed(this, owner);
        setTitle("Back up '" + service + "'");
        setHeaderText("Back up the keys of '" + service + "' so its onion address survives a lost disk or moves to a server.");
        getDialogPane().getButtonTypes().addAll(EXPORT, ButtonType.CANCEL);
        getDialogPane().setId("export-dialog");

        file.setId("export-file");
        file.setText(LastFolder.get().resolve(service + "-" + LocalDate.now() + ".onionbackup").toString());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("_Browse…");
        browse.setOnAction(e -> chooseFile(owner));

        ToggleGroup kind = new ToggleGroup();
        encrypted.setToggleGroup(kind);
        plain.setToggleGroup(kind);
        encrypted.setSelected(true);
        encrypted.setId("export-encrypted");
        plain.setId("export-plain");
        plain.selectedProperty().addListener((obs, was, now) -> {
            String f = file.getText();
            if (now && f.endsWith(".onionbackup")) {
                file.setText(f.substring(0, f.length() - ".onionbackup".length()) + ".tar.gz");
            } else if (!now && f.endsWith(".tar.gz")) {
                file.setText(f.substring(0, f.length() - ".tar.gz".length()) + ".onionbackup");
            }
        });

        passphrase.setId("export-passphrase");
        passphrase.setPrefColumnCount(28);
        confirm.setPrefColumnCount(28);
        confirm.setId("export-confirm");
        strength.setId("export-strength");
        passphrase.textProperty().addListener((obs, old, now) -> strength.setText(PassphraseStrength.of(now.toCharArray()).describe()));
        strength.setText(PassphraseStrength.of(new char[0]).describe());
        passphrase.disableProperty().bind(plain.selectedProperty());
        confirm.disableProperty().bind(plain.selectedProperty());
        understood.setId("export-understood");
        understood.visibleProperty().bind(plain.selectedProperty());
        understood.managedProperty().bind(plain.selectedProperty());
        Label plainWarning = new Label("An unencrypted backup holds the secret key in clear: store it offline, and copy it"
                + " to a server as /var/lib/tor/<name>/ (owned by tor, 0700).");
        plainWarning.setWrapText(true);
        plainWarning.getStyleClass().add("error-text");
        plainWarning.visibleProperty().bind(plain.selectedProperty());
        plainWarning.managedProperty().bind(plain.selectedProperty());
        error.setId("export-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);

        GridPane grid = Dialogs.formGrid();
        grid.addRow(0, new Label("File:"), new HBox(8, file, browse));
        grid.addRow(1, new Label("Passphrase:"), passphrase);
        grid.addRow(2, new Label("Again:"), confirm);
        grid.add(strength, 1, 3);
        working.setId("export-progress");
        working.setPrefSize(22, 22);
        workingText.setId("export-progress-text");
        workingText.setWrapText(true);
        HBox progressRow = new HBox(10, working, workingText);
        progressRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(busy);
        progressRow.managedProperty().bind(busy);
        // Nothing to change while the file is written: the passphrase's key derivation takes seconds.
        for (javafx.scene.Node n : new javafx.scene.Node[] {encrypted, plain, understood, grid}) {
            n.disableProperty().bind(busy);
        }
        VBox content = new VBox(10, encrypted, plain, plainWarning, understood, grid, error, progressRow);
        if (remoteNote != null) {
            Label note = new Label(remoteNote);
            note.setId("export-remote-note");
            note.setWrapText(true);
            note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            content.getChildren().removeAll(encrypted, plain);
            content.getChildren().add(0, note);
        }
        content.setPrefWidth(560);
        getDialogPane().setContent(content);

        BooleanBinding passphraseOk = Bindings.createBooleanBinding(
                () -> PassphraseStrength.of(passphrase.getText().toCharArray()).acceptable()
                        && passphrase.getText().equals(confirm.getText()),
                passphrase.textProperty(), confirm.textProperty());
        BooleanBinding ready = Bindings.createBooleanBinding(() -> !file.getText().isBlank()
                        && (plain.isSelected() ? understood.isSelected() : passphraseOk.get()),
                file.textProperty(), plain.selectedProperty(), understood.selectedProperty(), passphraseOk);
        Button export = (Button) getDialogPane().lookupButton(EXPORT);
        export.disableProperty().bind(ready.not().or(busy));
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("export-cancel");
        cancel.disableProperty().bind(busy);
        setOnCloseRequest(e -> {
            if (busy.get()) {
                e.consume();
            }
        });
        confirm.textProperty().addListener((obs, old, now) -> error.setText(
                !now.isEmpty() && !now.equals(passphrase.getText()) ? "The passphrases do not match" : ""));
        export.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            // Keep the dialog open until the file is written; close it only on success.
            event.consume();
            error.setText("");
            workingText.setText(plain.isSelected() ? "Writing the backup…"
                    : "Encrypting: deriving the key from the passphrase takes a few seconds…");
            busy.set(true);
            char[] secret = plain.isSelected() ? null : passphrase.getText().toCharArray();
            Path target = Path.of(file.getText().trim());
            Tasks.run(() -> exporter.export(target, secret), result -> {
                wipe(secret);
                busy.set(false);
                LastFolder.remember(result.file().toFile());
                model.notifier().success("Backup written", "'" + service + "' (" + result.address() + ") backed up to "
                        + result.file() + (result.warnings().isEmpty() ? "" : ". " + String.join(" ", result.warnings())));
                setResult(EXPORT);
                close();
            }, failure -> {
                wipe(secret);
                busy.set(false);
                error.setText(Messages.of(failure));
            });
        });
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    private void chooseFile(Window owner) {
        FileChooser chooser = LastFolder.fileChooser("Save the backup as");
        Path current = Path.of(file.getText());
        if (current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        chooser.setInitialFileName(current.getFileName().toString());
        File chosen = chooser.showSaveDialog(owner);
        if (chosen != null) {
            LastFolder.remember(chosen);
            file.setText(chosen.getAbsolutePath());
        }
    }
}
