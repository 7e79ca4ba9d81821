package io.onionpanel.ui.remote;

import io.onionpanel.common.ValidationException;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Tasks;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * Runs a page's actions on a remote panel's engine: one at a time in the background (the page disabled meanwhile),
 * a refusal shown in the page's error line (the server changed nothing), a result as a notification, then the page
 * reads its list again.
 */
final class ServerActionRunner {
    private final Node page;
    private final Label error;
    private final Notifier notifier;
    private final String remote;
    private final Runnable refresh;

    ServerActionRunner(Node page, Label error, Notifier notifier, String remote, Runnable refresh) {
        this.page = page;
        this.error = error;
        this.notifier = notifier;
        this.remote = remote;
        this.refresh = refresh;
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
    }

    <T> void run(Callable<T> action, Function<T, String> said) {
        error.setText("");
        page.setDisable(true);
        Tasks.run(action, done -> {
            page.setDisable(false);
            notifier.success(remote, said.apply(done));
            refresh.run();
        }, failure -> {
            page.setDisable(false);
            error.setText(Messages.of(failure));
        });
    }

    /** Runs {@code work} on the FX thread; input it refuses before sending anything is said in the error line. */
    void guarded(Runnable work) {
        try {
            error.setText("");
            work.run();
        } catch (ValidationException e) {
            error.setText(e.getMessage());
        }
    }

    void failed(String what, Throwable failure) {
        error.setText(what + ": " + Messages.of(failure));
    }
}
