package io.onionpanel.bench;

import io.onionpanel.control.AttachedPanelEngine;
import io.onionpanel.control.KnownRemotes;
import io.onionpanel.ui.MainWindow;
import io.onionpanel.ui.OnionPanelApp;
import io.onionpanel.ui.PanelsWindow;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import io.onionpanel.ui.model.RemotePanels;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;

/**
 * For {@link RemoteAccessBenchmark}: the window's "remote attach → complete first frame". A window (on desktop B's
 * data folder, attached to B's engine) shows "This computer"; each run pairs the server's code under a new name, as
 * "Connect to a remote panel…" does, selects it, and times from there to the second pulse after the remote
 * dashboard shows the server's service with its "Published" badge (the frame in which it is drawn). Every run is a
 * new connection; the first one is cold.
 */
final class RemoteWindowFrames {
    private RemoteWindowFrames() {
    }

    /** Milliseconds per run; needs a display (Xvfb under bench/run.sh). */
    static double[] measure(Path dataB, String codeText, String service, int runs) throws Exception {
        Platform.startup(() -> { });
        PanelModel desktop = new PanelModel(dataB, new Notifier(), AttachedPanelEngine.attachIfRunning(dataB, null).orElseThrow());
        RemotePanels remotes = new RemotePanels(dataB, name -> AttachedPanelEngine.attachRemote(dataB, name));
        PanelsWindow[] window = new PanelsWindow[1];
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            window[0] = new PanelsWindow(new MainWindow(desktop, false, t -> { }), desktop.notifier(), remotes, t -> { });
            Stage stage = new Stage();
            Scene scene = new Scene(window[0], 1024, 700);
            scene.getStylesheets().add(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            shown.complete(null);
        });
        shown.get(30, TimeUnit.SECONDS);
        double[] ms = new double[runs];
        try {
            for (int i = 0; i < runs; i++) {
                String name = "frame" + i;
                new KnownRemotes(dataB).add(name, codeText);
                CompletableFuture<Double> frame = new CompletableFuture<>();
                Platform.runLater(() -> {
                    long t0 = System.nanoTime();
                    remotes.added(name);
                    window[0].select(name);
                    new AnimationTimer() {
                        private int readyFrames;

                        @Override
                        public void handle(long now) {
                            Node badge = window[0].getScene().lookup("#remote-service-state-" + service);
                            if (!(badge instanceof Labeled l) || !"Published".equals(l.getText())) {
                                readyFrames = 0;
                                return;
                            }
                            if (++readyFrames < 2) { // the frame after the one in which it became ready: drawn
                                return;
                            }
                            stop();
                            frame.complete((System.nanoTime() - t0) / 1e6);
                        }
                    }.start();
                });
                ms[i] = frame.get(180, TimeUnit.SECONDS);
                System.out.printf("window attach %d: %.0f ms%n", i + 1, ms[i]);
                Platform.runLater(() -> window[0].select(null));
            }
        } finally {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Platform.runLater(() -> {
                remotes.closeAll();
                closed.complete(null);
            });
            closed.get(30, TimeUnit.SECONDS);
            desktop.shutdown(false);
            Platform.exit();
        }
        return ms;
    }
}
