package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the desktop window remembers: theme and geometry (null until the window was first closed), and whether
 * closing it leaves the services online ({@code keepOnline}: the engine process keeps serving without asking).
 */
public record UiSettings(String theme, Double x, Double y, Double width, Double height,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean keepOnline) {
    @JsonCreator
    public UiSettings {
        if (theme == null || theme.isBlank()) {
            theme = "light";
        }
        keepOnline = Boolean.TRUE.equals(keepOnline); // boxed: older settings.json files have no such field
    }

    public UiSettings(String theme, Double x, Double y, Double width, Double height) {
        this(theme, x, y, width, height, false);
    }

    public static UiSettings defaults() {
        return new UiSettings("light", null, null, null, null, false);
    }

    public UiSettings withTheme(String value) {
        return new UiSettings(value, x, y, width, height, keepOnline);
    }

    public UiSettings withGeometry(double newX, double newY, double newWidth, double newHeight) {
        return new UiSettings(theme, newX, newY, newWidth, newHeight, keepOnline);
    }

    public UiSettings withKeepOnline(boolean value) {
        return new UiSettings(theme, x, y, width, height, value);
    }
}
