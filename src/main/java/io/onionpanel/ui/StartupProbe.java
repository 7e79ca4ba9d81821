package io.onionpanel.ui;

import io.onionpanel.control.AttachedPanelEngine;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.model.PanelModel;
import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;

/**
 * For the cold-start benchmark: waits for the first pulse after the window is shown (the frame the
 * operator sees), prints the milliseconds since the JVM started, and exits.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    /**
     * For the attach-start benchmark ({@link OnionPanelApp#ATTACH_PROBE_PROPERTY}): waits for the first pulse after
     * the window is attached to a running engine and its dashboard shows every service's card with the engine's
     * state (tor's and each service's, its badge drawn), prints the milliseconds since the JVM started
     * ({@code attached-window-ms=}), and exits.
     */
    public static void reportWhenAttached(Stage stage, PanelModel model) {
        stage.setOnShown(event -> new AnimationTimer() {
            private int readyFrames;

            @Override
            public void handle(long now) {
                if (!ready(stage, model)) {
                    readyFrames = 0;
                    return;
                }
                if (++readyFrames < 2) { // the frame after the one in which it became ready: drawn
                    return;
                }
                stop();
                long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("attached-window-ms=" + sinceStart);
                System.out.flush();
                // Leaves the engine running: this window did not start it.
                Runtime.getRuntime().halt(0);
            }
        }.start());
    }

    private static boolean ready(Stage stage, PanelModel model) {
        if (!(model.engine() instanceof AttachedPanelEngine attached) || !attached.attached()
                || model.torStatusProperty().get().state() == TorStatus.State.STOPPED) {
            return false;
        }
        if (model.settings().services().isEmpty()) {
            return false;
        }
        // The engine's state as it is (published, or for a moment unreachable when its self-probe fails): the
        // window shows it; this probe does not wait for a particular one.
        for (ServiceConfig s : model.settings().services()) {
            ServiceStatus status = model.statuses().get(s.name());
            if (status == null || stage.getScene().lookup("#service-card-" + s.name()) == null
                    || !(stage.getScene().lookup("#service-state-" + s.name()) instanceof Labeled badge)
                    || badge.getText() == null || badge.getText().isBlank()) {
                return false;
            }
        }
        return true;
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
