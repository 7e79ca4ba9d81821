package io.onionpanel.ui.remote;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * What a page that edits the data folder's files (services, clients, settings, backups, load balancing) shows while
 * a remote panel is selected: those files are on the server, and this desktop's own must not pass for them. Says how
 * to do it today instead; the window edits them remotely once the engine takes these actions itself.
 */
public final class ManagedOnServerPage extends VBox {
    public ManagedOnServerPage(String remote, String what, String command) {
        super(10);
        getStyleClass().add("page");
        setId("managed-on-server");
        Label title = new Label(what + " of '" + remote + "' are managed on the server");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        Label how = new Label("This window shows the remote panel's state, health, circuits and log, and its tor buttons"
                + " work. " + what + " are kept in the server's data folder: change them on the server's own window or"
                + " console (" + command + "), or from this desktop with 'onion-panel --remote " + remote + " …' where"
                + " the command allows it. Editing them from this window comes with the actions API.");
        how.setWrapText(true);
        how.setId("managed-on-server-how");
        getChildren().addAll(title, how);
    }
}
