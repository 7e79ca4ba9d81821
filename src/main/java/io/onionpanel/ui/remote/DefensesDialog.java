package io.onionpanel.ui.remote;

import io.onionpanel.defense.PowSupport;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.ui.common.InlineErrors;
import io.onionpanel.ui.editor.DefensesPane;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/**
 * A service's DoS defences on another machine's panel, in the same form as this computer's editor. Numbers are
 * checked against tor's limits here, and proof-of-work is offered as that machine's engine says its tor can run it
 * (the engine checks again when it saves: it refuses proof-of-work it cannot give, and nothing changes).
 */
final class DefensesDialog {
    private DefensesDialog() {
    }

    /**
     * The defences the operator wants, or empty when cancelled.
     *
     * @param pow what that machine's engine said of its tor's proof-of-work (settings.get); null from an engine that
     *            does not say, which then checks it when it saves
     */
    static Optional<DosDefenses> ask(Window owner, String remote, ServiceInfo service, PowSupport pow) {
        DefensesPane pane = new DefensesPane(new InlineErrors());
        pane.showPowSupport(pow != null ? new PowSupport(pow.available(), "On '" + remote + "': " + pow.reason())
                : new PowSupport(true, "Whether the tor on '" + remote + "' has the pow module is checked there when you"
                + " save."));
        pane.load(service.defenses() == null ? DosDefenses.NONE : service.defenses());
        return CheckedDialog.ask(owner, "remote-defenses", "DoS defences", "DoS defences of '" + service.name() + "' on '"
                        + remote + "'", "The server applies them to its running tor without a restart and logs the change"
                        + " with this desktop's name.", "Save defences", List.of(pane), pane::read, 940);
    }
}
