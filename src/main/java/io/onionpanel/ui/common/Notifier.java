package io.onionpanel.ui.common;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How failures reach the operator: a ControlsFX notification with a "Copy details" action, plus the status
 * line. Every failure is also logged; none is swallowed, no stack trace is shown.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
    private Window owner;

    public void setOwner(Window owner) {
        this.owner = owner;
    }

    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    public void info(String message) {
        statusLine.set(message);
    }

    public void error(String title, Throwable failure) {
        LOG.warn("{}: {}", title, Messages.of(failure), failure);
        error(title, Messages.of(failure));
    }

    public void error(String title, String message) {
        Tasks.onFx(() -> {
            statusLine.set(title + ": " + message);
            if (owner == null || !owner.isShowing()) {
                return;
            }
            Notifications.create()
                    .title(title)
                    .text(wrapLines(message, 72))
                    .owner(owner)
                    .hideAfter(Duration.seconds(12))
                    .action(new Action("Copy details", e -> copy(title + "\n" + message)))
                    .showError();
        });
    }

    public void success(String title, String message) {
        Tasks.onFx(() -> {
            statusLine.set(message);
            if (owner != null && owner.isShowing()) {
                Notifications.create().title(title).text(wrapLines(message, 72)).owner(owner).hideAfter(Duration.seconds(6)).showInformation();
            }
        });
    }

    /** ControlsFX notifications do not wrap their text, and tor's messages are long. */
    static String wrapLines(String message, int width) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : message.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                out.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
