package io.onionpanel.ui.dashboard;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.QrCodes;
import io.onionpanel.ui.common.StateBadge;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.function.BiConsumer;

/** One onion service: address (copy, QR), state, port mappings, Start/Stop. */
final class ServiceCard extends VBox {
    ServiceCard(ServiceConfig config, ServiceStatus status, boolean torRunning, Notifier notifier,
                BiConsumer<String, Boolean> setEnabled) {
        getStyleClass().add("card");
        setId("service-card-" + config.name());
        setSpacing(8);

        Label name = new Label(config.name());
        name.getStyleClass().add("card-title");
        StateBadge badge = new StateBadge();
        badge.setId("service-state-" + config.name());
        ServiceStatus.State state = status == null ? ServiceStatus.State.STOPPED : status.state();
        if (!config.enabled()) {
            badge.show("Disabled", "off");
        } else if (!torRunning) {
            badge.show("Stopped", "off");
        } else {
            switch (state) {
                case PUBLISHED -> badge.show("Published", "ok");
                case STARTING -> badge.show("Starting", "busy");
                default -> badge.show("Stopped", "off");
            }
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button toggle = new Button(config.enabled() ? "Stop" : "Start");
        toggle.setId("service-toggle-" + config.name());
        toggle.setOnAction(e -> {
            toggle.setDisable(true);
            setEnabled.accept(config.name(), !config.enabled());
        });
        HBox header = new HBox(10, name, badge, spacer, toggle);
        header.setAlignment(Pos.CENTER_LEFT);

        String onion = status != null && status.onion() != null ? status.onion() : null;
        TextField address = new TextField(onion == null ? "" : onion);
        address.setPromptText("The address appears when tor first runs this service");
        address.setEditable(false);
        address.setId("service-address-" + config.name());
        address.getStyleClass().add("onion-address");
        HBox.setHgrow(address, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId("service-copy-" + config.name());
        copy.setDisable(onion == null);
        copy.setOnAction(e -> {
            Notifier.copy("http://" + onion);
            notifier.info("Copied http://" + onion);
        });
        ToggleButton qr = new ToggleButton("QR");
        qr.setDisable(onion == null);
        ImageView qrImage = new ImageView();
        qrImage.setId("service-qr-" + config.name());
        qrImage.visibleProperty().bind(qr.selectedProperty());
        qrImage.managedProperty().bind(qr.selectedProperty());
        qr.selectedProperty().addListener((obs, was, on) -> {
            if (on && qrImage.getImage() == null) {
                qrImage.setImage(QrCodes.of("http://" + onion, 180));
            }
        });
        HBox addressRow = new HBox(8, address, copy, qr);
        addressRow.setAlignment(Pos.CENTER_LEFT);

        Label ports = new Label(describe(config));
        ports.setId("service-ports-" + config.name());
        ports.getStyleClass().add("muted");
        ports.setWrapText(true);
        getChildren().addAll(header, addressRow, ports, qrImage);
    }

    static String describe(ServiceConfig config) {
        return config.ports().stream().map(ServiceCard::describe).collect(Collectors.joining("   ·   "));
    }

    private static String describe(PortMapping p) {
        String targets = String.join(", ", p.targets());
        return "port " + p.virtualPort() + " → " + targets + (p.targets().size() > 1 ? " (load balanced)" : "");
    }
}
