package io.onionpanel.ui.editor;

import io.onionpanel.defense.DefenseHelp;
import io.onionpanel.defense.NewServiceDefenses;
import io.onionpanel.defense.PowSupport;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.DosLimits;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * The DoS defences of one service: every field has its one-sentence explanation beside it (and as tooltip).
 * Proof-of-work is offered only when the tor in use has the pow module; otherwise it is disabled and the
 * reason says how to get a tor that has it. A new service starts with it on when tor has the module
 * ({@link NewServiceDefenses}). Blank number fields mean tor's default.
 */
public final class DefensesPane extends VBox {
    final TextField maxStreams = number("dos-max-streams", "unlimited");
    final CheckBox closeCircuit = new CheckBox("Close the circuit when exceeded");
    final CheckBox intro = new CheckBox("Rate-limit introductions at the introduction points");
    final TextField introRate = number("dos-intro-rate", Integer.toString(DosLimits.INTRO_RATE_DEFAULT));
    final TextField introBurst = number("dos-intro-burst", Integer.toString(DosLimits.INTRO_BURST_DEFAULT));
    final TextField introPoints = number("dos-intro-points", Integer.toString(DosLimits.INTRO_POINTS_DEFAULT));
    final CheckBox pow = new CheckBox("Proof-of-work puzzle for clients");
    final TextField powRate = number("dos-pow-rate", Integer.toString(DosLimits.POW_RATE_DEFAULT));
    final TextField powBurst = number("dos-pow-burst", Integer.toString(DosLimits.POW_BURST_DEFAULT));
    final Label powReason = new Label();
    // Until tor has been asked (a background probe): disabled, and saying so rather than showing nothing.
    private PowSupport powSupport = new PowSupport(false, "Checking whether this tor supports proof-of-work…");
    // A new service's form follows the new-service rule (PoW on when tor can) until the operator clicks the box.
    private boolean powFollowsDefault;

    private final io.onionpanel.ui.common.InlineErrors errors;

    public DefensesPane(io.onionpanel.ui.common.InlineErrors errors) {
        super(8);
        this.errors = errors;
        setId("dos-pane");
        Label title = new Label("DoS defences");
        title.getStyleClass().add("section-title");
        Label intro1 = new Label("Blank fields keep tor's default. Applied to the running tor without a restart.");
        intro1.getStyleClass().add("muted");
        closeCircuit.setId("dos-close-circuit");
        intro.setId("dos-intro");
        pow.setId("dos-pow");
        powReason.setId("dos-pow-reason");
        powReason.setWrapText(true);
        powReason.getStyleClass().add("muted");
        introRate.disableProperty().bind(intro.selectedProperty().not());
        introBurst.disableProperty().bind(intro.selectedProperty().not());
        powRate.disableProperty().bind(pow.selectedProperty().not().or(pow.disabledProperty()));
        powBurst.disableProperty().bind(pow.selectedProperty().not().or(pow.disabledProperty()));
        pow.selectedProperty().addListener((obs, was, now) -> refreshPow());
        pow.setOnAction(e -> powFollowsDefault = false); // only the operator's clicks, not setSelected

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        // The check boxes span the label and field columns, and GridPane does not widen columns for a spanning
        // node: the field column is made wide enough for "Rate-limit introductions at the introduction points".
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setMinWidth(FIELD_COLUMN);
        javafx.scene.layout.ColumnConstraints help = new javafx.scene.layout.ColumnConstraints();
        help.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().setAll(new javafx.scene.layout.ColumnConstraints(), fields, help);
        int r = 0;
        row(grid, r++, "Max streams per circuit:", maxStreams, DefenseHelp.MAX_STREAMS);
        row(grid, r++, "", closeCircuit, DefenseHelp.CLOSE_CIRCUIT);
        row(grid, r++, "Introduction points:", introPoints, DefenseHelp.INTRO_POINTS);
        row(grid, r++, "", intro, DefenseHelp.INTRO_DEFENSE);
        row(grid, r++, "Intro rate / s:", introRate, DefenseHelp.INTRO_RATE);
        row(grid, r++, "Intro burst / s:", introBurst, DefenseHelp.INTRO_BURST);
        row(grid, r++, "", pow, DefenseHelp.POW);
        grid.add(powReason, 1, r++, 2, 1);
        row(grid, r++, "PoW queue rate:", powRate, DefenseHelp.POW_RATE);
        row(grid, r, "PoW queue burst:", powBurst, DefenseHelp.POW_BURST);
        getChildren().addAll(title, intro1, grid);
        showPowSupport(powSupport);
    }

    private static final double FIELD_COLUMN = 210;

    private static TextField number(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(8);
        f.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return f;
    }

