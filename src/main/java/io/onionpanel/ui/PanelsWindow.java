package io.onionpanel.ui;

import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.RemotePanel;
import io.onionpanel.ui.model.RemotePanels;
import io.onionpanel.ui.remote.ConnectRemoteDialog;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * The window over several panels: "This computer" (the data folder's engine) and every remote panel this desktop
 * is paired with, each with its connection's state, chosen at the top; "Connect to a remote panel…" pairs another.
 */
public final class PanelsWindow extends BorderPane {
    /** An entry of the chooser: a remote panel, or this computer (null). */
    record Entry(RemotePanel remote) {
    }

    private static final Entry THIS_COMPUTER = new Entry(null);
    private final MainWindow local;
    private final RemotePanels remotes;
    private final Notifier notifier;
    private final Consumer<String> applyTheme;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList(THIS_COMPUTER);
    private final ComboBox<Entry> chooser = new ComboBox<>(entries);
    private final Label state = new Label();
    private final Button forget = new Button("_Forget…");
    private final StackPane body = new StackPane();
    private final Map<RemotePanel, RemotePanelPage> pages = new HashMap<>();

    public PanelsWindow(MainWindow local, Notifier notifier, RemotePanels remotes, Consumer<String> applyTheme) {
        this.local = local;
        this.notifier = notifier;
        this.remotes = remotes;
        this.applyTheme = applyTheme;
        setId("panels-window");
        chooser.setId("panel-chooser");
        chooser.setCellFactory(list -> new EntryCell(local.panelLabel()));
        chooser.setButtonCell(new EntryCell(local.panelLabel()));
        chooser.setMaxWidth(320);
        chooser.getSelectionModel().select(THIS_COMPUTER);
        chooser.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> show(now));
        Label panelLabel = new Label("_Panel:");
        panelLabel.setMnemonicParsing(true);
        panelLabel.setLabelFor(chooser);
        state.setId("panel-state");
        state.setMinWidth(0);
        state.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(state, Priority.ALWAYS);
        Tooltip whole = new Tooltip();
        whole.setWrapText(true);
        whole.setMaxWidth(640);
        whole.textProperty().bind(state.textProperty());
        state.setTooltip(whole);
        Button connect = new Button("Connect to a _remote panel…");
        connect.setId("remote-connect");
        connect.setOnAction(e -> connectDialog());
        forget.setId("remote-forget");
        forget.setOnAction(e -> forgetSelected());
        HBox bar = new HBox(10, panelLabel, chooser, state, connect, forget);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("panel-bar");
        // The page first among the children: the focus starts in it (the welcome form, the tabs), as without the bar.
        setCenter(body);
        setTop(bar);
        remotes.panels().addListener((ListChangeListener<RemotePanel>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(p -> {
                    entries.removeIf(e -> e.remote() == p);
                    pages.remove(p);
                });
                c.getAddedSubList().forEach(p -> entries.add(new Entry(p)));
            }
        });
        remotes.panels().forEach(p -> entries.add(new Entry(p)));
        show(THIS_COMPUTER);
    }

    /** The chooser's choice: "This computer" or the remote panel of that name; false when none has it. */
    public boolean select(String remoteName) {
        for (Entry e : entries) {
            if (remoteName == null ? e.remote() == null : e.remote() != null && e.remote().name().equals(remoteName)) {
                chooser.getSelectionModel().select(e);
                return true;
            }
        }
        return false;
    }

    private void show(Entry entry) {
        if (entry == null) {
            return;
        }
        state.textProperty().unbind();
        state.getStyleClass().remove("error-text");
        forget.setDisable(entry.remote() == null);
        if (entry.remote() == null) {
            state.setText("");
            body.getChildren().setAll(local);
            return;
        }
        RemotePanel panel = entry.remote();
        state.textProperty().bind(Bindings.createStringBinding(() -> panel.connectionProperty().get().inWords(),
                panel.connectionProperty()));
        body.getChildren().setAll(pages.computeIfAbsent(panel, p -> new RemotePanelPage(p, applyTheme)));
    }

    private void connectDialog() {
        ConnectRemoteDialog dialog = new ConnectRemoteDialog(getScene().getWindow(), remotes.dataDir());
        dialog.showAndWait();
        dialog.paired().ifPresent(name -> {
            remotes.added(name);
            select(name);
        });
    }

    private void forgetSelected() {
        Entry entry = chooser.getSelectionModel().getSelectedItem();
        if (entry == null || entry.remote() == null) {
            return;
        }
        RemotePanel panel = entry.remote();
        ButtonType forgetIt = new ButtonType("Forget", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "This desktop deletes its pairing code for '" + panel.name()
                + "' and disconnects. The code stays valid on the server until its operator revokes this desktop there"
                + " (Settings → Remote access).", forgetIt, ButtonType.CANCEL);
        confirm.getDialogPane().setId("remote-forget-confirm");
        confirm.setHeaderText("Forget the remote panel '" + panel.name() + "'?");
        confirm.initOwner(getScene().getWindow());
        confirm.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        confirm.setResizable(true);
        Dialogs.themed(confirm, getScene().getWindow());
        Dialogs.cancelByDefault(confirm);
        if (confirm.showAndWait().filter(b -> b == forgetIt).isEmpty()) {
            return;
        }
        chooser.getSelectionModel().select(THIS_COMPUTER);
        remotes.forget(panel, () -> { }, failure -> notifier.error("Forget '" + panel.name() + "'", failure));
    }

    /** "Name — state" for a remote, following its state; "This computer" for the local engine. */
    private static final class EntryCell extends ListCell<Entry> {
        private final String localLabel;

        EntryCell(String localLabel) {
            this.localLabel = localLabel;
        }

        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            textProperty().unbind();
            if (empty || entry == null) {
                setText(null);
            } else if (entry.remote() == null) {
                setText(localLabel);
            } else {
                RemotePanel p = entry.remote();
                textProperty().bind(Bindings.createStringBinding(() -> p.name() + " — " + p.connectionProperty().get().brief(),
                        p.connectionProperty()));
            }
        }
    }

    Node body() {
        return body;
    }
}
