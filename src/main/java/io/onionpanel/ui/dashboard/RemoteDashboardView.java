package io.onionpanel.ui.dashboard;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.ScrollPanes;
import io.onionpanel.ui.common.StateBadge;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.model.PanelModel;
import java.util.Comparator;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A remote panel's overview: its tor and one card per service as its engine reports them (name, address, state,
 * ports). The local dashboard's cards are built from the settings file, which for a remote panel is on the server;
 * these are built from the engine's status alone, and offer nothing that would write a file here.
 */
public final class RemoteDashboardView extends ScrollPane {
    private final PanelModel model;
    private final VBox cards = new VBox(12);

    public RemoteDashboardView(PanelModel model) {
        this.model = model;
        getStyleClass().add("dashboard");
        setFitToWidth(true);
        ScrollPanes.withoutViewportCache(this);
        Label heading = new Label("Onion services on '" + model.managedPanelName().orElse("") + "'");
        heading.getStyleClass().add("section-title");
        Label managed = new Label("Its services, clients, load balancing and settings live on that machine: the pages of"
                + " this window change them through its engine, which checks and logs each change.");
        managed.getStyleClass().add("muted");
        managed.setWrapText(true);
        VBox content = new VBox(14, new TorStatusPane(model), heading, managed, cards);
        content.getStyleClass().add("page");
        setContent(content);
        model.statuses().addListener((MapChangeListener<String, ServiceStatus>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        if (model.statuses().isEmpty()) {
            Label empty = new Label("The remote engine serves no onion service.");
            empty.setId("remote-dashboard-empty");
            cards.getChildren().setAll(empty);
            return;
        }
        cards.getChildren().setAll(model.statuses().values().stream().sorted(Comparator.comparing(ServiceStatus::name))
                .map(this::card).toList());
    }

    /**
     * Opens the service's Test or Share tab ({@code tab}). Whether only authorised clients get in is the engine's to
     * say (the tester tells them apart in its verdict; the share view says each client needs its key).
     */
    private void openTools(String service, String tab) {
        String panel = model.managedPanelName().orElseThrow();
        io.onionpanel.ui.common.Tasks.run(() -> io.onionpanel.ui.model.ServiceContext.ofRemote(model, service,
                        model.actions().clients(service).auth().enabled()),
                context -> io.onionpanel.ui.tester.ServiceToolsWindow.showRemote(getScene().getWindow(), context, model, tab),
                failure -> model.notifier().error(panel, "Could not open the tools of '" + service + "': "
                        + io.onionpanel.ui.common.Messages.of(failure)));
    }

    private VBox card(ServiceStatus s) {
        Label name = new Label(s.name());
        name.getStyleClass().add("card-title");
        StateBadge badge = new StateBadge();
        badge.setId("remote-service-state-" + s.name());
        switch (s.state()) {
            case PUBLISHED -> badge.show("Published", "ok");
            case UNREACHABLE -> badge.show("Unreachable", "bad");
            case STARTING -> badge.show("Starting", "busy");
            default -> badge.show("Stopped", "off");
        }
        HBox header = new HBox(10, name, badge, Spacer.horizontal());
        header.setAlignment(Pos.CENTER_LEFT);
        Label address = new Label(s.onion() == null ? "No address yet" : s.onion());
        address.getStyleClass().add("onion-address");
        address.setId("remote-service-address-" + s.name());
        Button copy = new Button("Copy");
        copy.setDisable(s.onion() == null);
        copy.setOnAction(e -> {
            Notifier.copy(s.onion());
            model.notifier().info("Copied " + s.onion());
        });
        Button test = new Button("Test…");
        test.setId("remote-service-test-" + s.name());
        test.setDisable(s.onion() == null);
        test.setTooltip(new javafx.scene.control.Tooltip("Requests through this computer's tor, as a visitor's"));
        test.setOnAction(e -> openTools(s.name(), io.onionpanel.ui.tester.ServiceToolsWindow.TEST));
        Button share = new Button("Share…");
        share.setId("remote-service-share-" + s.name());
        share.setDisable(s.onion() == null);
        share.setTooltip(new javafx.scene.control.Tooltip("Its address, QR code, client set-ups and Routstr"));
        share.setOnAction(e -> openTools(s.name(), io.onionpanel.ui.tester.ServiceToolsWindow.SHARE));
        for (Button b : java.util.List.of(copy, test, share)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the address gives way in a narrow window
        }
        HBox addressRow = new HBox(8, address, copy, test, share);
        addressRow.setAlignment(Pos.CENTER_LEFT);
        Label ports = new Label(s.ports() == null ? "" : ServiceCard.describe(s.ports()));
        ports.setWrapText(true);
        ports.getStyleClass().add("muted");
        VBox card = new VBox(8, header, addressRow, ports);
        if (s.detail() != null && !s.detail().isBlank()) {
            Label detail = new Label(s.detail());
            detail.setWrapText(true);
            detail.getStyleClass().add("muted");
            card.getChildren().add(detail);
        }
        card.getStyleClass().add("card");
        card.setId("remote-service-card-" + s.name());
        return card;
    }
}
