package io.onionpanel.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.controlsfx.validation.ValidationResult;

/**
 * A validation message right under the field it is about, where the eye already is, instead of only in a list
 * at the bottom of a long form. Hidden (and taking no room) while the field is valid.
 */
public final class InlineErrors {
    private final Map<Control, Label> labels = new LinkedHashMap<>();

    /** The label to place under {@code field}; the same one on every call. */
    public Label under(Control field) {
        return labels.computeIfAbsent(field, f -> {
            Label l = new Label();
            if (f.getId() != null) {
                l.setId(f.getId() + "-error");
            }
            l.getStyleClass().addAll("error-text", "field-error");
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            return l;
        });
    }

    /** Fields no longer on the form (a removed port row): their labels go too. */
    public void forget(Control field) {
        labels.remove(field);
    }

    public void show(ValidationResult result) {
        labels.forEach((field, label) -> label.setText(result.getErrors().stream()
                .filter(m -> m.getTarget() == field).map(m -> m.getText()).distinct().collect(Collectors.joining("\n"))));
    }
}
