package io.onionpanel.ui.remote;

import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.onion.ServiceValidation;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * Asks which service becomes the server's load-balanced frontend: an existing one keeps its address (and is offline
 * until Onionbalance has a backend to publish), a new name needs the port clients use. Name and mapping are checked
 * here as the server checks them; the server says the rest (another frontend already, a backend, PoW on).
 */
final class MakeFrontendDialog {
    /** @param ports empty for an existing service */
    record Choice(String name, List<String> ports) {
    }

    private MakeFrontendDialog() {
    }

    static Optional<Choice> ask(Window owner, String remote) {
        TextField name = new TextField();
        name.setId("remote-balance-frontend-name");
        name.setPromptText("service name: an existing service, or a new one");
        TextField port = new TextField();
        port.setId("remote-balance-frontend-port");
        port.setPromptText("for a new service only: 80=127.0.0.1:8000");
        return CheckedDialog.ask(owner, "remote-balance-make", "Make a load-balanced frontend",
                "Make a load-balanced frontend on '" + remote + "'",
                "An existing service keeps its address, which becomes the load-balanced one: the server's tor stops"
                        + " publishing it, and Onionbalance publishes it once it has a backend (offline until then)."
                        + " A new name gets new keys and needs its port (the virtual port clients use; each backend"
                        + " serves it). One frontend per panel; its key never leaves the server.",
                "Make frontend", List.of(new Label("Service"), name, new Label("Port (new service)"), port), () -> {
                    String n = ServiceValidation.requireName(name.getText().strip());
                    List<String> ports = port.getText().isBlank() ? List.of() : List.of(port.getText().strip());
                    if (!ports.isEmpty()) {
                        LocalPanelActions.parsePorts(ports); // the mapping's check, with its message
                    }
                    return new Choice(n, ports);
                });
    }
}
