package io.onionpanel.ui.common;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How failures reach the operator: a notification in the window (with "Copy details") plus the status line.
 * Every failure is also logged; none is swallowed, no stack trace is shown.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration ERROR_SHOWN = Duration.seconds(12);
    private static final Duration INFO_SHOWN = Duration.seconds(6);
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
    private NotificationArea area;

    /** Where notifications appear; without one (tests of a single page) only the status line shows them. */
    public void showIn(NotificationArea area) {
        Tasks.onFx(() -> this.area = area);
    }

    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    /** The status line only: news the operator expects, no notification. */
    public void info(String message) {
        Tasks.onFx(() -> statusLine.set(message));
    }

    public void error(String title, Throwable failure) {
        LOG.warn("{}: {}", title, Messages.of(failure), failure);
        error(title, Messages.of(failure));
    }

    public void error(String title, String message) {
        error(null, title, message);
    }

    /** {@code key}: a later notification with the same key (e.g. the service's recovery) replaces this one. */
    public void error(String key, String title, String message) {
        Tasks.onFx(() -> {
            statusLine.set(title + ": " + message);
            if (area != null) {
                area.show(NotificationArea.Kind.ERROR, key, title, message, title + "\n" + message, ERROR_SHOWN);
            }
        });
    }

    public void success(String title, String message) {
        success(null, title, message);
    }

    public void success(String key, String title, String message) {
        Tasks.onFx(() -> {
            statusLine.set(message);
            if (area != null) {
                area.show(NotificationArea.Kind.INFO, key, title, message, null, INFO_SHOWN);
            }
        });
    }

    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
