package io.onionpanel.ui.tester;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * Screenshots of the Test and Share views for the README, on a real onion service of a private Tor network. Run
 * under Xvfb with a 1024x700 screen: {@code Xvfb :98 -screen 0 1024x700x24 & DISPLAY=:98 java -cp … ToolsScreenshots docs}.
 * Each picture is taken with ImageMagick's {@code import -window root}.
 */
public final class ToolsScreenshots {
    private static Scene scene;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(out);
        try (OnionUnderTest onion = new OnionUnderTest("shots")) {
            Path data = Files.createTempDirectory("shots-data");
            TestContext context = new TestContext(data, onion.onion(), onion.socks, onion.routstr.hostPort());
            context.fixedPort = 19050;
            Platform.startup(() -> { });
            TabPane[] tabs = new TabPane[1];
            fx(() -> {
                tabs[0] = ServiceToolsWindow.content(context, ServiceToolsWindow.TEST, null);
                scene = new Scene(tabs[0], 1024, 700);
                theme(false);
                Stage stage = new Stage(StageStyle.UNDECORATED);
                stage.setX(0);
                stage.setY(0);
                stage.setScene(scene);
                stage.show();
                return null;
            });
            // A custom, paid request with its key masked, 20 times, two at a time.
            fx(() -> {
                lookup("#tester-preset", ChoiceBox.class).getSelectionModel().select(TesterView.CUSTOM);
                lookup("#header-secret-0", PasswordField.class).setText("Bearer " + io.onionpanel.testnet.StandInRoutstr.API_KEY);
                lookup("#tester-body", TextArea.class).setText("{\"model\":\"gpt-test\",\"messages\":[]}");
                lookup("#tester-count", Spinner.class).getValueFactory().setValue(20);
                lookup("#tester-concurrency", Spinner.class).getValueFactory().setValue(2);
                lookup("#tester-run", Button.class).fire();
                return null;
            });
            awaitVerdict();
            shot(out, "tester-light.png");
            fx(() -> { theme(true); return null; });
            shot(out, "tester-dark.png");

            // The error state: the API behind the service stopped.
            try (AutoCloseable restart = onion.stopRoutstr()) {
                fx(() -> {
                    theme(false);
                    lookup("#tester-preset", ChoiceBox.class).getSelectionModel().select(TesterView.INFO);
                    lookup("#tester-count", Spinner.class).getValueFactory().setValue(3);
                    lookup("#tester-fresh", CheckBox.class).setSelected(true);
                    lookup("#tester-retries", TextField.class).setText("none");
                    lookup("#tester-verdict", Label.class).setText("");
                    lookup("#tester-run", Button.class).fire();
                    return null;
                });
                awaitVerdict();
                shot(out, "tester-target-down-light.png");
            }

            fx(() -> {
                tabs[0].getSelectionModel().select(1);
                return null;
            });
            shot(out, "share-light.png");
            fx(() -> { theme(true); return null; });
            shot(out, "share-dark.png");

            // The Routstr section after writing a .env (the stand-in keeps reporting an empty onion_url).
            Path env = data.resolve("routstr.env");
            Files.writeString(env, "# Routstr Core\nUPSTREAM_BASE_URL=https://api.openai.com/v1\nONION_URL=\n");
            fx(() -> {
                theme(false);
                lookup("#share-env-path", TextField.class).setText(env.toString());
                lookup("#share-write-env", Button.class).fire();
                return null;
            });
            Thread.sleep(2500);
            fx(() -> {
                lookup("#share-view", javafx.scene.control.ScrollPane.class).setVvalue(1);
                return null;
            });
            shot(out, "share-routstr-light.png");
        }
        Platform.exit();
        System.exit(0);
    }

    private static void theme(boolean dark) {
        scene.getStylesheets().setAll(ToolsScreenshots.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        if (dark) {
            scene.getStylesheets().add(ToolsScreenshots.class.getResource("/io/onionpanel/ui/dark.css").toExternalForm());
        }
    }

    private static <T> T lookup(String id, Class<T> type) {
        return type.cast(scene.getRoot().lookup(id) != null ? scene.getRoot().lookup(id)
                : ((TabPane) scene.getRoot()).getSelectionModel().getSelectedItem().getContent().lookup(id));
    }

    private static void awaitVerdict() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (fx(() -> lookup("#tester-verdict", Label.class).getText().isEmpty()
                || lookup("#tester-verdict", Label.class).getText().startsWith("Running"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no verdict");
            }
            Thread.sleep(200);
        }
        Thread.sleep(800);
    }

    private static void shot(Path out, String name) throws Exception {
        Thread.sleep(700);
        Process p = new ProcessBuilder("import", "-window", "root", out.resolve(name).toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("import failed");
        }
        System.out.println("wrote " + out.resolve(name));
    }

    private static <T> T fx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
