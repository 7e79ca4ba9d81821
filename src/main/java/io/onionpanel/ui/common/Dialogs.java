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

    /**
     * After the content grew (a message, a result): the dialog's window keeps its first size unless told, which would
     * push the buttons out of it; resized, it is centred on its owner again so it does not run off the screen.
     */
    public static void fitToContent(Dialog<?> dialog) {
        if (dialog.getDialogPane().getScene() == null || dialog.getDialogPane().getScene().getWindow() == null) {
            return;
        }
        Window window = dialog.getDialogPane().getScene().getWindow();
        window.sizeToScene();
        Window owner = dialog.getOwner();
        if (owner != null) {
            window.setX(owner.getX() + (owner.getWidth() - window.getWidth()) / 2);
            window.setY(Math.max(owner.getY(), owner.getY() + (owner.getHeight() - window.getHeight()) / 2));
        }
    }
}
