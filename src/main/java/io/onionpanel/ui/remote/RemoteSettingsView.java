package io.onionpanel.ui.remote;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.tor.FixedSocksPort;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The settings of a panel this window does not hold the folder of (a paired server, the system service), through its
 * engine's actions: its fixed SOCKS port is changed here; how its tor connects is shown, and changed on that machine,
 * because this window reaches a paired server through that very tor (a wrong bridge set from here would cut it off).
 */
public final class RemoteSettingsView extends VBox {
    private final PanelModel model;
    private final String panel;
    private final Label connection = new Label();
    private final TextField socksPort = new TextField();
    private final Label socksNow = new Label();
    private final Label error = new Label();
    private final ServerActionRunner actions;
    /** FX thread: the settings as last read, for expectRevision and to leave an edit in progress alone. */
    private PanelActions.PanelSettings read;

    public RemoteSettingsView(PanelModel model) {
        super(10);
        this.model = model;
        this.panel = model.managedPanelName().orElse("this computer");
        this.actions = new ServerActionRunner(this, error, model.notifier(), panel, this::refresh);
        getStyleClass().add("page");
        setId("remote-settings");
        setMaxWidth(820);
        Label title = new Label("Settings of '" + panel + "'");
        title.getStyleClass().add("section-title");
        error.setId("remote-settings-error");
        getChildren().addAll(title, connectionRow(), socksRow(), error, ownSettingsNote());
        model.engineSettingsChangesProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    private VBox connectionRow() {
        connection.setId("remote-settings-connection");
        connection.setWrapText(true);
        boolean overTor = model.remoteName().isPresent();
        Label why = new Label(overTor ? "Bridges and proxies are changed on that machine (its window, or onion-panel"
                + " tor bridges … / tor proxy …): this window reaches it through that tor, and a wrong bridge set from"
                + " here would cut the connection it was set over."
                : "Bridges and proxies of the system service are changed by its owner: sudo -u onion-panel onion-panel"
                + " --data-dir /var/lib/onion-panel tor bridges … / tor proxy …");
        why.setWrapText(true);
        why.getStyleClass().add("muted");
        return new VBox(4, heading("Tor's connection to the network"), connection, why);
    }

    private VBox socksRow() {
        socksPort.setId("remote-settings-socks-port");
        socksPort.setPromptText("auto");
        socksPort.setPrefColumnCount(8);
        Button save = new Button("_Save SOCKS port");
        save.setId("remote-settings-socks-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> actions.guarded(this::saveSocksPort));
        socksNow.setId("remote-settings-socks-now");
        socksNow.getStyleClass().add("muted");
        HBox row = new HBox(8, new Label("127.0.0.1:"), socksPort, save, socksNow);
        row.setAlignment(Pos.CENTER_LEFT);
        Label what = new Label("A fixed port on that machine's loopback for its other programs (Routstr's TOR_PROXY_URL,"
                + " curl); 'auto' for none. Its tor restarts to apply it; the services keep their addresses.");
        what.setWrapText(true);
        what.getStyleClass().add("muted");
        return new VBox(4, heading("Fixed SOCKS port"), row, what);
    }

    private Label ownSettingsNote() {
        Label own = new Label("The theme, start at login and keeping services online when the window closes are this"
                + " computer's settings" + (model.remoteName().isPresent() ? ": choose 'This computer' in the Panel list."
                : " (the system service runs without a window)."));
        own.setWrapText(true);
        own.getStyleClass().add("muted");
        return own;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-label");
        return l;
    }

    private void saveSocksPort() {
        String text = socksPort.getText().strip();
        int port = text.isEmpty() ? 0 : FixedSocksPort.parse(text); // its message for a bad value, nothing sent
        String revision = read == null ? null : read.revision();
        actions.run(() -> model.actions().putSettings(port, revision), s -> s.fixedSocksPort() == 0
                ? "Fixed SOCKS port cleared."
                : "Fixed SOCKS port set to 127.0.0.1:" + s.fixedSocksPort() + ": its tor restarts to apply it.");
    }

    /** Reads the settings again; an edit in progress (a text other than the last one read) stays. */
    public void refresh() {
        Tasks.run(() -> model.actions().settings(), s -> {
            String shownBefore = read == null ? "" : portText(read);
            read = s;
            connection.setText(s.connection() == null ? "not said by that engine (an older version)" : s.connection());
            socksNow.setText("now: " + (s.fixedSocksPort() == 0 ? "auto (none)" : "127.0.0.1:" + s.fixedSocksPort()));
            if (socksPort.getText().strip().equals(shownBefore)) {
                socksPort.setText(portText(s));
            }
        }, failure -> actions.failed("Could not read the settings", failure));
    }

    private static String portText(PanelActions.PanelSettings s) {
        return s.fixedSocksPort() == 0 ? "" : Integer.toString(s.fixedSocksPort());
    }
}
