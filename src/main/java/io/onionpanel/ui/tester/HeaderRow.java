package io.onionpanel.ui.tester;

import io.onionpanel.probe.ProbeHeader;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * One custom request header: name, value, "secret". A secret value is typed into a password field (shown as dots)
 * and never saved in the history; names that usually carry keys start out secret.
 */
final class HeaderRow extends HBox {
    private final TextField name = new TextField();
    private final StringProperty value = new SimpleStringProperty("");
    private final TextField plain = new TextField();
    private final PasswordField masked = new PasswordField();
    private final CheckBox secret = new CheckBox("Secret");

    HeaderRow(int index, String initialName, String initialValue, Runnable remove) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        setId("header-row-" + index);
        name.setId("header-name-" + index);
        name.setPromptText("Header, e.g. Authorization");
        name.setPrefColumnCount(14);
        plain.setId("header-value-" + index);
        masked.setId("header-secret-" + index);
        plain.setPromptText("Value, e.g. Bearer sk-…");
        masked.setPromptText("Value (hidden)");
        plain.textProperty().bindBidirectional(value);
        masked.textProperty().bindBidirectional(value);
        plain.visibleProperty().bind(secret.selectedProperty().not());
        masked.visibleProperty().bind(secret.selectedProperty());
        StackPane valueBox = new StackPane(plain, masked);
        HBox.setHgrow(valueBox, Priority.ALWAYS);
        secret.setId("header-secret-toggle-" + index);
        secret.setTooltip(new Tooltip("Hidden on screen and never stored in the test history"));
        name.textProperty().addListener((obs, old, now) -> {
            if (looksSecret(now) && !looksSecret(old)) {
                secret.setSelected(true);
            }
        });
        Button delete = new Button("✕");
        delete.setId("header-remove-" + index);
        delete.setTooltip(new Tooltip("Remove this header"));
        delete.setOnAction(e -> remove.run());
        name.setText(initialName);
        value.set(initialValue);
        getChildren().addAll(name, valueBox, secret, delete);
    }

    static boolean looksSecret(String headerName) {
        String n = headerName == null ? "" : headerName.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.contains("key") || n.contains("token") || n.contains("cashu")
                || n.contains("secret") || n.equals("cookie");
    }

    boolean isBlank() {
        return name.getText().isBlank() && value.get().isBlank();
    }

    ProbeHeader toHeader() {
        return new ProbeHeader(name.getText().strip(), value.get(), secret.isSelected());
    }
}
