package io.onionpanel.ui.settings;

import io.onionpanel.attach.ControlEndpoint;
import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.AttachSettings;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.model.PanelModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Attach to a running tor (a system tor on 9051, a Docker Compose tor) instead of the panel's own: its control
 * address and how to authenticate. The services then run there with ADD_ONION and the panel's keys.
 */
final class AttachBox extends VBox {
    private final PanelModel model;
    private final CheckBox enabled = new CheckBox("Attach to a running tor instead of starting one");
    private final TextField control = new TextField();
    private final ChoiceBox<String> auth = new ChoiceBox<>();
    private final TextField passwordFile = new TextField();
    private final CheckBox allowRemote = new CheckBox("Allow a control port on another machine (not encrypted)");
    private final Button apply = new Button("Apply tor connection");
    private final Label error = new Label();

    AttachBox(PanelModel model) {
        super(6);
        this.model = model;
        enabled.setId("attach-enabled");
        control.setId("attach-control");
        control.setPromptText("127.0.0.1:9051 or unix:/run/tor/control");
        control.setPrefColumnCount(22);
        passwordFile.setPrefColumnCount(22);
        control.setTooltip(new Tooltip("The running tor's ControlPort (host:port) or ControlSocket (unix:/path)."));
        auth.setId("attach-auth");
        auth.getItems().addAll(AttachSettings.SAFECOOKIE, AttachSettings.COOKIE, AttachSettings.PASSWORD);
        auth.setTooltip(new Tooltip("safecookie/cookie read tor's cookie file (the panel's user must be allowed to);"
                + " password reads it from a file."));
        passwordFile.setId("attach-password-file");
        passwordFile.setPromptText("file with the control password");
        passwordFile.disableProperty().bind(auth.valueProperty().isNotEqualTo(AttachSettings.PASSWORD));
        allowRemote.setId("attach-allow-remote");
        apply.setId("attach-apply");
        error.setId("attach-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        Label help = new Label("Services are created on that tor with ADD_ONION and the panel's own keys, so the"
                + " addresses stay; they are re-created when that tor restarts. The panel never stops that tor.");
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        // A wrapping label asks for its whole text on one line: cap it, or the grid squeezes the row labels.
        help.setPrefWidth(640);
        help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox fields = new HBox(8, control, auth, passwordFile);
        fields.setAlignment(Pos.CENTER_LEFT);
        fields.disableProperty().bind(enabled.selectedProperty().not());
        allowRemote.disableProperty().bind(enabled.selectedProperty().not());
        getChildren().addAll(enabled, fields, allowRemote, help, new HBox(10, apply, error));
        load();
        model.settingsProperty().addListener((obs, old, now) -> load());
        apply.setOnAction(e -> save());
    }

    private void load() {
        AttachSettings a = model.settings().tor().attach();
        enabled.setSelected(a != null);
        control.setText(a == null ? "" : a.control());
        auth.setValue(a == null ? AttachSettings.SAFECOOKIE : a.auth());
        passwordFile.setText(a == null || a.passwordFile() == null ? "" : a.passwordFile());
        allowRemote.setSelected(a != null && a.allowRemote());
    }

    private void save() {
        AttachSettings next;
        try {
            next = read();
        } catch (ValidationException e) {
            error.setText(e.getMessage());
            return;
        }
        if (next != null && next.allowRemote() && !ControlEndpoint.parse(next.control()).isLoopback() && !confirmRemote()) {
            return;
        }
        error.setText("");
        model.updateSettings(s -> s.withTor(s.tor().withAttach(next)), () -> model.notifier().info(next == null
                ? "The panel starts its own tor again" : "Attaching to tor at " + next.control()));
    }

    /** The form as settings (null = the panel's own tor), checked like the CLI's flags. */
    AttachSettings read() {
        if (!enabled.isSelected()) {
            return null;
        }
        ControlEndpoint.parse(control.getText()).requireAllowed(allowRemote.isSelected());
        String pw = passwordFile.getText().strip();
        if (AttachSettings.PASSWORD.equals(auth.getValue())) {
            if (pw.isEmpty() || !Files.isReadable(Path.of(pw))) {
                throw new ValidationException("Password authentication needs a readable password file");
            }
        }
        return new AttachSettings(control.getText().strip(), auth.getValue(),
                AttachSettings.PASSWORD.equals(auth.getValue()) ? Path.of(pw).toAbsolutePath().toString() : null, null,
                allowRemote.isSelected());
    }

    private boolean confirmRemote() {
        Alert alert = new Alert(Alert.AlertType.WARNING, "The control protocol is not encrypted: the authentication and"
                + " the onion service keys sent with ADD_ONION cross the network in the clear. Only do this over a"
                + " network you trust (or tunnel it, e.g. with SSH, and use a loopback address).", ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Use a control port on another machine?");
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
            Dialogs.themed(alert, getScene().getWindow());
        }
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
