package io.onionpanel.ui.dashboard;

import io.onionpanel.engine.TorStatus;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.PanelModel;
import java.util.Optional;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/** The operator's overview: tor's state and one card per onion service. */
public final class DashboardView extends ScrollPane {
    private final PanelModel model;
    private final VBox cards = new VBox(12);
    private final Runnable openEditor;

    public DashboardView(PanelModel model, Runnable openEditor) {
        this.model = model;
        this.openEditor = openEditor;
        getStyleClass().add("dashboard");
        setFitToWidth(true);
        Label heading = new Label("Onion services");
        heading.getStyleClass().add("section-title");
        VBox content = new VBox(14, new TorStatusPane(model), heading, cards);
        content.getStyleClass().add("page");
        setContent(content);
        model.settingsProperty().addListener((obs, old, now) -> rebuild());
        model.statuses().addListener((MapChangeListener<String, Object>) c -> rebuild());
        model.torStatusProperty().addListener((obs, old, now) -> {
            if (old.state() != now.state()) {
                rebuild();
            }
        });
        rebuild();
    }

    private void rebuild() {
        cards.getChildren().clear();
        if (model.settings().services().isEmpty()) {
            Label empty = new Label("No onion services yet.");
            empty.setId("dashboard-empty");
            Button create = new Button("_Create one…");
            create.setOnAction(e -> openEditor.run());
            VBox box = new VBox(8, empty, create);
            box.getStyleClass().add("card");
            cards.getChildren().add(box);
            return;
        }
        TorStatus.State tor = model.torStatusProperty().get().state();
        boolean torRunning = tor != TorStatus.State.STOPPED && tor != TorStatus.State.FAILED;
        for (ServiceConfig s : model.settings().services()) {
            cards.getChildren().add(new ServiceCard(s, model.statuses().get(s.name()), torRunning, model.notifier(),
                    this::setEnabled));
        }
    }

    private void setEnabled(String name, boolean enabled) {
        model.updateSettings(settings -> settings.mapServices(list -> list.stream()
                .map(s -> s.name().equals(name) ? s.withEnabled(enabled) : s).toList()), () -> {
            if (enabled && !model.isEngineRunning()) {
                model.startEngine(() -> { });
            }
        });
    }

    Optional<VBox> card(String name) {
        return cards.getChildren().stream().filter(n -> ("service-card-" + name).equals(n.getId()))
                .map(VBox.class::cast).findFirst();
    }
}
