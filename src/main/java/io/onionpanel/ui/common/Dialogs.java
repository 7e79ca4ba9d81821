package io.onionpanel.ui.common;

import javafx.scene.control.Dialog;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/** Dialogs are separate scenes: give them the window's theme so they match light and dark. */
public final class Dialogs {
    private Dialogs() {
    }

    /** A two-column form: labels at their natural width, fields taking the rest. */
    public static GridPane formGrid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(new ColumnConstraints(), fields);
        return grid;
    }

    /**
     * Cancel is the button Enter presses: a question whose other answers take services offline (or leave them up
     * unasked) must not be answered by a reflex.
     */
    public static <T extends Dialog<?>> T cancelByDefault(T dialog) {
        for (javafx.scene.control.ButtonType type : dialog.getDialogPane().getButtonTypes()) {
            if (dialog.getDialogPane().lookupButton(type) instanceof javafx.scene.control.Button b) {
                b.setDefaultButton(type == javafx.scene.control.ButtonType.CANCEL);
            }
        }
        return dialog;
    }

    public static <T extends Dialog<?>> T themed(T dialog, Window owner) {
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        return dialog;
    }
}
