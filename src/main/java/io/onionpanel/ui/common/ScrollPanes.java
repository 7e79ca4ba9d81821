package io.onionpanel.ui.common;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;

/**
 * JavaFX's ScrollPane skin turns on {@code cache} for its viewport, so Prism keeps a bitmap of the whole visible
 * content (about 1024×642 on the dashboard: 2.6 MB of Java heap with the software renderer, held as long as the
 * page exists) and redraws it each time anything inside changes. Our pages change every second (ages, badges,
 * charts) and hardly scroll, so the bitmap is pure cost: without it the content is drawn straight into the window.
 */
public final class ScrollPanes {
    private ScrollPanes() {
    }

    /** Turns the viewport cache off for this pane's current and any later skin; returns the pane. */
    public static <T extends ScrollPane> T withoutViewportCache(T pane) {
        uncacheViewport(pane.getSkin());
        pane.skinProperty().addListener((obs, old, skin) -> uncacheViewport(skin));
        return pane;
    }

    private static void uncacheViewport(Skin<?> skin) {
        if (skin instanceof SkinBase<?> base) {
            for (Node child : base.getChildren()) {
                if (child.getStyleClass().contains("viewport")) {
                    child.setCache(false);
                }
            }
        }
    }
}
