package io.onionpanel.ui.remote;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.auth.ClientKeys;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.ui.auth.CredentialDialog;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A remote panel's Clients page: a service's authorised clients as the server's engine lists them, added and removed
 * only through its actions. A generated key pair is made on this desktop: only the public key goes to the server, and
 * the private key is shown here once (as this computer's own Clients page does after generating one).
 */
public final class RemoteClientsView extends VBox {
    private final PanelModel model;
    private final String remote;
    private final ComboBox<String> service = new ComboBox<>();
    private final Label state = new Label();
    private final TableView<AuthorizedClient> table = new TableView<>();
    private final Label error = new Label();
    private final ServerActionRunner actions;

    public RemoteClientsView(PanelModel model) {
        super(10);
        this.model = model;
        this.remote = model.managedPanelName().orElse("this computer");
        this.actions = new ServerActionRunner(this, error, model.notifier(), remote, this::refreshClients);
        getStyleClass().add("page");
        setId("remote-clients");
        Label title = new Label("Authorised clients on '" + remote + "'");
        title.getStyleClass().add("section-title");
        service.setId("remote-clients-service");
        service.setPromptText("choose a service");
        service.valueProperty().addListener((obs, old, now) -> refreshClients());
        state.setId("remote-clients-state");
        state.getStyleClass().add("muted");
        state.setWrapText(true);
        HBox serviceRow = new HBox(8, new Label("Service:"), service, state);
        serviceRow.setAlignment(Pos.CENTER_LEFT);
        error.setId("remote-clients-error");
        getChildren().addAll(title, serviceRow, addRow(), removeRow(), error, table());
        VBox.setVgrow(table, Priority.ALWAYS);
        // A client or service added or removed elsewhere (the server's console, another desktop): the engine says
        // its settings changed, whether or not the service was published again.
        model.engineSettingsChangesProperty().addListener((obs, old, now) -> refreshServices());
        refreshServices();
    }

    private TableView<AuthorizedClient> table() {
        table.setId("remote-clients-table");
        table.setPlaceholder(new Label("No authorised clients: anyone who knows the address can reach the service."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(TextColumns.<AuthorizedClient>of("Client", 150, AuthorizedClient::name));
        table.getColumns().add(TextColumns.<AuthorizedClient>of("Key fingerprint", 170, c -> ClientKeys.fingerprint(c.publicKey())));
        table.getColumns().add(TextColumns.<AuthorizedClient>of("Added", 180, AuthorizedClient::added));
        table.getColumns().add(TextColumns.<AuthorizedClient>of("Note", 300, AuthorizedClient::note));
        return table;
    }

    private HBox addRow() {
        TextField name = new TextField();
        name.setId("remote-client-name");
        name.setPromptText("client name");
        name.setPrefColumnCount(10);
        TextField publicKey = new TextField();
        publicKey.setId("remote-client-public-key");
        publicKey.setPromptText("its x25519 public key, or empty to generate a key pair here");
        publicKey.getStyleClass().add("onion-address");
        HBox.setHgrow(publicKey, Priority.ALWAYS);
        Button add = new Button("_Add client");
        add.setId("remote-client-add");
        add.setOnAction(e -> actions.guarded(() -> {
            String s = requireService();
            String client = name.getText().strip();
            String key = publicKey.getText().strip();
            if (!key.isEmpty()) {
                actions.run(() -> model.actions().addClient(s, client, ClientKeys.requirePublicKey(key), null), r -> {
                    name.clear();
                    publicKey.clear();
                    return added(r);
                });
                return;
            }
            actions.run(() -> model.actions().addGeneratedClient(s, client, null), g -> {
                name.clear();
                CredentialDialog.showGenerated(getScene().getWindow(), model.notifier(), s, g.credential());
                return added(g.added()) + " Its private key was made on this computer and never sent to the server.";
            });
        }));
        HBox row = new HBox(8, new Label("New client:"), name, publicKey, add);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static String added(PanelActions.AddedClient r) {
        return "Added '" + r.client().name() + "' to '" + r.service() + "'."
                + (r.turnedOn() ? " Client authorisation is now on." : "");
    }

    private HBox removeRow() {
        Button remove = new Button("_Remove client…");
        remove.setId("remote-client-remove");
        remove.getStyleClass().add("danger");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> confirmRemove());
        HBox row = new HBox(8, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void confirmRemove() {
        AuthorizedClient c = table.getSelectionModel().getSelectedItem();
        String s = service.getValue();
        if (c == null || s == null) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "'" + c.name() + "' loses access to '" + s + "' on '" + remote
                + "': the server deletes its key, re-publishes the service and closes its open connections.",
                ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Remove client '" + c.name() + "'?");
        alert.getDialogPane().setId("remote-client-remove-confirm");
        Dialogs.cancelByDefault(Dialogs.themed(alert, getScene().getWindow()));
        alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> actions.run(
                () -> model.actions().removeClient(s, c.name()),
                r -> "Removed client '" + r.client() + "' from '" + r.service() + "'."
                        + (r.offline() ? " No client is left: the service stays offline until one is added." : "")));
    }

    private String requireService() {
        String s = service.getValue();
        if (s == null) {
            throw new io.onionpanel.common.ValidationException("Choose a service first");
        }
        return s;
    }

    private void refreshServices() {
        Tasks.run(() -> model.actions().services(), list -> {
            List<String> names = list.stream().map(ServiceInfo::name).toList();
            String kept = service.getValue();
            service.getItems().setAll(names);
            service.setValue(names.contains(kept) ? kept : names.isEmpty() ? null : names.get(0));
            if (kept != null && kept.equals(service.getValue())) {
                refreshClients(); // the same choice: no change of value reads them
            }
            if (names.isEmpty()) {
                state.setText("No services on '" + remote + "' yet: add one on the Services page.");
            }
        }, failure -> actions.failed("Could not list the services", failure));
    }

    /** Reads the chosen service's clients again. */
    public void refreshClients() {
        String s = service.getValue();
        if (s == null) {
            table.getItems().clear();
            return;
        }
        Tasks.run(() -> model.actions().clients(s), l -> {
            if (!s.equals(service.getValue())) {
                return; // another service was chosen meanwhile
            }
            table.getItems().setAll(l.auth().clients());
            state.setText("Client authorisation " + (l.auth().enabled() ? "on" : "off") + ", "
                    + l.auth().clients().size() + " client(s)"
                    + (l.auth().enabledWithoutClients() ? " (the service stays offline until a client is added)" : ""));
        }, failure -> actions.failed("Could not list the clients", failure));
    }
}
