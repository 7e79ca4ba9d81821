package io.onionpanel.ui.editor;

import io.onionpanel.settings.PortMapping;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** One row of the port table: virtual port → one target. Several rows may share a virtual port. */
final class PortRow {
    final TextField virtualPort = new TextField();
    final TextField target = new TextField();
    final Button remove = new Button("✕");
    final Label arrow = new Label("→");

    PortRow(String virtual, String targetText, int index) {
        virtualPort.setText(virtual);
        virtualPort.setPromptText("80");
        virtualPort.setPrefColumnCount(6);
        virtualPort.setId("port-virtual-" + index);
        virtualPort.setAccessibleText("Virtual port, row " + (index + 1));
        target.setText(targetText);
        target.setPromptText("127.0.0.1:8000 or unix:/path");
        target.setPrefColumnCount(24);
        target.setId("port-target-" + index);
        target.setAccessibleText("Target, row " + (index + 1));
        remove.setId("port-remove-" + index);
        remove.setAccessibleText("Remove row " + (index + 1));
    }

    static PortRow of(PortMapping mapping, String target, int index) {
        return new PortRow(Integer.toString(mapping.virtualPort()), target, index);
    }
}
