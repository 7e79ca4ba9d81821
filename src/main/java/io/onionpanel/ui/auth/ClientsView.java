package io.onionpanel.ui.auth;

import io.onionpanel.auth.ClientAuthorization;
import io.onionpanel.auth.ClientKeys;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

/**
 * The "Clients" page: v3 client authorisation of one service at a time. On/off, the authorised clients, adding
 * one (generated key pair or the client's public key), exporting a kept key, and removing (revoking) one. The
 * work happens in {@link ClientAuthorization} and the engine; this page only shows it.
 */
public final class ClientsView extends BorderPane {
    private static final DateTimeFormatter ADDED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final PanelModel model;
    private final ClientAuthorization auth;
    private final ComboBox<String> service = new ComboBox<>();
    private final Label address = new Label();
    private final ToggleSwitch enabled = new ToggleSwitch("Client authorisation");
    private final Label state = new Label();
    private final TableView<AuthorizedClient> table = new TableView<>();
    private final Button add = new Button("_Add client…");
    private final Button export = new Button("_Export…");
    private final Button remove = new Button("_Remove…");
    private final Label status = new Label();
    private ClientAuthorization.Listing listing;
    private boolean updating;

    public ClientsView(PanelModel model) {
        this.model = model;
        this.auth = new ClientAuthorization(model.dataDir());
        getStyleClass().addAll("page", "clients-page");
        getStylesheets().add(ClientsView.class.getResource("clients.css").toExternalForm());

        Label serviceLabel = new Label("_Service:");
        serviceLabel.setMnemonicParsing(true);
        serviceLabel.setLabelFor(service);
        service.setId("clients-service");
        service.setPrefWidth(220);
        service.valueProperty().addListener((obs, old, now) -> refresh());
        address.setId("clients-address");
        address.getStyleClass().addAll("onion-address", "muted");
        HBox serviceRow = new HBox(10, serviceLabel, service, address);
        serviceRow.setAlignment(Pos.CENTER_LEFT);

        enabled.setId("clients-auth-switch");
        enabled.selectedProperty().addListener((obs, was, on) -> {
            if (!updating) {
                toggle(on);
            }
        });
        state.setId("clients-state");
        state.setWrapText(true);
        state.setMinHeight(Region.USE_PREF_SIZE);
        HBox authRow = new HBox(14, enabled, state);
        authRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(state, Priority.ALWAYS);

        Label explain = new Label("Client authorisation encrypts the service's descriptor so that only clients holding"
                + " one of these keys can connect. Everyone else gets \"client authorization missing\", even with the"
                + " address.");
        explain.setWrapText(true);
        explain.setMinHeight(Region.USE_PREF_SIZE);
        explain.getStyleClass().add("muted");

        table.setId("clients-table");
        table.setPlaceholder(new Label("No clients. Add one to restrict this service to the clients you choose."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", 150, c -> c.name()));
        table.getColumns().add(column("Key", 110, c -> ClientKeys.fingerprint(c.publicKey())));
        table.getColumns().add(column("Added", 140, c -> formatAdded(c.added())));
        table.getColumns().add(column("Note", 250, c -> c.note()));
        VBox.setVgrow(table, Priority.ALWAYS);

        add.setId("clients-add");
        add.getStyleClass().add("primary");
        add.setOnAction(e -> openAddDialog());
        export.setId("clients-export");
        export.setOnAction(e -> exportSelected());
        remove.setId("clients-remove");
        remove.setOnAction(e -> confirmRemove());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> updateButtons());
        Region spacer = Spacer.horizontal();
        HBox buttons = new HBox(8, add, export, remove, spacer);
        buttons.setAlignment(Pos.CENTER_LEFT);

        status.setId("clients-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.getStyleClass().add("muted");

        Label title = new Label("Authorised clients");
        title.getStyleClass().add("section-title");
        VBox content = new VBox(12, serviceRow, authRow, explain, title, table, buttons, status);
        content.setPadding(new Insets(0));
        setCenter(content);

        model.settingsProperty().addListener((obs, old, now) -> refreshServices());
        model.statuses().addListener((javafx.collections.MapChangeListener<String, ServiceStatus>) change -> {
            if (Objects.equals(change.getKey(), service.getValue())) {
                refresh();
            }
        });
        model.engine().addListener(new EngineListener() {
            @Override
            public void notice(String message) {
                Tasks.onFx(() -> {
                    status.setText(message);
                    model.notifier().success("Clients", message);
                });
            }
        });
        refreshServices();
    }

    private static TableColumn<AuthorizedClient, String> column(String title, double width,
                                                                java.util.function.Function<AuthorizedClient, String> value) {
        TableColumn<AuthorizedClient, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    static String formatAdded(String added) {
        try {
            return ADDED.format(Instant.parse(added));
        } catch (DateTimeParseException e) {
            return added;
        }
    }

    private void refreshServices() {
        List<String> names = model.settings().services().stream().map(ServiceConfig::name).toList();
        if (!names.equals(service.getItems())) {
            String current = service.getValue();
            service.getItems().setAll(names);
            service.setValue(names.contains(current) ? current : names.isEmpty() ? null : names.get(0));
        }
        refresh();
    }

    /** Reloads the chosen service's clients (file reads happen off the FX thread). */
    public void refresh() {
        String name = service.getValue();
        if (name == null) {
            show(null);
            return;
        }
        Tasks.run(() -> auth.list(name), l -> {
            if (name.equals(service.getValue())) {
                show(l);
            }
        }, failure -> status.setText(Messages.of(failure)));
    }

    private void show(ClientAuthorization.Listing l) {
        listing = l;
        updating = true;
        try {
            AuthorizedClient selected = table.getSelectionModel().getSelectedItem();
            if (l == null) {
                table.getItems().clear();
                enabled.setSelected(false);
                address.setText("");
                state.setText("No services yet: create one on the Services page.");
            } else {
                table.getItems().setAll(l.auth().clients());
                if (selected != null) {
                    l.auth().client(selected.name()).ifPresent(c -> table.getSelectionModel().select(c));
                }
                enabled.setSelected(l.auth().enabled());
                address.setText(l.onion() == null ? "(no address yet: it appears when the service first runs)" : l.onion());
                describeState(l.auth());
            }
            enabled.setDisable(l == null);
            add.setDisable(l == null);
            updateButtons();
        } finally {
            updating = false;
        }
    }

    private void describeState(ClientAuth a) {
        state.getStyleClass().removeAll("error-text", "muted");
        var live = model.statuses().get(service.getValue());
        if (!a.enabled()) {
            state.setText("Off: anyone who knows the address can reach this service.");
            state.getStyleClass().add("muted");
        } else if (a.clients().isEmpty()) {
            state.setText("On, but no clients yet: the service is kept offline until you add one"
                    + " (tor would otherwise publish it to everyone).");
            state.getStyleClass().add("error-text");
        } else {
            String n = a.clients().size() == 1 ? "the client below" : "the " + a.clients().size() + " clients below";
            String publishing = live != null && live.state() == ServiceStatus.State.STARTING
                    && torRunning()
                    ? " Publishing the descriptor…" : "";
            state.setText("On: only " + n + " can reach this service." + publishing);
            state.getStyleClass().add("muted");
        }
    }

    private boolean torRunning() {
        return model.torStatusProperty().get().state() == TorStatus.State.RUNNING;
    }

    private void updateButtons() {
        AuthorizedClient selected = table.getSelectionModel().getSelectedItem();
        remove.setDisable(selected == null);
        export.setDisable(selected == null || listing == null || !listing.hasKeptKey(selected.name()));
    }

    private void toggle(boolean on) {
        String name = service.getValue();
        if (name == null || listing == null) {
            return;
        }
        if (!on && !listing.auth().clients().isEmpty()) {
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Anyone who knows the address will be able to reach '"
                    + name + "' again. The " + listing.auth().clients().size() + " client(s) stay listed, so turning it"
                    + " back on restores them.", ButtonType.OK, ButtonType.CANCEL);
            alert.setHeaderText("Turn client authorisation off?");
            alert.initOwner(getScene().getWindow());
            if (alert.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
                show(listing);
                return;
            }
        }
        enabled.setDisable(true);
        // Turning it on or off re-publishes the service (with no client yet, nobody reaches it): expected, no alarm.
        model.expectedOutages().service(name);
        Tasks.run(() -> auth.setEnabled(name, on), a -> {
            model.engine().applySettingsNow();
            status.setText("Client authorisation of '" + name + "' is " + (on ? "on" : "off") + "."
                    + (torRunning() && !a.enabledWithoutClients() ? " Re-publishing the service…" : ""));
            refresh();
        }, failure -> {
            model.notifier().error("Client authorisation not changed", failure);
            refresh();
        });
    }

    private void openAddDialog() {
        if (listing == null) {
            return;
        }
        ClientAuthorization.Listing l = listing;
        AddClientDialog dialog = new AddClientDialog(getScene().getWindow(), auth, l);
        dialog.showAndWait();
        dialog.result().ifPresent(r -> {
            model.expectedOutages().service(r.service());
            model.engine().applySettingsNow();
            status.setText("Added '" + r.client().name() + "' to '" + r.service() + "'."
                    + (r.turnedOn() ? " Client authorisation is now on." : "")
                    + (torRunning() && r.authEnabled() ? " Re-publishing the service…" : ""));
            refresh();
            r.credential().ifPresent(c -> new CredentialDialog(getScene().getWindow(), auth, model.notifier(), r.service(), c,
                    r.keptAt().isPresent(), true, this::refresh).showAndWait());
        });
    }

    private void exportSelected() {
        AuthorizedClient selected = table.getSelectionModel().getSelectedItem();
        String name = service.getValue();
        if (selected == null || name == null) {
            return;
        }
        Tasks.run(() -> auth.keptCredential(name, selected.name()), kept -> kept.ifPresentOrElse(
                c -> new CredentialDialog(getScene().getWindow(), auth, model.notifier(), name, c, true, false, this::refresh)
                        .showAndWait(),
                () -> status.setText("The panel did not keep the private key of '" + selected.name() + "'.")),
                failure -> model.notifier().error("Export", failure));
    }

    private void confirmRemove() {
        AuthorizedClient selected = table.getSelectionModel().getSelectedItem();
        String name = service.getValue();
        if (selected == null || name == null) {
            return;
        }
        boolean last = listing.auth().enabled() && listing.auth().clients().size() == 1;
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "'" + selected.name() + "' will no longer be able to connect:"
                + " the panel deletes its key, re-creates the service in tor (new introduction points, a new descriptor it"
                + " cannot read) and closes its open connections. The address stays the same."
                + (last ? "\n\nIt is the last client: the service goes offline until you add another or turn client"
                + " authorisation off." : ""), ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Remove client '" + selected.name() + "'?");
        alert.getDialogPane().setId("clients-remove-confirm");
        alert.initOwner(getScene().getWindow());
        alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            remove.setDisable(true);
            Tasks.run(() -> auth.remove(name, selected.name()), r -> {
                model.engine().applySettingsNow();
                status.setText(torRunning() && !r.offline()
                        ? "Removed '" + r.client() + "'. Revoking: re-creating '" + r.service() + "' in tor and closing"
                        + " its connections…"
                        : "Removed '" + r.client() + "': it can no longer connect to '" + r.service() + "'.");
                refresh();
            }, failure -> {
                model.notifier().error("Client not removed", failure);
                refresh();
            });
        });
    }

    /** For tests: the clients shown. */
    public List<AuthorizedClient> shownClients() {
        return List.copyOf(table.getItems());
    }
}
