package io.onionpanel.ui.remote;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * What a page that edits the data folder's files and has no remote form yet (settings) shows while a remote panel is
 * selected: those files are on the server, and this desktop's own must not pass for them. Says how to change them
 * instead. (Services, clients, backups and load balancing are changed through the engine's actions:
 * RemoteServicesView, RemoteClientsView, RemoteBalanceView.)
 */
public final class ManagedOnServerPage extends VBox {
    /**
     * @param cli how a terminal on this computer reaches that panel's engine ({@code onion-panel --remote NAME})
     * @param note one more sentence for this page, or null
     */
    public ManagedOnServerPage(String remote, String cli, String what, String command, String note) {
        super(10);
        getStyleClass().add("page");
        setId("managed-on-server");
        setMaxWidth(800);
        Label title = new Label(what + " of '" + remote + "' are managed on the server");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        Label how = new Label(what + " are kept in the server's data folder: change them on the server's own window or"
                + " console (" + command + ")."
                + (note == null ? "" : " " + note));
        how.setWrapText(true);
        how.setId("managed-on-server-how");
        Label still = new Label("Here: the remote panel's tor, services, health, circuits and log (Dashboard and Health),"
                + " its Start/Restart tor and New circuits buttons, its services (Services), authorised clients"
                + " (Clients) and load-balanced backends (Load balancing); '" + cli + " status' shows the same from a"
                + " terminal.");
        still.setWrapText(true);
        still.getStyleClass().add("muted");
        getChildren().addAll(title, how, still);
    }
}
