package io.onionpanel.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Notifications inside the window, one at a time, with "+ N more" for those waiting. A node in the window's
 * own scene, unlike pop-up windows: it cannot run off the screen or lie over a dialog's buttons, and takes
 * the window's theme. Its buttons are not focus traversable, so showing or clicking a notification never
 * takes the keyboard focus (Ctrl+1…5 and Enter keep working).
 */
public final class NotificationArea extends StackPane {
    public enum Kind { ERROR, INFO }

    /** {@code key}: a newer notification with the same key replaces an older one still shown or waiting. */
    record Note(Kind kind, String key, String title, String text, String details, Duration shownFor) {
    }

    private final Deque<Note> waiting = new ArrayDeque<>();
    private final VBox toast = new VBox(6);
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label more = new Label();
    private final Button copy = new Button("Copy details");
    private final PauseTransition timer = new PauseTransition();
    private Note current;
    private final javafx.beans.property.ReadOnlyStringWrapper shownTitle = new javafx.beans.property.ReadOnlyStringWrapper();

    public NotificationArea() {
        setId("notification-area");
        setPickOnBounds(false);
        setAlignment(Pos.BOTTOM_RIGHT);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(this, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(this, new javafx.geometry.Insets(0, 16, 16, 16));

        toast.setId("notification");
        toast.getStyleClass().add("toast");
        toast.setMaxWidth(440);
        title.setId("notification-title");
        title.getStyleClass().add("toast-title");
        title.setWrapText(true);
        text.setId("notification-text");
        text.getStyleClass().add("toast-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        more.setId("notification-more");
        more.getStyleClass().add("toast-more");
        more.managedProperty().bind(more.textProperty().isNotEmpty());
        copy.setId("notification-copy");
        copy.setFocusTraversable(false);
        copy.setOnAction(e -> Notifier.copy(current.details()));
        Button close = new Button("Dismiss");
        close.setId("notification-dismiss");
        close.setFocusTraversable(false);
        close.setOnAction(e -> next());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, more, spacer, copy, close);
        actions.setAlignment(Pos.CENTER_LEFT);
        toast.getChildren().addAll(title, text, actions);
        timer.setOnFinished(e -> next());
        // Hovering keeps it up: the operator is reading it.
        toast.hoverProperty().addListener((obs, was, now) -> {
            if (now) {
                timer.pause();
            } else if (current != null) {
                timer.playFromStart();
            }
        });
        setVisible(false);
    }

    /** On the FX thread. */
    public void show(Kind kind, String key, String title, String text, String details, Duration shownFor) {
        Note note = new Note(kind, key, title, text, details, shownFor);
        waiting.removeIf(n -> n.key() != null && n.key().equals(key));
        if (current == null || (key != null && key.equals(current.key()))) {
            display(note);
        } else {
            waiting.addLast(note);
            showWaiting();
        }
    }

    public void clear() {
        waiting.clear();
        current = null;
        shownTitle.set(null);
        timer.stop();
        getChildren().clear();
        setVisible(false);
    }

    private void next() {
        Note n = waiting.pollFirst();
        if (n == null) {
            clear();
        } else {
            display(n);
        }
    }

    private void display(Note note) {
        current = note;
        shownTitle.set(note.title());
        title.setText(note.title());
        text.setText(note.text());
        toast.getStyleClass().removeAll("toast-error", "toast-info");
        toast.getStyleClass().add(note.kind() == Kind.ERROR ? "toast-error" : "toast-info");
        copy.setVisible(note.details() != null);
        copy.setManaged(note.details() != null);
        showWaiting();
        if (getChildren().isEmpty()) {
            getChildren().add(toast);
        }
        setVisible(true);
        timer.setDuration(note.shownFor());
        timer.playFromStart();
    }

    private void showWaiting() {
        more.setText(waiting.isEmpty() ? "" : "+ " + waiting.size() + " more");
    }

    /** The title of the notification shown now, null when none. */
    public javafx.beans.property.ReadOnlyStringProperty currentTitleProperty() {
        return shownTitle.getReadOnlyProperty();
    }

    public String currentTitle() {
        return shownTitle.get();
    }

    public int waitingCount() {
        return waiting.size();
    }

    @Override
    public String toString() {
        return "NotificationArea[" + Objects.toString(currentTitle()) + ", +" + waiting.size() + "]";
    }
}
