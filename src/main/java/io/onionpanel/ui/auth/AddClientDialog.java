package io.onionpanel.ui.auth;

import io.onionpanel.auth.ClientAuthorization;
import io.onionpanel.auth.ClientKeys;
import io.onionpanel.auth.ClientValidation;
import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Add client…": a name, a note, and either a generated key pair or the client's own public key. Every field
 * is checked as it is typed with the same rules the CLI uses (and duplicates against the service's list);
 * "Add" stays disabled until all is valid, and nothing is written before it is pressed.
 */
final class AddClientDialog extends Dialog<ButtonType> {
    static final ButtonType ADD = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
    private final TextField name = new TextField();
    private final TextField note = new TextField();
    private final RadioButton generate = new RadioButton("_Generate a key pair here (the private key is shown to you once)");
    private final RadioButton paste = new RadioButton("The client _sends its public key (safer: its private key never"
            + " leaves the client)");
    private final TextField publicKey = new TextField();
    private final Label error = new Label();
    private final ClientAuthorization.Listing listing;
    private ClientAuthorization.AddResult result;

    AddClientDialog(Window owner, ClientAuthorization auth, ClientAuthorization.Listing listing) {
        this.listing = listing;
        initOwner(owner);
        setTitle("Add a client to '" + listing.service() + "'");
        setHeaderText("Authorise a client for '" + listing.service() + "'");
        getDialogPane().getButtonTypes().addAll(ADD, ButtonType.CANCEL);
        getDialogPane().setId("client-add-dialog");

        name.setId("client-name");
        name.setPromptText("e.g. alice-laptop");
        note.setId("client-note");
        note.setPromptText("optional, for you");
        ToggleGroup how = new ToggleGroup();
        generate.setToggleGroup(how);
        paste.setToggleGroup(how);
        generate.setId("client-generate");
        paste.setId("client-paste");
        generate.setWrapText(true);
        paste.setWrapText(true);
        publicKey.setId("client-public-key");
        publicKey.setPromptText("the client's x25519 public key: 52 base32 characters");
        publicKey.getStyleClass().add("onion-address");
        publicKey.disableProperty().bind(paste.selectedProperty().not());
        Label noAddress = new Label("This service has no address yet (its keys are made when the service first runs), so a"
                + " generated key cannot be handed out yet. The client's own public key works now.");
        noAddress.setWrapText(true);
        noAddress.getStyleClass().add("muted");
        if (listing.onion() == null) {
            generate.setDisable(true);
            paste.setSelected(true);
        } else {
            generate.setSelected(true);
            noAddress.setManaged(false);
            noAddress.setVisible(false);
        }
        error.setId("client-add-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        Label nameLabel = new Label("_Name:");
        nameLabel.setMnemonicParsing(true);
        nameLabel.setLabelFor(name);
        Label noteLabel = new Label("N_ote:");
        noteLabel.setMnemonicParsing(true);
        noteLabel.setLabelFor(note);
        grid.addRow(0, nameLabel, name);
        grid.addRow(1, noteLabel, note);
        GridPane.setHgrow(name, Priority.ALWAYS);
        VBox content = new VBox(10, grid, generate, paste, publicKey, noAddress, error);
        content.setPrefWidth(600);
        getDialogPane().setContent(content);

        Button addButton = (Button) getDialogPane().lookupButton(ADD);
        addButton.setId("client-add-confirm");
        Runnable check = () -> {
            String problem = problem();
            error.setText(problem == null ? "" : problem);
            addButton.setDisable(problem != null);
        };
        name.textProperty().addListener((obs, old, now) -> check.run());
        note.textProperty().addListener((obs, old, now) -> check.run());
        publicKey.textProperty().addListener((obs, old, now) -> check.run());
        how.selectedToggleProperty().addListener((obs, old, now) -> check.run());
        addButton.setDisable(true);
        addButton.addEventFilter(ActionEvent.ACTION, event -> {
            // Stay open until the client is saved; a refusal is shown here.
            event.consume();
            String problem = problem();
            if (problem != null) {
                error.setText(problem);
                return;
            }
            addButton.setDisable(true);
            String key = paste.isSelected() ? publicKey.getText() : null;
            String clientName = name.getText().strip();
            String clientNote = note.getText();
            Tasks.run(() -> auth.add(listing.service(), clientName, key, clientNote, false), r -> {
                result = r;
                setResult(ADD);
                close();
            }, failure -> {
                error.setText(Messages.of(failure));
                addButton.setDisable(false);
            });
        });
        setOnShown(e -> name.requestFocus());
    }

    /** The first thing wrong with the form, in the CLI's words; null when it can be added. */
    private String problem() {
        try {
            String n = name.getText().strip();
            if (n.isEmpty()) {
                return "Enter a name for the client.";
            }
            ClientValidation.requireName(n);
            listing.auth().client(n).ifPresent(c -> {
                throw new ValidationException("'" + listing.service() + "' already has a client named '" + c.name() + "'");
            });
            ClientValidation.requireNote(note.getText());
            if (paste.isSelected()) {
                String key = ClientKeys.requirePublicKey(publicKey.getText());
                for (AuthorizedClient c : listing.auth().clients()) {
                    if (c.publicKey().equals(key)) {
                        return "This public key already belongs to client '" + c.name() + "'";
                    }
                }
            }
            return null;
        } catch (ValidationException e) {
            return e.getMessage();
        }
    }

    Optional<ClientAuthorization.AddResult> result() {
        return Optional.ofNullable(result);
    }
}
