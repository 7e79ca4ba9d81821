package io.onionpanel.ui.share;

import io.onionpanel.common.ValidationException;
import io.onionpanel.ui.common.ScrollPanes;
import io.onionpanel.tor.FixedSocksPort;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.OutageConfirm;
import io.onionpanel.ui.model.ServiceContext;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * How clients reach a service: copyable curl / Python / Node set-ups filled with the live address and the SOCKS
 * port, the address as a QR code, the fixed SOCKS port, and putting the address on Routstr ({@link RoutstrSection}).
 */
public final class ShareView extends ScrollPane {
    private final ServiceContext context;
    private final VBox content = new VBox(14);
    private final AddressSection address;
    private final Label portInfo = new Label();
    private final TextField portField = new TextField();
    private final Button setPort = new Button("Use this _port");
    private final Label portError = new Label();
    private final VBox snippets = new VBox(12);
    private final RoutstrSection routstr;

    /** {@code showClients} opens the main window's Clients tab (null: no such button). */
    public ShareView(ServiceContext context, Runnable showClients) {
        this.context = context;
        this.routstr = new RoutstrSection(context);
        this.address = new AddressSection(this::refresh, showClients, "the Clients tab");
        setFitToWidth(true);
        ScrollPanes.withoutViewportCache(this);
        setId("share-view");
        content.getStyleClass().addAll("page", "share");
        setContent(content);

        portInfo.setId("share-port-info");
        portInfo.setWrapText(true);
        portField.setId("share-port");
        portField.setPrefColumnCount(6);
        setPort.setId("share-set-port");
        setPort.setOnAction(e -> savePort());
        Button clearPort = new Button("Clear");
        clearPort.setId("share-clear-port");
        clearPort.setOnAction(e -> {
            if (context.fixedSocksPort() == 0 || restartConfirmed()) {
                context.saveFixedSocksPort(0, this::refresh, this::portFailed);
            }
        });
        portError.setId("share-port-error");
        portError.getStyleClass().add("error-text");
        portError.setWrapText(true);
        portError.managedProperty().bind(portError.textProperty().isNotEmpty());
        HBox portRow = new HBox(8, new Label("Fixed SOCKS port 127.0.0.1:"), portField, setPort, clearPort);
        portRow.setAlignment(Pos.CENTER_LEFT);
        Label portRestarts = new Label("Setting or clearing the port restarts tor: every onion service is offline for a few seconds.");
        portRestarts.setId("share-port-restarts");
        portRestarts.getStyleClass().add("warn-text");
        portRestarts.setWrapText(true);

        content.getChildren().addAll(section("Address"), address,
                section("SOCKS port for clients on this machine"), portInfo, portRow, portRestarts, portError,
                section("Client set-up"), snippets,
                section("Routstr"), routstr);
        refresh();
    }

    /** Re-reads address and ports: they may change while the window is open. */
    public void refresh() {
        Optional<String> onion = context.onion();
        address.show(onion, context.virtualPorts(), context.clientAuth());
        int virtualPort = address.virtualPort();
        int fixed = context.fixedSocksPort();
        int port = socksPort();
        if (fixed > 0) {
            portInfo.setText("The snippets use the fixed SOCKS port 127.0.0.1:" + fixed + ": it stays the same when tor"
                    + " restarts (the panel also keeps its own automatic port).");
            portInfo.getStyleClass().remove("reminder");
            portField.setText(Integer.toString(fixed));
        } else {
            portInfo.setText(port > 0 ? "No fixed SOCKS port: the snippets use the panel's automatic port " + port
                    + ", which changes whenever tor restarts. Set a fixed port for programs you configure once"
                    + " (Routstr needs one)." : "No fixed SOCKS port, and tor is not running: set a fixed port so"
                    + " clients on this machine have one that does not move.");
            if (!portInfo.getStyleClass().contains("reminder")) {
                portInfo.getStyleClass().add("reminder");
            }
            if (portField.getText().isBlank()) {
                portField.setText(FixedSocksPort.isFree(9150) ? "9150" : "19050");
            }
        }
        snippets.getChildren().setAll(SnippetCards.of(onion, virtualPort, port > 0 ? port : 9050));
        routstr.refresh();
    }

    private int socksPort() {
        int fixed = context.fixedSocksPort();
        return fixed > 0 ? fixed : context.socks().map(java.net.InetSocketAddress::getPort).orElse(0);
    }

    private void savePort() {
        portError.setText("");
        try {
            int port = FixedSocksPort.requireFree(FixedSocksPort.parse(portField.getText()), context.fixedSocksPort());
            if (port == context.fixedSocksPort() || restartConfirmed()) {
                context.saveFixedSocksPort(port, this::refresh, this::portFailed);
            }
        } catch (ValidationException e) {
            portError.setText(e.getMessage());
        }
    }

    /** A new SOCKS port restarts tor, as Settings says: the services online go down for a few seconds. */
    private boolean restartConfirmed() {
        return OutageConfirm.ask(getScene().getWindow(), "Restart tor", context.onlineServices(),
                "for a few seconds: a new SOCKS port restarts tor");
    }

    private void portFailed(Throwable t) {
        portError.setText(Messages.of(t));
    }

    /** Writes Routstr's .env (the path for a node that has never started). */
    void writeEnv() {
        routstr.writeEnv();
    }

    /** Stops watching Routstr's /v1/info (the window closed). */
    public void dispose() {
        routstr.dispose();
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
