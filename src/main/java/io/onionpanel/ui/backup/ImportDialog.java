package io.onionpanel.ui.backup;

import io.onionpanel.backup.BackupFile;
import io.onionpanel.backup.BackupHeader;
import io.onionpanel.backup.BackupHistory;
import io.onionpanel.backup.Backups;
import io.onionpanel.backup.ServiceKeys;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
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
import javafx.util.Duration;

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
    /** Reads a typed path once typing pauses, not on every key. */
    private final PauseTransition typing = new PauseTransition(Duration.millis(400));
    private BackupFile opened;
    private BackupFile verifiedFrom;
    private ServiceKeys keys;
    /** Which read of the path is the latest: an older one that finishes later is ignored. */
    private long reads;

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
        typing.setOnFinished(e -> read(false));
        file.textProperty().addListener((obs, old, now) -> {
            // What was read or verified belonged to the previous path.
            reads++;
            opened = null;
            closeKeys();
            importButton.setDisable(true);
            passphrase.setDisable(true);
            typing.playFromStart();
        });
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
        read(true);
    }

    /**
     * {@code asked}: the operator pressed Enter, Verify or chose the file. A path being typed is read quietly: no
     * error while it names no file yet, and the focus stays in the field.
     */
    private void read(boolean asked) {
        typing.stop();
        long read = ++reads;
        closeKeys();
        error.setText("");
        found.setText("");
        String text = file.getText().trim();
        if (text.isEmpty()) {
            kind.setText("");
            return;
        }
        Tasks.run(() -> {
            Path path = Path.of(text);
            return asked || Files.isRegularFile(path) ? BackupFile.open(path) : null;
        }, backup -> {
            if (read != reads) {
                return;
            }
            opened = backup;
            if (backup == null) {
                kind.setText("");
                return;
            }
            kind.setText(backup.kind().description() + backup.header().map(h -> " of '" + h.service() + "', made "
                    + h.created() + ", for\n" + h.address() + "\nEnter the passphrase to verify it.").orElse(""));
            passphrase.setDisable(!backup.needsPassphrase());
            if (!backup.needsPassphrase()) {
                verify();
            } else if (asked) {
                passphrase.requestFocus();
            }
        }, failure -> {
            if (read == reads) {
                error.setText(Messages.of(failure));
            }
        });
    }

    /** Decrypts (if needed) and verifies the keys; shows the address they give. Writes nothing. */
    public void verify() {
        if (opened == null) {
            open();
            return;
        }
        char[] secret = opened.needsPassphrase() ? passphrase.getText().toCharArray() : null;
        BackupFile backup = opened;
        long read = reads;
        error.setText("");
        Tasks.run(() -> backup.read(secret), verified -> {
            wipe(secret);
            if (read != reads) {
                // The path changed while the keys were read: they belong to another file.
                verified.close();
                return;
            }
            closeKeys();
            keys = verified;
            verifiedFrom = backup;
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
        BackupFile source = verifiedFrom;
        Backups.ImportOptions options = new Backups.ImportOptions(target, mappings, existing.isPresent());
        Tasks.run(() -> {
            Backups.ImportResult imported = new Backups(model.dataDir()).importKeys(verified, options);
            recordRestore(source, imported);
            return imported;
        }, result -> {
            model.engine().applySettingsNow();
            model.notifier().success("Backup imported", "'" + result.service().name() + "' "
                    + reachability(model.torStatusProperty().get().state(), result.address())
                    + result.previousKeys().map(p -> "; the replaced keys are in " + p).orElse("")
                    + (result.notes().isEmpty() ? "" : ". " + String.join(" ", result.notes())));
            setResult(IMPORT);
            close();
        }, failure -> {
            importButton.setDisable(false);
            error.setText(Messages.of(failure));
        });
    }

    /** The card then says where the keys came from instead of "never backed up": the file is a backup of them. */
    private void recordRestore(BackupFile source, Backups.ImportResult result) {
        try {
            Optional<Instant> stamped = source.header().map(BackupHeader::created);
            Instant made = stamped.isPresent() ? stamped.get() : Files.getLastModifiedTime(source.path()).toInstant();
            BackupHistory.recordRestore(model.dataDir(), result.service().name(), result.address(), made,
                    source.path().getFileName().toString());
        } catch (IOException e) {
            // The keys are imported; only the note on the card is missing, and it said nothing false.
        }
    }

    /** The truth about reaching the service now: tor publishes nothing while it is stopped. */
    static String reachability(TorStatus.State tor, String address) {
        return switch (tor) {
            case RUNNING -> "answers at " + address;
            case STOPPED, FAILED -> "has its address back: " + address + ". It is not reachable while tor is stopped:"
                    + " start tor on the Dashboard";
            default -> "answers at " + address + " once tor has connected";
        };
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
