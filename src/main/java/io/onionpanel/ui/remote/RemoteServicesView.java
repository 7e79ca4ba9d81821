package io.onionpanel.ui.remote;

import io.onionpanel.actions.DefenseChanges;
import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.model.PanelModel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A remote panel's Services page: its services as the server's engine lists them, changed only through the engine's
 * actions (add, edit ports, enable/disable, rename, remove), so the server validates, writes and logs each change on
 * its own data folder. Smaller than this computer's service editor, whose files are local; every call runs in the
 * background, and the list is read again after each change and when the engine reports a service's state.
 */
public final class RemoteServicesView extends VBox {
    private final PanelModel model;
    private final String remote;
    private final TableView<ServiceInfo> table = new TableView<>();
    private final Label error = new Label();
    private final TextField editPorts = new TextField();
    private final Button toggle = new Button("_Disable");
    private final ServerActionRunner actions;
    private final OneReadAtATime<List<ServiceInfo>> reads;

    public RemoteServicesView(PanelModel model) {
        super(10);
        this.model = model;
        this.remote = model.managedPanelName().orElse("this computer");
        this.actions = new ServerActionRunner(this, error, model.notifier(), remote, this::refresh);
        this.reads = new OneReadAtATime<>(() -> model.actions().services(), this::show,
                failure -> actions.failed("Could not list the services", failure));
        getStyleClass().add("page");
        setId("remote-services");
        Label title = new Label("Services of '" + remote + "'");
        title.getStyleClass().add("section-title");
        Label how = new Label("Kept in the server's data folder: each change is made and logged by the server's engine,"
                + " which publishes the service (or stops it) at once.");
        how.setWrapText(true);
        how.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wraps in a narrow window instead of cutting
        how.getStyleClass().add("muted");
        error.setId("remote-services-error");
        // The forms above the list: the window's notifications appear over the page's bottom-right corner.
        getChildren().addAll(title, how, addRow(), selectedRow(), error, table());
        VBox.setVgrow(table, Priority.ALWAYS);
        model.statuses().addListener((MapChangeListener<String, io.onionpanel.engine.ServiceStatus>) change -> refresh());
        model.engineSettingsChangesProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    private TableView<ServiceInfo> table() {
        table.setId("remote-services-table");
        table.setPlaceholder(new Label("No services on '" + remote + "' yet: add one above."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(TextColumns.<ServiceInfo>of("Name", 95, ServiceInfo::name));
        table.getColumns().add(TextColumns.<ServiceInfo>of("State", 70, s -> s.enabled() ? "enabled" : "disabled"));
        table.getColumns().add(TextColumns.<ServiceInfo>of("Address", 445, s -> s.onion() == null ? "(made at its first run)" : s.onion()));
        table.getColumns().add(TextColumns.<ServiceInfo>of("Proof-of-work", 105, s -> s.pow() ? "on" : "off"));
        table.getColumns().add(TextColumns.<ServiceInfo>of("Ports", 180, s -> PortMapping.describe(s.ports())));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, s) -> selected(s));
        return table;
    }

    /** Changes to the selected service. */
    private HBox selectedRow() {
        editPorts.setId("remote-service-edit-ports");
        editPorts.setPromptText("choose a service below to change its ports");
        HBox.setHgrow(editPorts, Priority.ALWAYS);
        Button save = new Button("Save _ports");
        save.setId("remote-service-save-ports");
        save.setOnAction(e -> withSelected(s -> {
            List<String> ports = specs(editPorts.getText());
            change(() -> model.actions().editService(s.name(), ports, null, DefenseChanges.NONE),
                    done -> "Service '" + s.name() + "' now maps " + PortMapping.describe(done.ports()) + ".");
        }));
        toggle.setId("remote-service-toggle");
        toggle.setOnAction(e -> withSelected(s -> change(
                () -> model.actions().editService(s.name(), null, !s.enabled(), DefenseChanges.NONE),
                done -> "Service '" + done.name() + "' is " + (done.enabled() ? "enabled" : "disabled") + ".")));
        Button defenses = new Button("_Defences…");
        defenses.setId("remote-service-defenses");
        defenses.setOnAction(e -> withSelected(this::editDefenses));
        Button rename = new Button("_Rename…");
        rename.setId("remote-service-rename");
        rename.setOnAction(e -> withSelected(this::rename));
        Button remove = new Button("Re_move…");
        remove.setId("remote-service-remove");
        remove.getStyleClass().add("danger");
        remove.setOnAction(e -> withSelected(this::remove));
        Button backup = new Button("_Back up…");
        backup.setId("remote-service-export");
        backup.setOnAction(e -> withSelected(s -> io.onionpanel.ui.backup.ExportDialog.ofRemote(getScene().getWindow(),
                model, s.name()).show()));
        showIfKeysAllowed(backup);
        HBox row = new HBox(8, new Label("Selected:"), editPorts, save, toggle, defenses, rename, backup, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        row.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        return row;
    }

    private HBox addRow() {
        TextField name = new TextField();
        name.setId("remote-service-name");
        name.setPromptText("name");
        name.setPrefColumnCount(10);
        TextField ports = new TextField();
        ports.setId("remote-service-ports");
        ports.setPromptText("ports, e.g. 80=127.0.0.1:8000, 443=127.0.0.1:8443");
        HBox.setHgrow(ports, Priority.ALWAYS);
        Button add = new Button("_Add service");
        add.setId("remote-service-add");
        add.setOnAction(e -> actions.guarded(() -> {
            List<String> specs = specs(ports.getText());
            String n = name.getText().strip();
            // The defaults as 'service add' gives them (proof-of-work on where the server's tor has it).
            change(() -> model.actions().addService(n, specs, DefenseChanges.NONE), done -> {
                name.clear();
                ports.clear();
                return "Added service '" + done.service().name() + "' (" + PortMapping.describe(done.service().ports())
                        + "). Proof-of-work: " + (done.service().defenses().pow() ? "on." : "off."
                        + (done.powUnavailable() == null ? "" : " " + done.powUnavailable()))
                        + (done.address() == null ? "" : " Its address: " + done.address());
            });
        }));
        Button restore = new Button("Res_tore a backup…");
        restore.setId("remote-service-restore");
        restore.setOnAction(e -> new RemoteRestoreDialog(getScene().getWindow(), model).showAndWait().ifPresent(r -> {
            model.notifier().success(remote, "Restored '" + r.service().name() + "' (" + r.address() + ")."
                    + (r.previousKeys() == null ? "" : " The replaced keys were kept in " + r.previousKeys() + " on the server.")
                    + (r.notes().isEmpty() ? "" : " " + String.join(" ", r.notes())));
            refresh();
        }));
        showIfKeysAllowed(restore);
        HBox row = new HBox(8, new Label("New service:"), name, ports, add, restore);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void rename(ServiceInfo s) {
        TextInputDialog ask = Dialogs.themed(new TextInputDialog(s.name()), getScene().getWindow());
        ask.setTitle("Rename service");
        ask.setHeaderText("Rename '" + s.name() + "' on '" + remote + "'; its keys, and so its address, stay.");
        ask.getEditor().setId("remote-service-new-name");
        ask.showAndWait().map(String::strip).filter(to -> !to.equals(s.name())).ifPresent(to -> change(() -> {
            model.actions().renameService(s.name(), to);
            return to;
        }, done -> "Renamed '" + s.name() + "' to '" + done + "'."));
    }

    private void remove(ServiceInfo s) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "'" + s.name() + "' stops being published by '" + remote
                + "'. Its keys (and so its address) are kept in the server's removed folder, never deleted.",
                ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Remove service '" + s.name() + "'?");
        alert.getDialogPane().setId("remote-service-remove-confirm");
        Dialogs.cancelByDefault(Dialogs.themed(alert, getScene().getWindow()));
        alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> change(
                () -> model.actions().removeService(s.name()),
                done -> "Removed service '" + s.name() + "'." + (done.keptIn() == null ? ""
                        : " Its keys were kept in " + done.keptIn() + " on the server.")));
    }

    /** Asks the server whether its tor can run proof-of-work first (off the FX thread), so the form offers it as it can. */
    private void editDefenses(ServiceInfo s) {
        io.onionpanel.ui.common.Tasks.run(() -> model.actions().settings().pow(),
                pow -> DefensesDialog.ask(getScene().getWindow(), remote, s, pow).ifPresent(d ->
                        change(() -> model.actions().editService(s.name(), null, null, DefenseChanges.toBe(d)),
                                done -> "DoS defences of '" + done.name() + "' saved; proof-of-work "
                                        + (done.defenses().pow() ? "on." : "off."))),
                failure -> error.setText("The server's tor was not asked about proof-of-work: "
                        + io.onionpanel.ui.common.Messages.of(failure)));
    }

    private void withSelected(Consumer<ServiceInfo> work) {
        ServiceInfo s = table.getSelectionModel().getSelectedItem();
        if (s != null) {
            actions.guarded(() -> work.accept(s));
        }
    }

    private <T> void change(Callable<T> action, java.util.function.Function<T, String> said) {
        actions.run(action, said);
    }

    /** "80=a, 443=b" or one per space: the CLI's --port values, checked here as the engine will check them. */
    static List<String> specs(String text) {
        List<String> specs = Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
        if (specs.isEmpty()) {
            throw new io.onionpanel.common.ValidationException("Give at least one port mapping, e.g. 80=127.0.0.1:8000");
        }
        LocalPanelActions.parsePorts(specs);
        return specs;
    }

    private void selected(ServiceInfo s) {
        editPorts.setText(s == null ? "" : s.ports().stream()
                .flatMap(p -> p.targets().stream().map(t -> p.virtualPort() + "=" + t)).collect(Collectors.joining(", ")));
        toggle.setText(s != null && !s.enabled() ? "_Enable" : "_Disable");
    }

    /** Reads the list again (one read at a time; a request during one reads once more after it). */
    public void refresh() {
        reads.request();
    }

    private void show(List<ServiceInfo> list) {
        String kept = Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(ServiceInfo::name).orElse(null);
        table.getItems().setAll(list);
        list.stream().filter(s -> s.name().equals(kept)).findFirst().ifPresent(s -> table.getSelectionModel().select(s));
    }

    /**
     * Backups carry key material: a paired desktop may move them (encrypted), the members of the system service's
     * group may not (its socket refuses them), so they do not get the buttons.
     */
    private void showIfKeysAllowed(javafx.scene.Node button) {
        boolean allowed = model.remoteName().isPresent();
        button.setVisible(allowed);
        button.setManaged(allowed);
    }
}
