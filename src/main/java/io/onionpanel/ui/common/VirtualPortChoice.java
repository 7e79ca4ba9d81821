package io.onionpanel.ui.common;

import io.onionpanel.share.OnionUrl;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * Which of a service's virtual ports a client is sent to. Shown only when there is a choice: with one port
 * the URL already says it (or says nothing, for 80).
 */
public final class VirtualPortChoice {
    private final ChoiceBox<Integer> box = new ChoiceBox<>();
    private Runnable onChange = () -> { };
    private boolean updating;
    /** The port the operator picked, if any; until then the default follows the service's ports. */
    private Integer picked;

    public VirtualPortChoice(String id) {
        box.setId(id);
        box.setTooltip(new Tooltip("The service's port that clients connect to"));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer port) {
                return port == null ? "" : "port " + port;
            }

            @Override
            public Integer fromString(String text) {
                return Integer.valueOf(text.replace("port ", "").strip());
            }
        });
        box.managedProperty().bind(box.visibleProperty());
        box.setVisible(false);
        box.valueProperty().addListener((obs, old, now) -> {
            if (!updating && now != null && !now.equals(old)) {
                picked = now;
                onChange.run();
            }
        });
    }

    public Node node() {
        return box;
    }

    public void setOnChange(Runnable onChange) {
        this.onChange = onChange;
    }

    /** Follows the service's ports; the operator's pick stays while its port does. */
    public void setPorts(List<Integer> ports) {
        List<Integer> distinct = ports.stream().distinct().toList();
        if (!distinct.equals(box.getItems())) {
            updating = true;
            try {
                box.setItems(FXCollections.observableArrayList(distinct));
                box.setValue(picked != null && distinct.contains(picked) ? picked : OnionUrl.defaultPort(distinct));
            } finally {
                updating = false;
            }
        }
        box.setVisible(distinct.size() > 1);
    }

    public int selected() {
        Integer value = box.getValue();
        return value == null ? OnionUrl.HTTP : value;
    }
}
