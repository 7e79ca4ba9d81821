package io.onionpanel.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.auth.ClientAuthorization;
import io.onionpanel.auth.ClientCredential;
import io.onionpanel.auth.ClientKeys;
import io.onionpanel.ui.FxWait;
import io.onionpanel.ui.common.Notifier;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The credential dialog keeps its buttons and instructions whole after the file is saved (it used to collapse). */
@ExtendWith(ApplicationExtension.class)
class CredentialDialogLayoutTest {
    static final String ONION = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion";
    @TempDir
    Path data;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 800, 600));
        stage.show();
    }

    /** What the skin draws: "…" at the end when the text did not fit. */
    private static String drawn(Labeled l) {
        Node text = l.lookup(".text");
        return text instanceof Text t ? t.getText() : l.getText();
    }

    @Test
    void aLongSavedPathLeavesTheButtonAndTheWarningWhole(FxRobot robot) throws Exception {
        ClientCredential credential = new ClientCredential("laptop", ONION, ClientKeys.generate().privateKey());
        AtomicReference<CredentialDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            CredentialDialog d = new CredentialDialog(stage, new ClientAuthorization(data), new Notifier(), "api",
                    credential, false, true, () -> { });
            dialog.set(d);
            d.show();
        });
        FxWait.until("dialog", () -> robot.lookup("#client-credential-dialog").tryQuery().isPresent());
        Path deep = data.resolve("a-rather-long-folder-name-for-client-credentials/and-another-one-below-it");
        java.nio.file.Files.createDirectories(deep);
        robot.interact(() -> dialog.get().saveTo(credential, deep.resolve(credential.fileName()).toFile()));
        FxWait.until("saved", () -> robot.lookup("#credential-saved").queryAs(Label.class).getText().startsWith("Saved "));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

        Button save = robot.lookup("#credential-save").queryAs(Button.class);
        assertEquals("Save .auth_private file…", drawn(save));
        Label saved = robot.lookup("#credential-saved").queryAs(Label.class);
        assertTrue(saved.getHeight() >= saved.prefHeight(saved.getWidth()) - 0.5, "the saved line is cut: " + saved.getHeight());
        DialogPane pane = robot.lookup("#client-credential-dialog").queryAs(DialogPane.class);
        for (Node n : pane.lookupAll(".label")) {
            if (n instanceof Label l && l.isVisible() && l.getText() != null && !l.getText().isEmpty() && l.isWrapText()) {
                assertTrue(l.getHeight() >= l.prefHeight(l.getWidth()) - 0.5, "cut: " + l.getText());
                assertEquals(l.getText(), drawn(l), "truncated");
            }
        }
        assertTrue(pane.getHeight() >= pane.prefHeight(pane.getWidth()) - 0.5,
                "dialog " + pane.getHeight() + " < " + pane.prefHeight(pane.getWidth()));
        robot.interact(() -> dialog.get().close());
    }
}
