package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.ui.common.ScrollPanes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 3's memory target: no page keeps a bitmap of its scrolled content (JavaFX's ScrollPane skin caches its
 * viewport, 2.6 MB of heap per page at 1024×700 with the software renderer; see {@link ScrollPanes}).
 */
@ExtendWith(ApplicationExtension.class)
class ViewportCacheTest {
    @TempDir
    Path data;
    GuiFixture fx;

    @Start
    void start(Stage stage) {
        fx = new GuiFixture(data, GuiFixture.OFFLINE, GuiFixture.service("api", 80, "127.0.0.1:8000"));
        fx.show(stage, false);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void javaFxCachesAViewportUnlessTold(FxRobot robot) {
        ScrollPane plain = new ScrollPane(new Label("plain"));
        ScrollPane uncached = ScrollPanes.withoutViewportCache(new ScrollPane(new Label("uncached")));
        robot.interact(() -> fx.window.getScene().setRoot(new javafx.scene.layout.VBox(plain, uncached)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(plain.lookup(".viewport").isCache(), "JavaFX's default, which the helper exists to undo");
        assertFalse(uncached.lookup(".viewport").isCache());
    }

    @Test
    void noPageCachesItsViewport(FxRobot robot) {
        int viewports = 0;
        for (String tab : List.of("dashboard", "services", "settings", "clients", "health")) {
            robot.interact(() -> fx.window.select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            List<Node> cached = new ArrayList<>();
            List<Node> all = new ArrayList<>();
            collectViewports(fx.window, all);
            all.stream().filter(Node::isCache).forEach(cached::add);
            assertEquals(List.of(), cached, "cached viewports on the " + tab + " tab");
            viewports += all.size();
        }
        assertTrue(viewports >= 3, "the pages' scroll panes were found (" + viewports + ")");
    }

    private static void collectViewports(Parent parent, List<Node> out) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (child.getStyleClass().contains("viewport") && child.getParent() != null
                    && child.getParent().getStyleClass().contains("scroll-pane")) {
                out.add(child);
            }
            // A TextArea's own scroll pane is left as JavaFX made it: a few lines of text, a small bitmap.
            if (child instanceof Parent p && !(child instanceof javafx.scene.control.TextArea)) {
                collectViewports(p, out);
            }
        }
    }
}
