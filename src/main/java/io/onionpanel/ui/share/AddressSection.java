package io.onionpanel.ui.share;

import io.onionpanel.share.OnionUrl;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.QrCodes;
import io.onionpanel.ui.common.VirtualPortChoice;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A service's address as clients use it: the URL for one of its virtual ports, a Copy button, the URL as a QR code,
 * and who can connect with it (client authorisation on or off). The local and the remote share views both show it.
 */
final class AddressSection extends HBox {
    private final TextField address = new TextField();
    private final ImageView qr = new ImageView();
    private final VirtualPortChoice portChoice = new VirtualPortChoice("share-virtual-port");
    private final Label hint = new Label();
    private final Button openClients = new Button("Open the _Clients tab");
    private final boolean canShowClients;
    private final String whereClientsAreAdded;

    /**
     * @param onPortChange         runs when the operator picks another virtual port
     * @param showClients          opens the Clients page for this service (null: none to open)
     * @param whereClientsAreAdded where a client of this service gets its key, in words ("the Clients tab")
     */
    AddressSection(Runnable onPortChange, Runnable showClients, String whereClientsAreAdded) {
        super(16);
        this.canShowClients = showClients != null;
        this.whereClientsAreAdded = whereClientsAreAdded;
        address.setId("share-address");
        address.setEditable(false);
        address.setFocusTraversable(false);
        address.getStyleClass().add("onion-address");
        HBox.setHgrow(address, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId("share-copy-address");
        copy.setOnAction(e -> Notifier.copy(address.getText()));
        qr.setId("share-qr");
        portChoice.setOnChange(onPortChange);
        hint.setId("share-address-hint");
        hint.setWrapText(true);
        openClients.setId("share-open-clients");
        openClients.setOnAction(e -> showClients.run());
        openClients.managedProperty().bind(openClients.visibleProperty());
        openClients.setVisible(false);
        HBox line = new HBox(8, address, portChoice.node(), copy);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, line, hint, openClients);
        HBox.setHgrow(box, Priority.ALWAYS);
        getChildren().addAll(box, qr);
    }

    /** Shows the address (none yet: an empty field saying why) for the virtual port picked among {@code ports}. */
    void show(Optional<String> onion, List<Integer> ports, boolean clientAuth) {
        portChoice.setPorts(ports);
        Optional<String> url = onion.map(o -> OnionUrl.of(o, virtualPort()));
        address.setText(url.orElse(""));
        address.setPromptText("No address yet: start the service once to make its keys");
        qr.setImage(url.map(u -> QrCodes.of(u, 150)).orElse(null));
        if (clientAuth) {
            hint.setText("Client authorisation is on: the address alone does not reach this service. Each client also"
                    + " needs its own key: add the client on " + whereClientsAreAdded + " and give it the private key"
                    + " shown there (its tor reads it from ClientOnionAuthDir). The snippets below work only through a"
                    + " tor that holds such a key.");
        } else {
            hint.setText("Scan the code to copy the address to a phone or another machine. The address is public:"
                    + " anyone who has it can reach the service.");
        }
        hint.getStyleClass().removeAll("muted", "reminder");
        hint.getStyleClass().add(clientAuth ? "reminder" : "muted");
        openClients.setVisible(clientAuth && canShowClients);
    }

    /** The virtual port the address is shown for. */
    int virtualPort() {
        return portChoice.selected();
    }
}