    private void row(GridPane grid, int row, String label, Control field, String help) {
        field.setTooltip(new Tooltip(help));
        Label help1 = new Label(help);
        help1.setWrapText(true);
        help1.getStyleClass().add("muted");
        help1.setMaxWidth(460);
        if (!label.isEmpty()) {
            Label l = new Label(label);
            l.setLabelFor(field);
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.add(l, 0, row);
            // The field's own error under it, not at the bottom of the form.
            VBox withError = new VBox(2, field, errors.under(field));
            grid.add(withError, 1, row);
            javafx.scene.layout.GridPane.setValignment(l, javafx.geometry.VPos.TOP);
            l.setPadding(new javafx.geometry.Insets(4, 0, 0, 0));
        } else {
            // A check box spanning the label and field columns: never cut ("Rate-limit introductions at the introdu…");
            // the help column, which wraps, gives up the width instead.
            field.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.add(field, 0, row, 2, 1);
        }
        help1.setMinWidth(120);
        help1.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.add(help1, 2, row);
    }

    /** Enables or disables proof-of-work with the reason; a service that has it on keeps showing it (disabled). */
    public void showPowSupport(PowSupport support) {
        powSupport = support;
        if (powFollowsDefault) {
            pow.setSelected(NewServiceDefenses.of(support).pow());
        }
        refreshPow();
    }

    private void refreshPow() {
        PowSupport support = powSupport;
        // A service that has PoW on while this tor lacks it must still be able to turn it off.
        pow.setDisable(!support.available() && !pow.isSelected());
        powReason.setText(support.reason());
        powReason.getStyleClass().remove("error-text");
        if (!support.available() && pow.isSelected()) {
            powReason.getStyleClass().add("error-text");
        }
    }

    PowSupport powSupport() {
        return powSupport;
    }

    /** An existing service's defences, as they are. */
    public void load(DosDefenses d) {
        powFollowsDefault = false;
        fill(d);
    }

    /** A new service's: what {@link NewServiceDefenses} gives for this tor, also once the probe of tor answers. */
    void loadNew() {
        powFollowsDefault = true;
        fill(NewServiceDefenses.of(powSupport));
    }

    private void fill(DosDefenses d) {
        maxStreams.setText(text(d.maxStreams()));
        closeCircuit.setSelected(d.maxStreamsCloseCircuit());
        intro.setSelected(d.introDefense());
        introRate.setText(text(d.introRatePerSec()));
        introBurst.setText(text(d.introBurstPerSec()));
        introPoints.setText(text(d.introductionPoints()));
        pow.setSelected(d.pow());
        powRate.setText(text(d.powQueueRate()));
        powBurst.setText(text(d.powQueueBurst()));
        refreshPow();
    }

    /** The defences in the form, checked against tor's limits (throws ValidationException with the reason). */
    public DosDefenses read() {
        DosDefenses d = DosDefenses.NONE
                .withMaxStreams(DosLimits.parse("Max streams per circuit", maxStreams.getText(), 0, DosLimits.MAX_STREAMS_MAX),
                        closeCircuit.isSelected())
                .withIntroductionPoints(DosLimits.parse("Introduction points", introPoints.getText(),
                        DosLimits.INTRO_POINTS_MIN, DosLimits.INTRO_POINTS_MAX))
                .withIntroDefense(intro.isSelected(),
                        DosLimits.parse("Intro DoS rate per second", introRate.getText(), 0, DosLimits.INT32_MAX),
                        DosLimits.parse("Intro DoS burst per second", introBurst.getText(), 0, DosLimits.INT32_MAX))
                .withPow(pow.isSelected(),
                        DosLimits.parse("PoW queue rate", powRate.getText(), 0, DosLimits.INT32_MAX),
                        DosLimits.parse("PoW queue burst", powBurst.getText(), 0, DosLimits.INT32_MAX));
        powSupport.require(d);
        return DosLimits.requireValid(d);
    }

    /** Registers a validator per number field, with the same parsing the CLI and engine use. */
    void register(ValidationSupport validation, java.util.function.Function<Consumer<String>, Validator<String>> validator) {
        validation.registerValidator(maxStreams, false, validator.apply(
                v -> DosLimits.parse("Max streams per circuit", v, 0, DosLimits.MAX_STREAMS_MAX)));
        validation.registerValidator(introPoints, false, validator.apply(
                v -> DosLimits.parse("Introduction points", v, DosLimits.INTRO_POINTS_MIN, DosLimits.INTRO_POINTS_MAX)));
        validation.registerValidator(introRate, false, validator.apply(
                v -> DosLimits.parse("Intro DoS rate per second", v, 0, DosLimits.INT32_MAX)));
        validation.registerValidator(introBurst, false, validator.apply(
                v -> DosLimits.parse("Intro DoS burst per second", v, 0, DosLimits.INT32_MAX)));
        validation.registerValidator(powRate, false, validator.apply(v -> DosLimits.parse("PoW queue rate", v, 0, DosLimits.INT32_MAX)));
        validation.registerValidator(powBurst, false, validator.apply(v -> DosLimits.parse("PoW queue burst", v, 0, DosLimits.INT32_MAX)));
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }

    Node node() {
        return this;
    }
}
