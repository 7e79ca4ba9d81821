package io.onionpanel.bench;

import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The cold-start floor: the smallest JavaFX window, measured exactly as the panel's StartupProbe measures. */
public final class HelloFxProbe extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("Hello")), 1024, 700));
        stage.setOnShown(e -> new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2) {
                    return;
                }
                stop();
                System.out.println("first-window-ms=" + (System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime()));
                Platform.exit();
                System.exit(0);
            }
        }.start());
        stage.show();
    }

    /** A main outside the Application subclass: from the class path JavaFX refuses to start one directly. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(HelloFxProbe.class, args);
        }
    }
}
