package io.onionpanel.ui.dashboard;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.share.OnionUrl;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.QrCodes;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.common.StateBadge;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.List;
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

/**
 * One onion service: address (copy, QR), state, port mappings, last backup, Start/Stop. Updated in place,
 * so an open QR code or the keyboard focus survive status changes.
 */
final class ServiceCard extends VBox {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final StateBadge badge = new StateBadge();
    private final Button toggle = new Button();
    private final TextField address = new TextField();
    private final Button copy = new Button("Copy");
    private final ToggleButton qr = new ToggleButton("QR");
    private final ImageView qrImage = new ImageView();
    private final Label ports = new Label();
    private final Label health = new Label();
    private final Label backup = new Label();
    private final Button backUpButton = new Button("Back up…");
    private ServiceConfig config;
    private boolean torRunning;
    private String onion;
    private String shownUrl;

    private final Button testButton = new Button("Test…");
    private final Button shareButton = new Button("Share…");

    ServiceCard(String name, Notifier notifier, BiConsumer<String, Boolean> setEnabled, Runnable startTor,
                Consumer<String> backUp, BiConsumer<String, String> openTools) {
        getStyleClass().add("card");
        setId("service-card-" + name);
        setSpacing(8);

        Label title = new Label(name);
        title.getStyleClass().add("card-title");
        badge.setId("service-state-" + name);
        Region spacer = Spacer.horizontal();
        toggle.setId("service-toggle-" + name);
        toggle.setOnAction(e -> {
            toggle.setDisable(true);
            if (config.enabled() && !torRunning) {
                // Enabled but stopped with tor: starting tor is what brings it back.
                startTor.run();
            } else {
                setEnabled.accept(name, !config.enabled());
            }
        });
        HBox header = new HBox(10, title, badge, spacer, toggle);
        header.setAlignment(Pos.CENTER_LEFT);

        address.setPromptText("The address appears when tor first runs this service");
        address.setEditable(false);
        address.setId("service-address-" + name);
        address.getStyleClass().add("onion-address");
        HBox.setHgrow(address, Priority.ALWAYS);
        copy.setId("service-copy-" + name);
        copy.setOnAction(e -> {
            Notifier.copy(url());
            notifier.info("Copied " + url());
        });
        qr.setId("service-qr-toggle-" + name);
        qrImage.setId("service-qr-" + name);
        qrImage.visibleProperty().bind(qr.selectedProperty());
        qrImage.managedProperty().bind(qr.selectedProperty());
        qr.selectedProperty().addListener((obs, was, on) -> {
            if (on && onion != null) {
                qrImage.setImage(QrCodes.of(url(), 180));
            }
        });
        HBox addressRow = new HBox(8, address, copy, qr);
        addressRow.setAlignment(Pos.CENTER_LEFT);

        ports.setId("service-ports-" + name);
        ports.getStyleClass().add("muted");
        ports.setWrapText(true);
        backup.setId("service-backup-" + name);
        backup.setWrapText(true);
        backUpButton.setId("service-backup-button-" + name);
        backUpButton.setOnAction(e -> backUp.accept(name));
        Region backupSpacer = new Region();
        HBox.setHgrow(backupSpacer, Priority.ALWAYS);
        testButton.setId("service-test-" + name);
        testButton.setOnAction(e -> openTools.accept(name, "test"));
        shareButton.setId("service-share-" + name);
        shareButton.setOnAction(e -> openTools.accept(name, "share"));
        // The buttons keep their labels in a narrow window; the reminder beside them wraps instead (seen at 800 px:
        // "Te…", "Shar…", "Back u…").
        for (Button b : List.of(testButton, shareButton, backUpButton)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox backupRow = new HBox(8, backup, backupSpacer, testButton, shareButton, backUpButton);
        backupRow.setAlignment(Pos.CENTER_LEFT);
        health.setId("service-health-" + name);
        health.setWrapText(true);
        health.managedProperty().bind(health.textProperty().isNotEmpty());
        health.visibleProperty().bind(health.textProperty().isNotEmpty());
        getChildren().addAll(header, addressRow, ports, health, backupRow, qrImage);
    }

    /**
     * {@code knownOnion}: the address tor reports or, while it does not, the one in the keys on disk;
     * {@code restoredFrom}: the backup file these keys were restored from (null when they were not).
     */
    void update(ServiceConfig newConfig, ServiceStatus status, boolean torRunning, String knownOnion,
                Instant lastBackup, String restoredFrom) {
        config = newConfig;
        this.torRunning = torRunning;
        ServiceStatus.State state = status == null ? ServiceStatus.State.STOPPED : status.state();
        if (!config.enabled()) {
            badge.show("Disabled", "off");
        } else if (!torRunning) {
            badge.show("Stopped", "off");
        } else {
            switch (state) {
                case PUBLISHED -> badge.show("Published", "ok");
                case UNREACHABLE -> badge.show("Unreachable", "bad");
                case STARTING -> badge.show("Starting", "busy");
                default -> badge.show("Stopped", "off");
            }
        }
        toggle.setText(config.enabled() && torRunning ? "Stop" : "Start");
        toggle.setDisable(false);

        String newOnion = knownOnion != null ? knownOnion : onion;
        if (!Objects.equals(newOnion, onion)) {
            onion = newOnion;
            address.setText(onion == null ? "" : onion);
        }
        String newUrl = onion == null ? null : url();
        if (!Objects.equals(newUrl, shownUrl)) {
            shownUrl = newUrl;
            qrImage.setImage(qr.isSelected() && newUrl != null ? QrCodes.of(newUrl, 180) : null);
        }
        copy.setDisable(onion == null);
        qr.setDisable(onion == null);
        backUpButton.setDisable(onion == null);
        testButton.setDisable(onion == null);
        shareButton.setDisable(onion == null);
        ports.setText(describe(config));
        String why = status == null || !torRunning || !config.enabled() ? null : status.detail();
        health.setText(why == null ? "" : why);
        health.getStyleClass().removeAll("error-text", "muted");
        health.getStyleClass().add(state == ServiceStatus.State.UNREACHABLE ? "error-text" : "muted");
        backup.setText(lastBackup == null
                ? "Never backed up: if this disk is lost, so is the address. Back up the keys once."
                : restoredFrom != null
                ? "Restored from backup " + restoredFrom + " (made " + DATE.format(lastBackup.atZone(ZoneId.systemDefault())) + ")"
                : "Last backup: " + DATE.format(lastBackup.atZone(ZoneId.systemDefault())));
        backup.getStyleClass().removeAll("reminder", "muted");
        backup.getStyleClass().add(lastBackup == null ? "reminder" : "muted");
    }

    /** The same URL (and so the same QR code) as the Share tab shows first for this service. */
    private String url() {
        return OnionUrl.of(onion, OnionUrl.defaultPort(config.ports().stream().map(PortMapping::virtualPort).toList()));
    }

    static String describe(ServiceConfig config) {
        return describe(config.ports());
    }

    static String describe(java.util.List<PortMapping> ports) {
        return ports.stream().map(ServiceCard::describe).collect(Collectors.joining("   ·   "));
    }

    private static String describe(PortMapping p) {
        String targets = String.join(", ", p.targets());
        return "port " + p.virtualPort() + " → " + targets + (p.targets().size() > 1 ? " (load balanced)" : "");
    }
}
