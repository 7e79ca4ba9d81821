package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.HealthCheck;
import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.common.StateBadge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Per service: the overall state with its reason in words, then each check with its level, evidence and since when. */
final class HealthPanel extends VBox {
    private static final DateTimeFormatter SINCE =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SINCE_FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final Clock clock;
    private final Map<String, ServiceHealth> services = new TreeMap<>();
    private final VBox cards = new VBox(10);
    /** The "since …" labels and their instants: the clock moves them on without rebuilding the cards. */
    private final Map<Label, Instant> sinceLabels = new java.util.HashMap<>();
    private final Label empty = new Label("No health reports yet. They appear once tor runs with a service.");

    HealthPanel(Clock clock) {
        this.clock = clock;
        getStyleClass().add("health-panel");
        setSpacing(10);
        empty.setWrapText(true);
        empty.getStyleClass().add("muted");
        empty.setId("health-empty");
        getChildren().addAll(empty, cards);
    }

    /** Applies reports and removals in order (a removal is a null health) and redraws once. */
    void apply(List<MonitorPage.HealthUpdate> updates) {
        for (MonitorPage.HealthUpdate u : updates) {
            if (u.health() == null) {
                services.remove(u.service());
            } else {
                services.put(u.service(), u.health());
            }
        }
        render();
    }

    /** "Since … (5 min ago)" moves on without events: called once a second; only those texts change. */
    void tick() {
        sinceLabels.forEach((label, time) -> label.setText(sinceText(label, time)));
    }

    List<String> serviceNames() {
        return new ArrayList<>(services.keySet());
    }

    /** The worst state over all services, or UNKNOWN when there is none. */
    HealthLevel overall() {
        return services.isEmpty() ? HealthLevel.UNKNOWN
                : services.values().stream().map(ServiceHealth::overall).reduce(HealthLevel.OK, HealthLevel::worst);
    }

    /** "service: reason" of the worst service (first by name on a tie). */
    String worstReason() {
        ServiceHealth worst = null;
        for (ServiceHealth h : services.values()) {
            if (worst == null || h.overall().ordinal() > worst.overall().ordinal()) {
                worst = h;
            }
        }
        return worst == null ? "" : worst.service() + ": " + worst.reason();
    }

    private void render() {
        empty.setVisible(services.isEmpty());
        empty.setManaged(services.isEmpty());
        sinceLabels.clear();
        List<VBox> built = new ArrayList<>();
        for (ServiceHealth h : services.values()) {
            built.add(card(h));
        }
        cards.getChildren().setAll(built);
    }

    private VBox card(ServiceHealth h) {
        Label name = new Label(h.service());
        name.getStyleClass().add("card-title");
        StateBadge badge = new StateBadge();
        badge.show(LevelLook.text(h.overall()), LevelLook.kind(h.overall()));
        badge.setId("health-overall-" + h.service());
        Region spacer = Spacer.horizontal();
        HBox head = new HBox(8, name, spacer, badge);
        head.setAlignment(Pos.CENTER_LEFT);
        Label reason = new Label(h.reason());
        reason.setId("health-reason-" + h.service());
        reason.setWrapText(true);
        Label changed = sinceLabel("Overall since ", h.changedAt());
        changed.getStyleClass().add("muted");

        VBox checks = new VBox(6);
        for (HealthCheck c : h.checks()) {
            Label what = new Label(c.name());
            what.getStyleClass().add("health-check-name");
            // "introduction circuits established" does not fit beside the level in the panel's width: wrap, not "…".
            what.setWrapText(true);
            what.setMinWidth(0);
            HBox.setHgrow(what, Priority.SOMETIMES);
            Label level = new Label(LevelLook.text(c.level()));
            level.getStyleClass().addAll("health-level", "state-" + LevelLook.kind(c.level()));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox line = new HBox(6, what, gap, level);
            line.setAlignment(Pos.CENTER_LEFT);
            Label evidence = new Label(c.evidence());
            evidence.setWrapText(true);
            evidence.getStyleClass().add("health-evidence");
            Label since = sinceLabel("since ", c.since());
            since.getStyleClass().add("health-since");
            since.setTooltip(new Tooltip("Level changed at " + SINCE_FULL.format(c.since())));
            VBox check = new VBox(1, line, evidence, since);
            check.getStyleClass().add("health-check");
            checks.getChildren().add(check);
        }
        VBox card = new VBox(6, head, reason, changed, checks);
        card.getStyleClass().addAll("card", "health-card");
        card.setId("health-card-" + h.service());
        return card;
    }

    private Label sinceLabel(String prefix, Instant time) {
        Label label = new Label();
        label.setUserData(prefix);
        label.getStyleClass().add("muted");
        label.setText(sinceText(label, time));
        if (time != null) {
            sinceLabels.put(label, time);
        }
        return label;
    }

    private String sinceText(Label label, Instant time) {
        return label.getUserData() + since(time);
    }

    private String since(Instant t) {
        if (t == null) {
            return "—";
        }
        return SINCE.format(t) + " (" + ago(Duration.between(t, clock.instant())) + ")";
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return "just now";
        }
        return CircuitTable.age(d) + " ago";
    }
}
