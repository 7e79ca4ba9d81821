package io.onionpanel.ui.common;

import javafx.scene.control.Label;

/** A small coloured pill for a state (published, starting, failed …); colour comes from the theme's CSS. */
public final class StateBadge extends Label {
    public StateBadge() {
        getStyleClass().add("state-badge");
    }

    public void show(String text, String kind) {
        setText(text);
        getStyleClass().removeIf(c -> c.startsWith("state-"));
        getStyleClass().addAll("state-badge", "state-" + kind);
    }
}
