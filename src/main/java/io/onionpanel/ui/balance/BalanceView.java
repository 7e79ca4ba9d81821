package io.onionpanel.ui.balance;

import io.onionpanel.balance.BackendHealth;
import io.onionpanel.balance.BalanceOverview;
import io.onionpanel.balance.BalanceRules;
import io.onionpanel.balance.BalancedServices;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.model.PanelModel;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Load balancing page: make a service the Onionbalance frontend, hand a backend machine its join code, add its
 * instance address, and watch the backends (as the running panel's health watch last saw them, every 5 s).
 */
public final class BalanceView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private final BalancedServices balanced;
    private final PanelModel model;
    private final Label heading = new Label();
    private final Label summary = new Label();
    private final Label instances = new Label();
    private final Label error = new Label();
    private final TextField joinCode = new TextField();
    private final TextField backendAddress = new TextField();
    private final ComboBox<String> services = new ComboBox<>();
    private final TableView<BackendHealth> table = new TableView<>();
    private final VBox frontendBox = new VBox(8);
    private final HBox makeBox = new HBox(8);

    public BalanceView(PanelModel model) {
        this.model = model;
        this.balanced = new BalancedServices(model.dataDir());
        setId("balance-view");
        setSpacing(10);
        setPadding(new Insets(16));
        getStyleClass().add("page");
        heading.setStyle("-fx-font-size: 1.3em; -fx-font-weight: bold;");
        error.setStyle("-fx-text-fill: #b00020;");
        error.setWrapText(true);
        joinCode.setEditable(false);
        joinCode.setId("balance-join-code");
        HBox.setHgrow(joinCode, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(joinCode.getText());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Button addMachine = new Button("Add a backend machine");
        addMachine.setId("balance-add-machine");
        HBox codeRow = new HBox(8, joinCode, copy);
        codeRow.setVisible(false);
        codeRow.managedProperty().bind(codeRow.visibleProperty());
        Label codeHelp = new Label();
        codeHelp.setWrapText(true);
        codeHelp.visibleProperty().bind(codeRow.visibleProperty());
        codeHelp.managedProperty().bind(codeRow.visibleProperty());
        addMachine.setOnAction(e -> run(() -> {
            ServiceConfig f = balanced.frontend().orElseThrow();
            joinCode.setText(balanced.joinCode(f.name()).text());
            codeHelp.setText("On the backend machine run: onion-panel backend join " + joinCode.getText() + " --port "
                    + f.ports().get(0).virtualPort() + "=127.0.0.1:<its API port>, then paste the instance address it"
                    + " shows below. The code holds the frontend's address only: nothing secret.");
            codeRow.setVisible(true);
        }));
        backendAddress.setPromptText("instance address shown by 'backend join' (….onion)");
        backendAddress.setId("balance-backend-address");
        HBox.setHgrow(backendAddress, Priority.ALWAYS);
        Button add = new Button("Add backend");
        add.setId("balance-add-backend");
        add.setOnAction(e -> run(() -> {
            balanced.addBackend(balanced.frontend().orElseThrow().name(), backendAddress.getText());
            backendAddress.clear();
        }));
        Button remove = new Button("Remove selected");
        remove.setOnAction(e -> run(() -> {
            BackendHealth row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                balanced.removeBackend(balanced.frontend().orElseThrow().name(), row.address());
            }
        }));
        table.getColumns().add(column("Backend", BackendHealth::address, 470));
        table.getColumns().add(column("State", BackendHealth::state, 80));
        table.getColumns().add(column("Descriptor fetched", b -> b.fetched() ? "yes (" + b.introPoints() + " intro points)" : "no", 170));
        table.getColumns().add(column("In published descriptor", b -> b.inPublished() ? "yes" : "no", 160));
        table.getColumns().add(column("Last seen", b -> b.lastSeenMillis() == 0 ? "never" : TIME.format(Instant.ofEpochMilli(b.lastSeenMillis())), 90));
        table.setPlaceholder(new Label("No backend yet: add a backend machine, then its instance address."));
        table.setPrefHeight(220);
        frontendBox.getChildren().addAll(summary, new HBox(8, addMachine), codeRow, codeHelp,
                new HBox(8, backendAddress, add), table, new HBox(8, remove));
        Button make = new Button("Make it the load-balanced frontend");
        make.setOnAction(e -> run(() -> balanced.makeFrontend(services.getValue(), null)));
        makeBox.getChildren().addAll(new Label("Service:"), services, make);
        Label limits = new Label("Limits: Onionbalance has no proof-of-work and no client authorisation for the frontend"
                + " (the panel refuses them); one frontend per panel, at most " + BalanceRules.MAX_BACKENDS + " backends."
                + " The frontend's key never leaves this machine; backups cover it.");
        limits.setWrapText(true);
        limits.setStyle("-fx-opacity: 0.75;");
        getChildren().addAll(heading, error, frontendBox, makeBox, instances, limits);
        refresh();
        Timeline timer = new Timeline(new KeyFrame(Duration.seconds(5), e -> refresh()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    private void run(Runnable action) {
        try {
            action.run();
            error.setText("");
        } catch (RuntimeException e) {
            error.setText(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        Optional<ServiceConfig> frontend;
        List<ServiceConfig> backends;
        try {
            frontend = balanced.frontend();
            backends = balanced.backends();
        } catch (RuntimeException e) {
            error.setText(e.getMessage());
            return;
        }
        frontendBox.setVisible(frontend.isPresent());
        frontendBox.setManaged(frontend.isPresent());
        makeBox.setVisible(frontend.isEmpty());
        makeBox.setManaged(frontend.isEmpty());
        if (frontend.isPresent()) {
            ServiceConfig f = frontend.get();
            heading.setText("Load balancing: '" + f.name() + "' " + balanced.address(f.name()).orElse(""));
            BalanceOverview.Frontend o = BalanceOverview.read(model.dataDir()).frontends().get(0);
            summary.setText(o.onionbalance() != null ? o.summary().replace("; ", " · ")
                    : f.balance().backends().isEmpty() ? "Onionbalance starts when the first backend is added."
                    : "Waiting for the first health report (tor running?)");
            table.getItems().setAll(o.backends());
        } else {
            heading.setText("Load balancing with Onionbalance");
            String chosen = services.getValue();
            services.getItems().setAll(model.dataDir() == null ? List.of() : new io.onionpanel.settings.SettingsStore(model.dataDir())
                    .load().services().stream().filter(s -> !s.balance().backendRole()).map(ServiceConfig::name).toList());
            services.setValue(chosen != null && services.getItems().contains(chosen) ? chosen
                    : services.getItems().isEmpty() ? null : services.getItems().get(0));
        }
        StringBuilder text = new StringBuilder();
        for (ServiceConfig b : backends) {
            text.append("'").append(b.name()).append("' ").append(balanced.address(b.name()).orElse(""))
                    .append(" serves as an instance of frontend ").append(b.balance().frontend()).append('\n');
        }
        instances.setText(text.toString().strip());
    }

    private static TableColumn<BackendHealth, String> column(String title, java.util.function.Function<BackendHealth, String> value,
                                                             double width) {
        TableColumn<BackendHealth, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
