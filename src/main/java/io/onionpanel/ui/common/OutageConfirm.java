package io.onionpanel.ui.common;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks before an action takes onion services offline. Cancel is the default button: an Enter pressed out of
 * habit (or on a button that happened to hold the focus) never causes an outage.
 */
public final class OutageConfirm {
    private OutageConfirm() {
    }

    /**
     * @param action  the confirming button's text, e.g. "Stop tor"
     * @param offline the services that go offline; nothing to ask when empty
     * @param until   when they are back, e.g. "until tor is started again"
     */
    public static boolean ask(Window owner, String action, List<String> offline, String until) {
        if (offline.isEmpty()) {
            return true;
        }
        ButtonType confirm = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, describe(offline) + " " + until + ".", confirm, ButtonType.CANCEL);
        alert.setTitle(action);
        alert.setHeaderText(action + "?");
        alert.getDialogPane().setId("outage-confirm");
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button ok = (Button) alert.getDialogPane().lookupButton(confirm);
        ok.setId("outage-confirm-ok");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("outage-confirm-cancel");
        Dialogs.cancelByDefault(alert);
        if (owner != null) {
            alert.initOwner(owner);
        }
        Dialogs.themed(alert, owner);
        return alert.showAndWait().filter(b -> b == confirm).isPresent();
    }

    /** "1 onion service (api) goes offline", "3 onion services (a, b, c) go offline". */
    static String describe(List<String> offline) {
        int n = offline.size();
        return n + " onion service" + (n == 1 ? "" : "s") + " (" + String.join(", ", offline) + ") "
                + (n == 1 ? "goes" : "go") + " offline";
    }
}
