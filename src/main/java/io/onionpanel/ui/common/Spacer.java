package io.onionpanel.ui.common;

import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** An empty region that takes a row's spare width, pushing what follows it to the right edge. */
public final class Spacer {
    private Spacer() {
    }

    public static Region horizontal() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }
}
