package io.onionpanel.bench;

import io.onionpanel.ui.StartupProbe;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The cold-start floor: the smallest JavaFX window, measured exactly as the panel's StartupProbe measures. */
public final class HelloFxProbe extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("Hello")), 1024, 700));
        // The very probe the panel uses, so both figures mean the same thing.
        StartupProbe.reportWhenShown(stage);
        stage.show();
    }

    /** A main outside the Application subclass: from the class path JavaFX refuses to start one directly. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(HelloFxProbe.class, args);
        }
    }
}
