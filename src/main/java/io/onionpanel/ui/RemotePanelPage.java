package io.onionpanel.ui;

import io.onionpanel.ui.model.PanelModel;
import io.onionpanel.ui.model.RemotePanel;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A remote panel in the window: while it connects (or after it failed, with the reason and "Try again") a page that
 * says so; once connected, the same tabs as for this computer over the remote engine's model.
 */
final class RemotePanelPage extends StackPane {
    private final RemotePanel panel;
    private final Consumer<String> applyTheme;
    private final Label state = new Label();
    private final Label reason = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Button retry = new Button("_Try again");

    RemotePanelPage(RemotePanel panel, Consumer<String> applyTheme) {
        this.panel = panel;
        this.applyTheme = applyTheme;
        setId("remote-panel-" + panel.name());
        Label title = new Label("Remote panel '" + panel.name() + "'");
        title.getStyleClass().add("section-title");
        state.setId("remote-page-state");
        reason.setId("remote-page-reason");
        reason.getStyleClass().add("error-text");
        reason.setWrapText(true);
        busy.setPrefSize(28, 28);
        retry.setId("remote-retry");
        retry.setOnAction(e -> panel.connect());
        Label how = new Label("The connection goes through this computer's tor to the server's control onion; the"
                + " first one may take up to a minute while tor finds the onion.");
        how.setWrapText(true);
        how.getStyleClass().add("muted");
        HBox stateRow = new HBox(10, busy, state);
        stateRow.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(12, title, stateRow, reason, retry, how);
        box.getStyleClass().addAll("page");
        box.setMaxWidth(720);
        StackPane.setAlignment(box, Pos.TOP_LEFT);
        getChildren().setAll(box);
        panel.connectionProperty().addListener((obs, old, now) -> show(now));
        panel.modelProperty().addListener((obs, old, model) -> attached(model));
        show(panel.connectionProperty().get());
        attached(panel.modelProperty().get());
    }

    private void show(RemotePanel.Connection c) {
        state.setText(c.brief());
        reason.setText(c.reason() == null ? "" : c.reason());
        boolean failed = c.state() == RemotePanel.State.FAILED;
        showIf(reason, failed);
        showIf(retry, failed);
        showIf(busy, c.state() == RemotePanel.State.CONNECTING);
    }

    private void attached(PanelModel model) {
        if (model != null) {
            getChildren().setAll(new MainWindow(model, false, applyTheme));
        }
    }

    private static void showIf(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
