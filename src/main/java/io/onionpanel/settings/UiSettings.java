package io.onionpanel.settings;

/** What the desktop window remembers: theme and geometry (null until the window was first closed). */
public record UiSettings(String theme, Double x, Double y, Double width, Double height) {
    public UiSettings {
        if (theme == null || theme.isBlank()) {
            theme = "light";
        }
    }

    public static UiSettings defaults() {
        return new UiSettings("light", null, null, null, null);
    }

    public UiSettings withTheme(String value) {
        return new UiSettings(value, x, y, width, height);
    }

    public UiSettings withGeometry(double newX, double newY, double newWidth, double newHeight) {
        return new UiSettings(theme, newX, newY, newWidth, newHeight);
    }
}
