package io.onionpanel.ui.remote;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.balance.BackendHealth;
import io.onionpanel.balance.BalanceOverview;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableView;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A remote panel's (or the system service's) Load balancing page: its Onionbalance frontend with each backend as the
 * server's engine last checked it, the code a backend machine joins with, and backends added and removed through the
 * engine's actions (the server validates, writes and logs each change, then restarts Onionbalance); a frontend is
 * made there too when the panel has none. The page is read again after each change and on Refresh; every call runs
 * in the background.
 */
public final class RemoteBalanceView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Supplier<PanelActions> server;
    private final Notifier notifier;
    private final String remote;
    private final Label frontendLine = new Label();
    private final Label summary = new Label();
    private final Label state = new Label();
    private final Label empty = new Label();
    private final Label instances = new Label();
    private final Button make = new Button("_Make a frontend…");
    private final Label error = new Label();
    private final Label joinCommand = new Label();
    private final TableView<BackendHealth> table = new TableView<>();
    private final VBox frontendBox = new VBox(8);
    private final ServerActionRunner actions;
    private BalanceOverview.Frontend frontend; // FX thread only; null while the panel has none
    private final OneReadAtATime<BalanceOverview> reads;

    public RemoteBalanceView(PanelModel model) {
        this(model::actions, model.notifier(), model.managedPanelName().orElse("this computer"));
        // A backend added or removed elsewhere changes the settings; the backends' health changes with the engine's
        // checks (every 15 s), which only a read shows: again at that pace while the page is the one shown.
        model.engineSettingsChangesProperty().addListener((obs, old, now) -> refresh());
        javafx.animation.Timeline checks = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(15), e -> {
                    if (getParent() != null && getParent().isVisible()) {
                        refresh();
                    }
                }));
        checks.setCycleCount(javafx.animation.Animation.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                checks.stop();
            } else {
                checks.play();
            }
        });
    }

    /** @param server the panel's actions at each call (a remote panel's connection may have been made again) */
    public RemoteBalanceView(Supplier<PanelActions> server, Notifier notifier, String remote) {
        super(10);
        this.server = server;
        this.notifier = notifier;
        this.remote = remote;
        this.actions = new ServerActionRunner(this, error, notifier, remote, this::refresh);
        this.reads = new OneReadAtATime<>(() -> server.get().balance(), overview -> {
            show(overview);
            state.setText("Read at " + TIME.format(Instant.now()));
        }, this::readFailed);
        getStyleClass().add("page");
        setId("remote-balance");
        Label title = new Label("Load balancing of '" + remote + "'");
        title.getStyleClass().add("section-title");
        Label how = new Label("One onion address served by several machines (Onionbalance). The frontend and its key"
                + " stay on the server; its engine checks every backend through tor every 15 s.");
        how.setWrapText(true);
        how.setMinHeight(Region.USE_PREF_SIZE);
        how.getStyleClass().add("muted");
        error.setId("remote-balance-error");
        state.setId("remote-balance-state");
        state.getStyleClass().add("muted");
        empty.setId("remote-balance-empty");
        empty.setWrapText(true);
        empty.setMinHeight(Region.USE_PREF_SIZE);
        shown(empty, false);
        instances.setId("remote-balance-instances");
        instances.setWrapText(true);
        instances.setMinHeight(Region.USE_PREF_SIZE);
        shown(instances, false);
        Button refresh = new Button("Re_fresh");
        refresh.setId("remote-balance-refresh");
        refresh.setOnAction(e -> refresh());
        HBox top = new HBox(8, refresh, state);
        top.setAlignment(Pos.CENTER_LEFT);
        make.setId("remote-balance-make");
        make.setOnAction(e -> makeFrontend());
        shown(make, false);
        getChildren().addAll(title, how, top, error, empty, make, frontendBox(), instances);
        VBox.setVgrow(frontendBox, Priority.ALWAYS);
        refresh();
    }

    private VBox frontendBox() {
        frontendLine.setId("remote-balance-frontend");
        frontendLine.getStyleClass().add("onion-address");
        frontendLine.setWrapText(true);
        frontendLine.setMinHeight(Region.USE_PREF_SIZE);
        summary.setId("remote-balance-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        Button copy = new Button("_Copy join code");
        copy.setId("remote-balance-copy-code");
        copy.setOnAction(e -> copyJoinCode());
        Button add = new Button("_Add backend…");
        add.setId("remote-balance-add");
        add.setOnAction(e -> addBackend());
        Button remove = new Button("_Remove backend…");
        remove.setId("remote-balance-remove");
        remove.getStyleClass().add("danger");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> confirmRemove());
        HBox buttons = new HBox(8, copy, add, remove);
        buttons.setAlignment(Pos.CENTER_LEFT);
        joinCommand.setId("remote-balance-join-command");
        joinCommand.getStyleClass().add("onion-address");
        joinCommand.setWrapText(true);
        joinCommand.setMinHeight(Region.USE_PREF_SIZE);
        shown(joinCommand, false);
        frontendBox.getChildren().addAll(frontendLine, summary, buttons, joinCommand, table());
        VBox.setVgrow(table, Priority.ALWAYS);
        shown(frontendBox, false);
        return frontendBox;
    }

    private TableView<BackendHealth> table() {
        table.setId("remote-balance-table");
        table.setPlaceholder(new Label("No backend yet: copy the join code, run 'backend join' on each backend machine,"
                + " then add the address it shows."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The state first and in words (live, missing, waiting): it reads the same without colours, and stays whole
        // in a narrow window, where an address gives way in its middle (its start and end are what one compares).
        table.getColumns().add(fixed(TextColumns.of("State", 62, BackendHealth::state)));
        TableColumn<BackendHealth, String> address = TextColumns.withTooltip("Backend", 505, BackendHealth::address,
                OverrunStyle.CENTER_ELLIPSIS);
        address.getStyleClass().add("onion-address");
        address.setMinWidth(180);
        table.getColumns().add(address);
        table.getColumns().add(fixed(TextColumns.<BackendHealth>of("Descriptor", 105,
                b -> b.fetched() ? "fetched, " + b.introPoints() + " intro" : "not fetched")));
        table.getColumns().add(fixed(TextColumns.<BackendHealth>of("Published", 80, b -> b.inPublished() ? "in it" : "not in it")));
        table.getColumns().add(fixed(TextColumns.<BackendHealth>of("Last seen", 80,
                b -> b.lastSeenMillis() == 0 ? "never" : TIME.format(Instant.ofEpochMilli(b.lastSeenMillis())))));
        TableColumn<BackendHealth, String> why = TextColumns.withTooltip("Why", 120, RemoteBalanceView::why,
                OverrunStyle.ELLIPSIS);
        why.setMinWidth(110);
        table.getColumns().add(why);
        return table;
    }

    /** A column of short words: never narrower than they are. */
    private static TableColumn<BackendHealth, String> fixed(TableColumn<BackendHealth, String> c) {
        c.setMinWidth(c.getPrefWidth());
        return c;
    }

    private static String why(BackendHealth b) {
        if (b.live()) {
            return "answered";
        }
        return b.detail() == null ? "not checked yet" : b.detail();
    }

    private void copyJoinCode() {
        BalanceOverview.Frontend f = frontend;
        if (f == null) {
            return;
        }
        actions.run(() -> server.get().balanceJoinCode(f.name()), code -> {
            Notifier.copy(code.code());
            joinCommand.setText("On each backend machine: onion-panel backend join " + code.code() + " --port "
                    + (code.virtualPort() == 0 ? "PORT" : code.virtualPort()) + "=127.0.0.1:<its API port>");
            shown(joinCommand, true);
            return "Copied the join code of '" + code.service() + "' (its public address only, nothing secret).";
        });
    }

    private void makeFrontend() {
        MakeFrontendDialog.ask(getScene().getWindow(), remote).ifPresent(choice -> actions.run(
                () -> server.get().makeFrontend(choice.name(), choice.ports()),
                made -> "'" + made.service().name() + "' is the load-balanced frontend of '" + remote + "'"
                        + (made.created() ? " (a new service)" : "") + ": copy its join code for each backend machine."));
    }

    private void addBackend() {
        BalanceOverview.Frontend f = frontend;
        if (f == null) {
            return;
        }
        AddBackendDialog.ask(getScene().getWindow(), remote, f.name()).ifPresent(address -> actions.run(
                () -> server.get().addBackend(f.name(), address),
                c -> "Added backend " + c.backend() + " to '" + c.service() + "' (" + c.backends().size()
                        + " backend(s)); the server restarts Onionbalance with it."));
    }

    private void confirmRemove() {
        BackendHealth b = table.getSelectionModel().getSelectedItem();
        BalanceOverview.Frontend f = frontend;
        if (b == null || f == null) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The server restarts Onionbalance without " + b.address()
                + ": its next descriptor of '" + f.name() + "' no longer sends clients to that machine. The machine"
                + " itself keeps serving at its own address.", ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Remove this backend from '" + f.name() + "'?");
        alert.getDialogPane().setId("remote-balance-remove-confirm");
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        Dialogs.cancelByDefault(Dialogs.themed(alert, getScene().getWindow()));
        alert.showAndWait().filter(choice -> choice == ButtonType.OK).ifPresent(choice -> actions.run(
                () -> server.get().removeBackend(f.name(), b.address()),
                c -> "Removed backend " + c.backend() + " from '" + c.service() + "' (" + c.backends().size() + " left)."));
    }

    /** Reads the page again (one read at a time; a request during one reads once more after it). */
    public void refresh() {
        state.setText("Reading…");
        reads.request();
    }

    private void readFailed(Throwable failure) {
        frontend = null;
        shown(frontendBox, false);
        shown(empty, false);
        shown(make, false);
        shown(instances, false);
        state.setText("Not read");
        actions.failed("Could not read the load balancing of '" + remote + "'", failure);
    }

    private void show(BalanceOverview overview) {
        frontend = overview.frontends().isEmpty() ? null : overview.frontends().get(0);
        shown(frontendBox, frontend != null);
        shown(empty, overview.empty());
        shown(make, frontend == null);
        empty.setText("No load-balanced service on '" + remote + "'. Make one here (Make a frontend…) or on the server"
                + " with 'onion-panel balance frontend NAME --port 80=127.0.0.1:PORT' (an existing service keeps its"
                + " address), then add its backends here; a backend machine joins with 'onion-panel backend join CODE'.");
        if (frontend != null) {
            frontendLine.setText("Frontend '" + frontend.name() + "'  " + (frontend.address() == null
                    ? "(address made at its first run)" : frontend.address()) + "  port " + frontend.virtualPort());
            summary.setText(frontend.summary());
            String kept = selectedAddress();
            table.getItems().setAll(frontend.backends());
            frontend.backends().stream().filter(b -> b.address().equals(kept)).findFirst()
                    .ifPresent(b -> table.getSelectionModel().select(b));
        } else {
            table.getItems().clear();
            shown(joinCommand, false);
        }
        List<BalanceOverview.Instance> own = overview.instances();
        shown(instances, !own.isEmpty());
        instances.setText(own.stream().map(i -> "'" + i.name() + "' " + (i.address() == null ? "" : i.address() + " ")
                + "serves as a backend of frontend " + i.frontend()).collect(Collectors.joining("\n")));
    }

    private String selectedAddress() {
        BackendHealth b = table.getSelectionModel().getSelectedItem();
        return b == null ? null : b.address();
    }


    private static void shown(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }
}
