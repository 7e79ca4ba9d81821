package io.onionpanel.ui.settings;

import io.onionpanel.common.ValidationException;
import io.onionpanel.connection.BridgeLine;
import io.onionpanel.connection.BridgeQr;
import io.onionpanel.connection.BuiltinBridges;
import io.onionpanel.connection.ConnectionSettings;
import io.onionpanel.connection.Transport;
import io.onionpanel.connection.TransportBinaries;
import io.onionpanel.connection.UpstreamProxy;
import io.onionpanel.engine.ConnectionSetup;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Settings → Connection (also behind "My network blocks Tor" on the first-run screen): direct, tor's built-in obfs4
 * or snowflake bridges, the operator's own bridge lines (pasted or from a QR image), and an upstream HTTPS, SOCKS4 or
 * SOCKS5 proxy. Checked with the engine's own rules on Apply; a refusal changes nothing. Applying restarts tor.
 */
public final class ConnectionBox extends VBox {
    private final PanelModel model;
    private final RadioButton direct = new RadioButton("_Direct: this network does not block Tor");
    private final RadioButton builtin = new RadioButton("_Built-in bridges");
    private final RadioButton custom = new RadioButton("My _own bridges (one bridge line a line)");
    private final ChoiceBox<String> builtinTransport = new ChoiceBox<>();
    private final TextArea bridges = new TextArea();
    private final Button fromQr = new Button("From a _QR image…");
    private final CheckBox useProxy = new CheckBox("Go through an upstream _proxy");
    private final ChoiceBox<String> proxyType = new ChoiceBox<>();
    private final TextField proxyHost = new TextField();
    private final TextField proxyPort = new TextField();
    private final TextField proxyUser = new TextField();
    private final PasswordField proxyPassword = new PasswordField();
    private final CheckBox systemTransports = new CheckBox("Use the system's obfs4proxy / snowflake-client instead of the bundled ones");
    private final Label transportsInfo = new Label();
    private final Label builtinInfo = new Label();
    private final Button apply = new Button("_Apply connection");
    private final Label error = new Label();

