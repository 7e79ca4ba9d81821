package io.onionpanel.ui.share;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.routstr.Announcement;
import io.onionpanel.routstr.RoutstrUrls;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.ServiceContext;
import java.util.Optional;
import java.util.function.IntSupplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Routstr beside another machine's panel: what the node tells visitors it announces (its {@code /v1/info} read at
 * the onion URL, through this computer's tor), that machine's fixed SOCKS port (Routstr's TOR_PROXY_URL), and the
 * command that puts the address on the node there. The change itself is made on that machine: Routstr's admin API
 * answers only on its loopback, and its admin password has no reason to cross this connection.
 */
final class RemoteRoutstrSection extends VBox {
    private final ServiceContext context;
    private final IntSupplier virtualPort;
    private final Label announces = new Label();
    private final Button check = new Button("C_heck through the onion");
    private final Label proxy = new Label();
    private final TextField command = new TextField();
    private final String panel;
    /** FX thread: a read through tor is under way (one at a time). */
    private boolean reading;

    /**
     * @param actions      the remote panel's actions (its settings: the fixed SOCKS port)
     * @param systemService the panel is this machine's system service (its commands run as its user)
     */
    RemoteRoutstrSection(ServiceContext context, String panel, PanelActions actions, boolean systemService,
                         IntSupplier virtualPort) {
        super(8);
        this.context = context;
        this.panel = panel;
        this.virtualPort = virtualPort;
        announces.setId("remote-routstr-announces");
        announces.setWrapText(true);
        check.setId("remote-routstr-check");
        check.setOnAction(e -> lookAtNode());
        check.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        announces.setMaxWidth(Double.MAX_VALUE);
        HBox checkRow = new HBox(8, announces, check);
        checkRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(announces, Priority.ALWAYS);
        proxy.setId("remote-routstr-proxy");
        proxy.setWrapText(true);
        command.setId("remote-routstr-command");
        command.setEditable(false);
        command.getStyleClass().add("mono");
        HBox.setHgrow(command, Priority.ALWAYS);
        command.setText((systemService ? "sudo -u onion-panel onion-panel --data-dir /var/lib/onion-panel " : "onion-panel ")
                + "routstr configure --service " + context.service() + " --admin-password-file FILE");
        Button copy = new Button("Copy");
        copy.setId("remote-routstr-copy");
        copy.setOnAction(e -> Notifier.copy(command.getText()));
        HBox commandRow = new HBox(8, command, copy);
        commandRow.setAlignment(Pos.CENTER_LEFT);
        Label why = muted("Routstr's admin API answers only on that machine, and its admin password should not cross this"
                + " connection: the change is made there. On '" + panel + "', this command logs in to Routstr once (the"
                + " password read from FILE, never stored), sets onion_url and tor_proxy_url, checks /v1/info and makes"
                + " the panel's health page watch that Routstr keeps announcing the address. A node that has never"
                + " started takes --env PATH-TO-.env instead.");
        getChildren().addAll(checkRow, proxy, commandRow, why);
        Tasks.run(actions::settings, this::showProxy, failure -> proxy.setText("Its SOCKS port was not read: "
                + Messages.of(failure)));
    }

    private void showProxy(PanelActions.PanelSettings settings) {
        proxy.getStyleClass().removeAll("reminder", "muted");
        if (settings.fixedSocksPort() > 0) {
            proxy.setText("Routstr's TOR_PROXY_URL on '" + panel + "': socks5://127.0.0.1:" + settings.fixedSocksPort()
                    + " (its fixed SOCKS port, which stays the same when its tor restarts).");
            proxy.getStyleClass().add("muted");
        } else {
            proxy.setText("'" + panel + "' has no fixed SOCKS port: set one on its Settings page first. Routstr's"
                    + " TOR_PROXY_URL must not change when that tor restarts.");
            proxy.getStyleClass().add("reminder");
        }
    }

    /** Reads {@code /v1/info} at the onion URL, off the FX thread (tor may take seconds to find the service). */
    void lookAtNode() {
        if (reading) {
            return;
        }
        Optional<String> onion = context.onion();
        announces.getStyleClass().removeAll("state-ok", "state-bad");
        String notReady = context.torNotReady();
        if (onion.isEmpty() || notReady != null) {
            announces.setText(onion.isEmpty() ? "The service has no address yet." : "Not checked: " + notReady + ".");
            check.setDisable(onion.isEmpty());
            return;
        }
        String url = RoutstrUrls.onionUrl(onion.get(), virtualPort.getAsInt());
        check.setDisable(true);
        reading = true;
        announces.setText("Reading " + url + "/v1/info through this computer's tor …");
        Tasks.run(() -> Announcement.lookUpThroughTor(url, context.socks().orElseThrow()), a -> {
            reading = false;
            check.setDisable(false);
            AnnouncementLabel.show(announces, a, url, "Routstr's /v1/info was not read through the onion: ",
                    "Run the command below on '" + panel + "'.");
        }, failure -> {
            reading = false;
            check.setDisable(false);
            announces.setText("Not checked: " + Messages.of(failure));
        });
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("muted");
        return l;
    }
}
