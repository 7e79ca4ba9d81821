package io.onionpanel.ui.remote;

import io.onionpanel.balance.BalanceRules;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * Asks for a backend's instance address (what {@code backend join} printed on the backend machine). An address that
 * is not a well-formed v3 onion address is refused in the dialog with the reason; the server checks it again (and
 * what only it knows: listed already, its frontend's own address).
 */
final class AddBackendDialog {
    private AddBackendDialog() {
    }

    /** The address as typed (the server normalises it), or empty when cancelled. */
    static Optional<String> ask(Window owner, String remote, String frontend) {
        TextField address = new TextField();
        address.setId("remote-balance-add-address");
        address.setPromptText("the instance address 'backend join' showed (56 characters, then .onion)");
        address.getStyleClass().add("onion-address");
        address.setPrefColumnCount(50);
        return CheckedDialog.ask(owner, "remote-balance-add", "Add a backend",
                "Add a backend to '" + frontend + "' on '" + remote + "'",
                "On the backend machine, 'onion-panel backend join CODE --port …' prints its instance address. The"
                        + " server's Onionbalance then adds that machine's introduction points to the frontend's descriptor.",
                "Add backend", List.of(address), () -> {
                    BalanceRules.requireAddress("Backend address", address.getText());
                    return address.getText().strip();
                });
    }
}