    public ConnectionBox(PanelModel model) {
        super(8);
        this.model = model;
        setId("connection-box");
        ToggleGroup mode = new ToggleGroup();
        direct.setToggleGroup(mode);
        builtin.setToggleGroup(mode);
        custom.setToggleGroup(mode);
        direct.setId("connection-direct");
        builtin.setId("connection-builtin");
        custom.setId("connection-custom");
        builtinTransport.setId("connection-builtin-transport");
        builtinTransport.getItems().addAll("obfs4", "snowflake");
        builtinTransport.disableProperty().bind(builtin.selectedProperty().not());
        builtinInfo.getStyleClass().add("muted");
        builtinInfo.setId("connection-builtin-info");
        HBox builtinRow = new HBox(8, builtin, builtinTransport, builtinInfo);
        builtinRow.setAlignment(Pos.CENTER_LEFT);

        bridges.setId("connection-bridges");
        bridges.setPrefRowCount(3);
        bridges.setPromptText("obfs4 203.0.113.7:443 0123…CDEF cert=… iat-mode=0   (or snowflake …, or a plain address:port FINGERPRINT)");
        bridges.setPrefColumnCount(60);
        bridges.setWrapText(true); // a bridge line is long: the whole line in view, not a sideways scroll
        fromQr.setId("connection-qr");
        fromQr.setOnAction(e -> readQr());
        VBox customBox = new VBox(6, bridges, fromQr);
        customBox.disableProperty().bind(custom.selectedProperty().not());
        customBox.setPadding(new javafx.geometry.Insets(0, 0, 0, 24));

        useProxy.setId("connection-proxy");
        proxyType.setId("connection-proxy-type");
        proxyType.getItems().addAll(UpstreamProxy.TYPES);
        proxyHost.setId("connection-proxy-host");
        proxyHost.setPromptText("host");
        proxyHost.setPrefColumnCount(14);
        proxyPort.setId("connection-proxy-port");
        proxyPort.setPromptText("port");
        proxyPort.setPrefColumnCount(5);
        proxyUser.setId("connection-proxy-user");
        proxyUser.setPromptText("user (optional)");
        proxyUser.setPrefColumnCount(9);
        proxyPassword.setId("connection-proxy-password");
        proxyPassword.setPromptText("password");
        proxyPassword.setPrefColumnCount(9);
        HBox proxyRow = new HBox(8, proxyType, proxyHost, new Label(":"), proxyPort, proxyUser, proxyPassword);
        proxyRow.setAlignment(Pos.CENTER_LEFT);
        proxyRow.disableProperty().bind(useProxy.selectedProperty().not());
        proxyRow.setPadding(new javafx.geometry.Insets(0, 0, 0, 24));

        systemTransports.setId("connection-system-transports");
        transportsInfo.setId("connection-transports-info");
        transportsInfo.getStyleClass().add("muted");
        transportsInfo.setWrapText(true);

        apply.setId("connection-apply");
        apply.setMinWidth(Region.USE_PREF_SIZE);
        apply.setOnAction(e -> save());
        error.setId("connection-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMinWidth(0);
        error.setPrefWidth(460);
        Label help = new Label("Bridge lines and the proxy password are kept in the data folder only (owner-only) and"
                + " never shown in logs or /status. Get bridges at bridges.torproject.org or by email to"
                + " bridges@torproject.org. Applying restarts tor; services keep their addresses.");
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        help.setPrefWidth(640);
        help.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(direct, builtinRow, custom, customBox, useProxy, proxyRow, systemTransports, transportsInfo,
                help, new HBox(10, apply, error));
        load();
        model.settingsProperty().addListener((obs, old, now) -> {
            if (old == null || !old.tor().connection().equals(now.tor().connection())) {
                load();
            }
        });
    }

    private void load() {
        ConnectionSettings c = model.settings().tor().connection();
        switch (c.mode()) {
            case ConnectionSettings.BUILTIN -> builtin.setSelected(true);
            case ConnectionSettings.CUSTOM -> custom.setSelected(true);
            default -> direct.setSelected(true);
        }
        builtinTransport.setValue(c.builtin() == null ? "obfs4" : c.builtin());
        bridges.setText(String.join("\n", c.bridges()));
        UpstreamProxy p = c.proxy();
        useProxy.setSelected(p != null);
        proxyType.setValue(p == null ? UpstreamProxy.SOCKS5 : p.type());
        proxyHost.setText(p == null ? "" : p.host());
        proxyPort.setText(p == null ? "" : Integer.toString(p.port()));
        proxyUser.setText(p == null || p.username() == null ? "" : p.username());
        proxyPassword.setText(p == null || p.password() == null ? "" : p.password());
        systemTransports.setSelected(!c.transports().isEmpty());
        describeTransports(c);
    }

    /** Which binaries tor would run; found (and the bundled ones extracted) off the FX thread. */
    private void describeTransports(ConnectionSettings c) {
        Path dataDir = model.dataDir();
        transportsInfo.setText("Looking for the transports…");
        Tasks.run(() -> {
            List<String> words = new ArrayList<>();
            TransportBinaries binaries = ConnectionSetup.binaries(dataDir);
            for (Transport t : List.of(Transport.OBFS4, Transport.SNOWFLAKE)) {
                try {
                    words.add(binaries.find(t, c).describe());
                } catch (ValidationException e) {
                    words.add(t.torName() + ": " + e.getMessage());
                }
            }
            BuiltinBridges list = BuiltinBridges.load(dataDir);
            return new String[]{String.join("; ", words), "tor's default set of " + list.date()
                    + (list.source().equals("shipped") ? "" : " (your file)")};
        }, texts -> {
            transportsInfo.setText("Transports: " + texts[0]);
            builtinInfo.setText(texts[1]);
        }, failure -> transportsInfo.setText("Transports: " + failure.getMessage()));
    }

    private void readQr() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("QR code image with bridge lines");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"));
        File file = getScene() == null ? null : chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            readQr(file.toPath());
        }
    }

    /** Decodes off the FX thread; the lines are added to the field, checked, not yet applied. */
    void readQr(Path image) {
        error.setText("");
        Tasks.run(() -> BridgeQr.read(image), lines -> {
            custom.setSelected(true);
            String now = bridges.getText().strip();
            bridges.setText((now.isEmpty() ? "" : now + "\n") + String.join("\n", lines));
        }, failure -> error.setText(failure.getMessage()));
    }

    private void save() {
        ConnectionSettings next;
        try {
            next = read();
        } catch (ValidationException e) {
            error.setText(e.getMessage());
            return;
        }
        error.setText("");
        model.updateSettings(s -> s.withTor(s.tor().withConnection(next)),
                () -> model.notifier().info("Connection: " + next.describe() + " (tor restarts)"));
    }

    /** The form as settings, checked with the engine's rules (never quoting a bridge line or the password). */
    ConnectionSettings read() {
        ConnectionSettings c = ConnectionSettings.NONE;
        if (builtin.isSelected()) {
            c = c.withBuiltin(builtinTransport.getValue());
        } else if (custom.isSelected()) {
            List<String> lines = Arrays.stream(bridges.getText().split("\\R")).map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            BridgeLine.parseAll(lines);
            c = c.withBridges(lines);
        }
        if (useProxy.isSelected()) {
            int port;
            try {
                port = Integer.parseInt(proxyPort.getText().strip());
            } catch (NumberFormatException e) {
                throw new ValidationException("Proxy port must be a number 1-65535");
            }
            c = c.withProxy(new UpstreamProxy(proxyType.getValue(), proxyHost.getText().strip(), port,
                    proxyUser.getText().strip(), proxyPassword.getText()).validated());
        }
        if (systemTransports.isSelected()) {
            for (Transport t : List.of(Transport.OBFS4, Transport.SNOWFLAKE)) {
                Path p = TransportBinaries.system(t).orElseThrow(() -> new ValidationException("The system has no "
                        + t.systemBinary() + " (Debian: sudo apt-get install " + t.systemBinary() + ")"));
                c = c.withTransportBinary(t, p.toString());
            }
        }
        return c.validated();
    }
}
