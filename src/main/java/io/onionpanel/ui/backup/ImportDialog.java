package io.onionpanel.ui.backup;

import io.onionpanel.backup.BackupFile;
import io.onionpanel.backup.Backups;
import io.onionpanel.backup.ServiceKeys;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
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
 * Imports a backup: the panel's encrypted file or a tar.gz / zip of a tor HiddenServiceDir. The file is
 * opened and verified first (keys match each other and the address) and the address is shown before
 * anything is written; replacing an existing service needs an explicit confirmation.
 */
public final class ImportDialog extends Dialog<ButtonType> {
    public static final ButtonType IMPORT = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
    private final PanelModel model;
    private final TextField file = new TextField();
    private final Label kind = new Label();
    private final PasswordField passphrase = new PasswordField();
    private final Button verify = new Button("_Verify");
    private final Label found = new Label();
    private final TextField name = new TextField();
    private final TextField ports = new TextField();
    private final CheckBox replace = new CheckBox();
    private final Label error = new Label();
    private final Button importButton;
    private BackupFile opened;
    private ServiceKeys keys;

    public ImportDialog(Window owner, PanelModel model) {
        this.model = model;
        initOwner(owner);
        Dialogs.themed(this, owner);
        setTitle("Import a backup");
        setHeaderText("Restore an onion address from a backup made by Onion Panel or from a tor key folder (tar.gz / zip).");
        getDialogPane().getButtonTypes().addAll(IMPORT, ButtonType.CANCEL);
        getDialogPane().setId("import-dialog");
        importButton = (Button) getDialogPane().lookupButton(IMPORT);
        importButton.setDisable(true);

        file.setId("import-file");
        file.setPromptText("routstr.onionbackup, tor-keys-backup.tar.gz, …");
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("_Browse…");
        browse.setOnAction(e -> chooseFile(owner));
        file.setOnAction(e -> open());
        kind.setId("import-kind");
        kind.setWrapText(true);
        kind.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        passphrase.setId("import-passphrase");
        passphrase.setDisable(true);
        passphrase.setOnAction(e -> verify());
        verify.setId("import-verify");
        verify.setOnAction(e -> verify());
        found.setId("import-found");
        found.setWrapText(true);
        found.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        found.getStyleClass().add("onion-address");
        name.setId("import-name");
        ports.setId("import-ports");
        ports.setPromptText("80=127.0.0.1:8000 (for a plain tor folder, which has no port mappings)");
        replace.setId("import-replace");
        replace.setVisible(false);
        replace.setManaged(false);
        error.setId("import-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // The dialog grows as the file is identified and verified, instead of hiding its buttons.
        for (Label l : List.of(kind, found, error)) {
            l.textProperty().addListener((obs, old, now) -> javafx.application.Platform.runLater(this::fitWindow));
        }
        replace.visibleProperty().addListener((obs, old, now) -> javafx.application.Platform.runLater(this::fitWindow));
        name.textProperty().addListener((obs, old, now) -> updateReplace());

        GridPane grid = Dialogs.formGrid();
        grid.addRow(0, new Label("File:"), new HBox(8, file, browse));
        grid.addRow(1, new Label("Passphrase:"), new HBox(8, passphrase, verify));
        grid.addRow(2, new Label("Name:"), name);
        grid.addRow(3, new Label("Ports:"), ports);
        VBox content = new VBox(10, grid, kind, found, replace, error);
        content.setPrefWidth(600);
        getDialogPane().setContent(content);

        importButton.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            event.consume();
            doImport();
        });
        setOnHidden(e -> closeKeys());
        setOnShown(e -> file.requestFocus());
    }

    private void fitWindow() {
        if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private void chooseFile(Window owner) {
        FileChooser chooser = io.onionpanel.ui.common.LastFolder.fileChooser("Choose a backup");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Backups", "*.onionbackup", "*.tar.gz", "*.tgz", "*.tar", "*.zip"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showOpenDialog(owner);
        if (chosen != null) {
            io.onionpanel.ui.common.LastFolder.remember(chosen);
            file.setText(chosen.getAbsolutePath());
            open();
        }
    }

    /** Identifies the file; an encrypted backup shows its address from the clear header before the passphrase. */
    public void open() {
        closeKeys();
        error.setText("");
        found.setText("");
        Path path = Path.of(file.getText().trim());
        Tasks.run(() -> BackupFile.open(path), backup -> {
            opened = backup;
            kind.setText(backup.kind().description() + backup.header().map(h -> " of '" + h.service() + "', made "
                    + h.created() + ", for\n" + h.address() + "\nEnter the passphrase to verify it.").orElse(""));
            passphrase.setDisable(!backup.needsPassphrase());
            if (!backup.needsPassphrase()) {
                verify();
            } else {
                passphrase.requestFocus();
            }
        }, failure -> error.setText(Messages.of(failure)));
    }

    /** Decrypts (if needed) and verifies the keys; shows the address they give. Writes nothing. */
    public void verify() {
        if (opened == null) {
            open();
            return;
        }
        char[] secret = opened.needsPassphrase() ? passphrase.getText().toCharArray() : null;
        BackupFile backup = opened;
        error.setText("");
        Tasks.run(() -> backup.read(secret), verified -> {
            wipe(secret);
            closeKeys();
            keys = verified;
            found.setText("Verified: the keys match each other and give\n" + verified.address());
            Optional<ServiceConfig> settings = verified.settings();
            name.setText(settings.map(ServiceConfig::name).or(verified::folderName).orElse(""));
            ports.setText(settings.map(s -> describe(s.ports())).orElse(""));
            ports.setDisable(settings.isPresent());
            updateReplace();
            importButton.setDisable(false);
        }, failure -> {
            wipe(secret);
            error.setText(Messages.of(failure));
        });
    }

    private void updateReplace() {
        Optional<ServiceConfig> existing = model.settings().service(name.getText().trim());
        replace.setVisible(existing.isPresent());
        replace.setManaged(existing.isPresent());
        replace.setSelected(false);
        existing.ifPresent(s -> replace.setText("Replace the existing service '" + s.name() + "' (its keys move to removed/)"));
    }

    private void doImport() {
        if (keys == null) {
            return;
        }
        String target = name.getText().trim();
        List<PortMapping> mappings;
        try {
            ServiceValidation.requireName(target);
            mappings = ports.isDisabled() || ports.getText().isBlank() ? List.of()
                    : ServiceValidation.mergeMappings(Arrays.stream(ports.getText().trim().split("[,\\s]+"))
                    .map(ServiceValidation::parseMapping).toList());
        } catch (RuntimeException e) {
            error.setText(e.getMessage());
            return;
        }
        Optional<ServiceConfig> existing = model.settings().service(target);
        if (existing.isPresent()) {
            if (!replace.isSelected()) {
                error.setText("A service named '" + target + "' exists: choose another name or tick Replace");
                return;
            }
            String oldAddress = OnionAddress.readHostname(model.services().folders().dir(existing.get().name())).orElse("no address yet");
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "'" + target + "' now answers at " + oldAddress
                    + ". After the import it answers at " + keys.address() + ". The current keys are kept in the"
                    + " data folder's removed/ folder.", ButtonType.OK, ButtonType.CANCEL);
            confirm.setHeaderText("Replace the keys of '" + target + "'?");
            confirm.initOwner(getDialogPane().getScene().getWindow());
            io.onionpanel.ui.common.Dialogs.themed(confirm, getDialogPane().getScene().getWindow());
            if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
                return;
            }
        }
        importButton.setDisable(true);
        ServiceKeys verified = keys;
        Backups.ImportOptions options = new Backups.ImportOptions(target, mappings, existing.isPresent());
        Tasks.run(() -> new Backups(model.dataDir()).importKeys(verified, options), result -> {
            model.engine().applySettingsNow();
            model.notifier().success("Backup imported", "'" + result.service().name() + "' answers at " + result.address()
                    + result.previousKeys().map(p -> "; the replaced keys are in " + p).orElse("")
                    + (result.notes().isEmpty() ? "" : ". " + String.join(" ", result.notes())));
            setResult(IMPORT);
            close();
        }, failure -> {
            importButton.setDisable(false);
            error.setText(Messages.of(failure));
        });
    }

    private static String describe(List<PortMapping> mappings) {
        StringBuilder b = new StringBuilder();
        for (PortMapping m : mappings) {
            for (String t : m.targets()) {
                b.append(b.length() == 0 ? "" : " ").append(m.virtualPort()).append('=').append(t);
            }
        }
        return b.toString();
    }

    private void closeKeys() {
        if (keys != null) {
            keys.close();
            keys = null;
        }
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
