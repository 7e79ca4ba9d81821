package io.onionpanel.ui.dashboard;

import io.onionpanel.backup.BackupHistory;
import io.onionpanel.ui.common.ScrollPanes;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.model.PanelModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import io.onionpanel.ui.backup.ExportDialog;
import io.onionpanel.ui.backup.ImportDialog;
import io.onionpanel.ui.common.OutageConfirm;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.tester.ServiceToolsWindow;

/** The operator's overview: tor's state and one card per onion service. */
public final class DashboardView extends ScrollPane {
    private final PanelModel model;
    private final VBox cards = new VBox(12);
    private final Consumer<String> openPage;
    private final Map<String, ServiceCard> cardsByName = new HashMap<>();
    private final KnownAddresses known;

    /** {@code openPage} shows a page of the main window by name ("services", "clients", …). */
    public DashboardView(PanelModel model, Consumer<String> openPage) {
        this.model = model;
        this.openPage = openPage;
        getStyleClass().add("dashboard");
        setFitToWidth(true);
        ScrollPanes.withoutViewportCache(this);
        Label heading = new Label("Onion services");
        heading.getStyleClass().add("section-title");
        Button importBackup = new Button("_Import backup…");
        importBackup.setId("dashboard-import");
        importBackup.setOnAction(e -> new ImportDialog(getScene().getWindow(), model).show());
        Region spacer = Spacer.horizontal();
        HBox headingRow = new HBox(10, heading, spacer, importBackup);
        headingRow.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(14, new TorStatusPane(model), headingRow, cards);
        content.getStyleClass().add("page");
        setContent(content);
        known = new KnownAddresses(model.services().folders(), this::rebuild);
        model.settingsProperty().addListener((obs, old, now) -> {
            rebuild();
            known.reload(names());
        });
        known.reload(names());
        model.statuses().addListener((MapChangeListener<String, Object>) c -> rebuild());
        model.lastBackups().addListener((MapChangeListener<String, Object>) c -> rebuild());
        model.torStatusProperty().addListener((obs, old, now) -> {
            if (old.state() != now.state()) {
                rebuild();
            }
        });
        rebuild();
    }

    /** Adds and removes cards as services come and go, and updates the others in place. */
    private void rebuild() {
        if (model.settings().services().isEmpty()) {
            cardsByName.clear();
            if (cards.getChildren().size() != 1 || !"dashboard-empty-box".equals(cards.getChildren().get(0).getId())) {
                Label empty = new Label("No onion services yet.");
                empty.setId("dashboard-empty");
                Button create = new Button("_Create one…");
                create.setId("dashboard-empty-create");
                create.setOnAction(e -> openPage.accept("services"));
                Button restore = new Button("_Restore from a backup…");
                restore.setId("dashboard-empty-restore");
                restore.setOnAction(e -> new ImportDialog(getScene().getWindow(), model).show());
                Hyperlink welcome = new Hyperlink("Back to the welcome screen");
                welcome.setId("dashboard-welcome");
                welcome.setOnAction(e -> openPage.accept("welcome"));
                HBox actions = new HBox(8, create, restore, welcome);
                actions.setAlignment(Pos.CENTER_LEFT);
                VBox box = new VBox(8, empty, actions);
                box.setId("dashboard-empty-box");
                box.getStyleClass().add("card");
                cards.getChildren().setAll(box);
            }
            return;
        }
        TorStatus.State tor = model.torStatusProperty().get().state();
        boolean torRunning = tor != TorStatus.State.STOPPED && tor != TorStatus.State.FAILED;
        List<ServiceCard> ordered = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ServiceConfig s : model.settings().services()) {
            present.add(s.name());
            ServiceCard card = cardsByName.computeIfAbsent(s.name(), name -> new ServiceCard(name, model.notifier(),
                    this::setEnabled, () -> model.startEngine(() -> { }), service -> new ExportDialog(getScene().getWindow(), model, service).show(),
                    (service, tool) -> ServiceToolsWindow.show(getScene().getWindow(), model, service, tool,
                            () -> openPage.accept("clients"))));
            String onion = onion(s.name());
            card.update(s, model.statuses().get(s.name()), torRunning, onion, lastBackup(s.name(), onion),
                    onion == null ? null : model.restoredFrom().get(OnionAddress.bare(onion)));
            ordered.add(card);
        }
        cardsByName.keySet().retainAll(present);
        if (!cards.getChildren().equals(ordered)) {
            cards.getChildren().setAll(ordered);
        }
    }

    private List<String> names() {
        return model.settings().services().stream().map(ServiceConfig::name).toList();
    }

    /** What tor reports, or else what is on disk (while tor is stopped, or before it first ran a restored service). */
    private String onion(String service) {
        ServiceStatus status = model.statuses().get(service);
        return status != null && status.onion() != null ? status.onion() : known.get(service);
    }

    /** Backups are of keys: looked up by the service's address, so a rename keeps the history. */
    private java.time.Instant lastBackup(String service, String onion) {
        return BackupHistory.lookup(model.lastBackups(), service, onion).orElse(null);
    }

    private void setEnabled(String name, boolean enabled) {
        if (!enabled) {
            if (!OutageConfirm.ask(getScene().getWindow(), "Stop '" + name + "'",
                    model.isOnline(name) ? List.of(name) : List.of(), "until it is started again")) {
                rebuild();
                return;
            }
            model.expectedOutages().service(name);
        }
        model.updateSettings(settings -> settings.mapServices(list -> list.stream()
                .map(s -> s.name().equals(name) ? s.withEnabled(enabled) : s).toList()), () -> {
            if (enabled && !model.isEngineRunning()) {
                model.startEngine(() -> { });
            }
        });
    }

}
