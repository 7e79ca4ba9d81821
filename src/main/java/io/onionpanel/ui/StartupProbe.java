package io.onionpanel.ui;

import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * For the cold-start benchmark: waits for the first pulse after the window is shown (the frame the
 * operator sees), prints the milliseconds since the JVM started, and exits.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void reportWhenShown(Stage stage) {
        stage.setOnShown(event -> new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2) {
                    return;
                }
                stop();
                long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("first-window-ms=" + sinceStart);
                System.out.flush();
                Platform.exit();
                System.exit(0);
            }
        }.start());
    }
}
