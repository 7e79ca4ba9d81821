package io.onionpanel.ui;

import java.nio.file.Path;
import javafx.application.Application;

/** Starts the window; called by name from Main and the CLI, which stay free of JavaFX. */
public final class DesktopLauncher {
    private DesktopLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(OnionPanelApp.class, args);
    }

    public static void launch(Path dataDir) {
        System.setProperty(OnionPanelApp.DATA_DIR_PROPERTY, dataDir.toString());
        launch(new String[0]);
    }
}
