package io.onionpanel.ui.editor;

import io.onionpanel.common.ValidationException;
import io.onionpanel.ui.common.ScrollPanes;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * Create, rename, enable/disable and remove services and edit their port table. Every field is checked
 * with the engine's own validation as the operator types; nothing is applied until all of it is valid, and
 * applying never restarts tor.
 */
public final class ServiceEditorView extends BorderPane {
    private final PanelModel model;
    private final ListView<String> list = new ListView<>();
    private final TextField name = new TextField();
    private final CheckBox enabled = new CheckBox("_Enabled (published while tor runs)");
    private final GridPane portGrid = new GridPane();
    private final List<PortRow> rows = new ArrayList<>();
    private final Label formError = new Label();
    private final Label fieldErrors = new Label();
    private final Button apply = new Button("_Apply");
    private final Button revert = new Button("Re_vert");
    private final Button remove = new Button("_Remove service…");
    private final Label heading = new Label();
    private final io.onionpanel.ui.common.InlineErrors inlineErrors = new io.onionpanel.ui.common.InlineErrors();
    private final DefensesPane defenses = new DefensesPane(inlineErrors);
    private ValidationSupport validation;
    private String editing; // null = a new service

    public ServiceEditorView(PanelModel model) {
        this.model = model;
        getStyleClass().add("page");

        list.setId("service-list");
        list.setPrefWidth(200);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(editing)) {
                load(model.settings().service(now).orElse(null));
            }
        });
        Button add = new Button("_New service");
        add.setId("editor-new");
        add.setMaxWidth(Double.MAX_VALUE);
        add.setOnAction(e -> {
            list.getSelectionModel().clearSelection();
            load(null);
        });
        VBox left = new VBox(8, list, add);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(0, 14, 0, 0));
        setLeft(left);

        heading.getStyleClass().add("section-title");
        Label nameLabel = new Label("_Name:");
        nameLabel.setMnemonicParsing(true);
        nameLabel.setLabelFor(name);
        name.setId("editor-name");
        name.setPromptText("e.g. routstr");
        enabled.setId("editor-enabled");
        HBox nameRow = new HBox(8, nameLabel, new VBox(2, name, inlineErrors.under(name)));
        nameRow.setAlignment(Pos.TOP_LEFT);
        nameLabel.setPadding(new Insets(4, 0, 0, 0));

        Label portsLabel = new Label("Port mappings (clients connect to the virtual port of the onion address):");
        portsLabel.setWrapText(true);
        portGrid.setHgap(8);
        portGrid.setVgap(0);
        portGrid.setId("editor-ports");
        Button addRow = new Button("Add _mapping");
        addRow.setId("editor-add-row");
        addRow.setOnAction(e -> {
            rows.add(new PortRow(rows.isEmpty() ? "80" : "", "", rows.size()));
            layoutRows();
            rows.get(rows.size() - 1).virtualPort.requestFocus();
        });
        Label balancing = new Label("Several rows with the same virtual port: tor sends each new connection to one of"
                + " their targets at random (load balancing).");
        balancing.setWrapText(true);
        balancing.getStyleClass().add("muted");

        formError.setId("editor-error");
        formError.getStyleClass().add("error-text");
        formError.setWrapText(true);
        formError.managedProperty().bind(formError.textProperty().isNotEmpty());
        formError.visibleProperty().bind(formError.textProperty().isNotEmpty());

        fieldErrors.setId("editor-field-errors");
        fieldErrors.getStyleClass().add("error-text");
        fieldErrors.setWrapText(true);
        fieldErrors.managedProperty().bind(fieldErrors.textProperty().isNotEmpty());
        fieldErrors.visibleProperty().bind(fieldErrors.textProperty().isNotEmpty());

        apply.setId("editor-apply");
        apply.setDefaultButton(true);
        apply.getStyleClass().add("primary");
        apply.setOnAction(e -> applyChanges());
        revert.setId("editor-revert");
        revert.setCancelButton(true);
        revert.setOnAction(e -> load(editing == null ? null : model.settings().service(editing).orElse(null)));
        remove.setId("editor-remove");
        remove.setOnAction(e -> confirmRemove());
        Button export = new Button("E_xport for a server…");
        export.setId("editor-export");
        export.setTooltip(new javafx.scene.control.Tooltip("Write a torrc snippet, a compose.yml and the keys so the same"
                + " address can run on a server"));
        export.disableProperty().bind(remove.disabledProperty());
        export.setOnAction(e -> ServerExportAction.run(model, editing, getScene().getWindow()));
        HBox buttons = new HBox(8, apply, revert, remove, export);

        VBox form = new VBox(12, heading, nameRow, enabled, portsLabel, portGrid, addRow, balancing, defenses);
        // Room on the left for the validation marker drawn over a field's corner: the scroll pane clips at its edge.
        form.setPadding(new Insets(0, 0, 0, 8));
        // The form scrolls (the defences make it tall); messages and buttons stay in view below it.
        javafx.scene.control.ScrollPane scroll = ScrollPanes.withoutViewportCache(new javafx.scene.control.ScrollPane(form));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
        VBox footer = new VBox(8, fieldErrors, formError, buttons);
        footer.setPadding(new Insets(10, 0, 0, 0));
        setBottom(footer);
        // Asking tor what it can do runs processes: never on the FX thread.
        Tasks.run(() -> io.onionpanel.defense.PowSupport.forSettings(model.dataDir(), model.settings().tor()),
                defenses::showPowSupport,
                failure -> defenses.showPowSupport(io.onionpanel.defense.PowSupport.unknown(Messages.of(failure))));

        model.settingsProperty().addListener((obs, old, now) -> refreshList());
        refreshList();
        if (!list.getItems().isEmpty()) {
            list.getSelectionModel().selectFirst();
        } else {
            load(null);
        }
    }

    private void refreshList() {
        List<String> names = model.settings().services().stream().map(ServiceConfig::name).toList();
        if (!names.equals(list.getItems())) {
            list.getItems().setAll(names);
            if (editing != null && names.contains(editing)) {
                list.getSelectionModel().select(editing);
            }
        }
    }

    /** Shows a service in the form, or an empty form for a new one. */
    public void load(ServiceConfig service) {
        editing = service == null ? null : service.name();
        heading.setText(service == null ? "New onion service" : "Service '" + service.name() + "'");
        name.setText(service == null ? "" : service.name());
        enabled.setSelected(service == null || service.enabled());
        rows.forEach(r -> {
            inlineErrors.forget(r.virtualPort);
            inlineErrors.forget(r.target);
        });
        rows.clear();
        if (service == null) {
            rows.add(new PortRow("80", "127.0.0.1:8000", 0));
        } else {
            for (PortMapping m : service.ports()) {
                for (String t : m.targets()) {
                    rows.add(PortRow.of(m, t, rows.size()));
                }
            }
        }
        if (service == null) {
            defenses.loadNew();
        } else {
            defenses.load(service.defenses());
        }
        remove.setDisable(service == null);
        formError.setText("");
        layoutRows();
    }

    private void layoutRows() {
        portGrid.getChildren().clear();
        portGrid.add(new Label("Virtual port"), 0, 0);
        portGrid.add(new Label("Target"), 2, 0);
        for (int i = 0; i < rows.size(); i++) {
            PortRow row = rows.get(i);
            row.remove.setOnAction(e -> {
                rows.remove(row);
                inlineErrors.forget(row.virtualPort);
                inlineErrors.forget(row.target);
                layoutRows();
            });
            row.remove.setDisable(rows.size() == 1);
            portGrid.addRow(3 * i + 1, row.virtualPort, row.arrow, row.target, row.remove);
            // No vgap: the error rows are empty while the fields are valid and must not add gaps.
            for (javafx.scene.Node n : List.of(row.virtualPort, row.arrow, row.target, row.remove)) {
                GridPane.setMargin(n, new Insets(3, 0, 3, 0));
            }
            // The row's messages right under it; the port's spans the row, so the narrow port column keeps its width.
            portGrid.add(inlineErrors.under(row.virtualPort), 0, 3 * i + 2, 4, 1);
            portGrid.add(inlineErrors.under(row.target), 2, 3 * i + 3, 2, 1);
        }
        installValidation();
    }

    /**
     * ControlsFX cannot unregister a control, so the support is rebuilt whenever rows change; each field is
     * checked with the same code the CLI and engine use.
     */
    private void installValidation() {
        validation = new ValidationSupport();
        validation.registerValidator(name, false, fieldValidator(ServiceValidation::requireName));
        for (PortRow row : rows) {
            validation.registerValidator(row.virtualPort, false, fieldValidator(v -> ServiceValidation.parsePort("Virtual port", v)));
            validation.registerValidator(row.target, false, fieldValidator(ServiceValidation::normalizeTarget));
        }
        defenses.register(validation, ServiceEditorView::fieldValidator);
        apply.disableProperty().unbind();
        apply.disableProperty().bind(validation.invalidProperty());
        // The decorations mark the fields; the sentences are spelled out under the form, not only in tooltips.
        validation.validationResultProperty().addListener((obs, old, result) -> {
            inlineErrors.show(result);
            fieldErrors.setText(String.join("\n", result.getErrors().stream().map(m -> m.getText()).distinct().toList()));
        });
    }

    private static Validator<String> fieldValidator(java.util.function.Consumer<String> check) {
        return (control, value) -> {
            try {
                check.accept(value == null ? "" : value);
                return new ValidationResult();
            } catch (ValidationException e) {
                return ValidationResult.fromMessages(org.controlsfx.validation.ValidationMessage.error(control, e.getMessage()));
            }
        };
    }

    /** The error messages currently shown next to fields (for tests and screen readers). */
    public List<String> validationMessages() {
        return validation.getValidationResult().getMessages().stream()
                .filter(m -> m.getSeverity() == Severity.ERROR).map(m -> m.getText()).toList();
    }

    private void applyChanges() {
        ServiceConfig next;
        try {
            List<PortMapping> mappings = new ArrayList<>();
            for (PortRow row : rows) {
                mappings.add(PortMapping.of(ServiceValidation.parsePort("Virtual port", row.virtualPort.getText()),
                        row.target.getText()));
            }
            next = ServiceValidation.requireValid(new ServiceConfig(name.getText().trim(), enabled.isSelected(), mappings))
                    .withDefenses(defenses.read());
        } catch (ValidationException e) {
            formError.setText(e.getMessage());
            return;
        }
        String original = editing;
        if (original != null && !next.enabled() && model.isOnline(original)) {
            if (!io.onionpanel.ui.common.OutageConfirm.ask(getScene().getWindow(), "Stop '" + original + "'",
                    List.of(original), "until it is enabled again")) {
                return;
            }
            model.expectedOutages().service(original);
        }
        apply.disableProperty().unbind();
        apply.setDisable(true);
        Tasks.run(() -> {
            if (original == null) {
                model.services().add(next.name(), next.ports(), next.defenses());
                if (!next.enabled()) {
                    model.services().edit(next.name(), Optional.empty(), Optional.of(false));
                }
            } else {
                // Onionbalance cannot serve a frontend or backend with PoW: refused with the reason, nothing saved.
                model.settings().service(original).ifPresent(current -> io.onionpanel.balance.BalanceRules
                        .requireSupported(current.withDefenses(next.defenses())));
                if (!original.equals(next.name())) {
                    model.services().rename(original, next.name());
                }
                model.services().edit(next.name(), Optional.of(next.ports()), Optional.of(next.enabled()));
                model.services().setDefenses(next.name(), next.defenses());
            }
            return next;
        }, saved -> {
            editing = saved.name();
            defenses.load(saved.defenses()); // an existing service's form now: no longer follows the new-service default
            formError.setText("");
            heading.setText("Service '" + saved.name() + "'");
            remove.setDisable(false);
            installValidation();
            model.engine().applySettingsNow();
            model.notifier().info("Saved '" + saved.name() + "'");
            if (saved.enabled() && !model.isEngineRunning()) {
                model.startEngine(() -> { });
            }
        }, failure -> {
            installValidation();
            formError.setText(Messages.of(failure));
        });
    }

    private void confirmRemove() {
        if (editing == null) {
            return;
        }
        String target = editing;
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "The service goes offline now. Its keys are kept in the data folder's removed/ folder, so the"
                        + " address can be restored from there.", ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Remove service '" + target + "'?");
        alert.initOwner(getScene().getWindow());
        io.onionpanel.ui.common.Dialogs.themed(alert, getScene().getWindow());
        alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> Tasks.run(() -> model.services().remove(target),
                archived -> {
                    model.engine().applySettingsNow();
                    model.notifier().info("Removed '" + target + "'" + archived.map(p -> "; keys kept in " + p).orElse(""));
                    load(null);
                }, failure -> formError.setText(Messages.of(failure))));
    }

    public TextField nameField() {
        return name;
    }
}
