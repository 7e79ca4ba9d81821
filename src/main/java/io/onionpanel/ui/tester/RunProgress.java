package io.onionpanel.ui.tester;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/**
 * A run in progress: done of all, how many are in flight and for how long, ticking every second, so a request
 * that takes 20 s through tor is visibly under way and not mistaken for a hang. Hidden between runs.
 */
final class RunProgress extends HBox {
    private final ProgressBar bar = new ProgressBar(0);
    private final Label text = new Label();
    private final Timeline ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> show()));
    private final Supplier<Instant> clock;
    private Instant started;
    private int count;
    private int concurrency;
    private int done;
    private String note = "";

    RunProgress(Supplier<Instant> clock) {
        super(10);
        this.clock = clock;
        setId("tester-progress-box");
        bar.setId("tester-progress");
        bar.setPrefWidth(220);
        text.setId("tester-progress-text");
        text.setMinWidth(0);
        getChildren().addAll(bar, text);
        setAlignment(Pos.CENTER_LEFT);
        ticker.setCycleCount(Timeline.INDEFINITE);
        setRunning(false);
    }

    void start(int count, int concurrency) {
        this.count = count;
        this.concurrency = concurrency;
        this.done = 0;
        this.note = "";
        started = clock.get();
        setRunning(true);
        show();
        ticker.playFromStart();
    }

    void finishedOne() {
        done++;
        note = "";
        show();
    }

    /** A retry's pause and reason, shown until the next request finishes. */
    void note(String note) {
        this.note = note;
        show();
    }

    void stop() {
        ticker.stop();
        setRunning(false);
    }

    private void setRunning(boolean running) {
        setVisible(running);
        setManaged(running);
    }

    private void show() {
        bar.setProgress(count == 0 ? 0 : (double) done / count);
        text.setText(describe(done, count, Math.min(concurrency, count - done), Duration.between(started, clock.get()))
                + (note.isEmpty() ? "" : " · " + note));
    }

    /** "4 of 10 done · 1 in flight · 22 s". */
    static String describe(int done, int count, int inFlight, Duration elapsed) {
        return done + " of " + count + " done" + (inFlight > 0 ? " · " + inFlight + " in flight" : "") + " · "
                + elapsed.toSeconds() + " s";
    }
}
