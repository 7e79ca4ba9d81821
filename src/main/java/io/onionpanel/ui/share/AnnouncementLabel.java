package io.onionpanel.ui.share;

import io.onionpanel.routstr.Announcement;
import io.onionpanel.routstr.RoutstrUrls;
import javafx.scene.control.Label;

/** What a Routstr node announces, against the onion URL it should: the words and the ok / bad mark on a label. */
final class AnnouncementLabel {
    private AnnouncementLabel() {
    }

    /**
     * @param unread what comes before the reason when {@code /v1/info} was not read
     * @param fix    what the operator does when the node announces another URL or none
     */
    static void show(Label label, Announcement a, String expected, String unread, String fix) {
        label.getStyleClass().removeAll("state-ok", "state-bad");
        if (!a.read()) {
            label.setText(unread + a.problem());
        } else if (RoutstrUrls.same(a.onionUrl(), expected)) {
            label.setText("Routstr announces this address (" + a.onionUrl() + ").");
            label.getStyleClass().add("state-ok");
        } else {
            label.setText((a.onionUrl().isBlank() ? "Routstr announces no onion URL yet; it should announce " + expected
                    : "Routstr announces " + a.onionUrl() + ", not " + expected) + ". " + fix);
            label.getStyleClass().add("state-bad");
        }
    }
}
