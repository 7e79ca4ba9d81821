package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.HealthLevel;

/** A health level as shown: a symbol and a word (never colour alone) and the theme's state colour. */
final class LevelLook {
    private LevelLook() {
    }

    static String text(HealthLevel level) {
        return switch (level) {
            case OK -> "✔ OK";
            case UNKNOWN -> "? Unknown";
            case WARN -> "⚠ Warning";
            case FAIL -> "✖ Failing";
        };
    }

    /** The StateBadge kind (state-ok, state-busy …) of panel.css. */
    static String kind(HealthLevel level) {
        return switch (level) {
            case OK -> "ok";
            case UNKNOWN -> "off";
            case WARN -> "busy";
            case FAIL -> "bad";
        };
    }
}
