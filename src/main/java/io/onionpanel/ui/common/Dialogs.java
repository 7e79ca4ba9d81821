package io.onionpanel.ui.common;

import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Dialogs are separate scenes: give them the window's theme so they match light and dark. */
public final class Dialogs {
    private Dialogs() {
    }

    public static <T extends Dialog<?>> T themed(T dialog, Window owner) {
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        return dialog;
    }
}
