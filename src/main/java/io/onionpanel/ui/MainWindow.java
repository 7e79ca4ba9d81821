package io.onionpanel.ui;

import io.onionpanel.engine.TorStatus;
import io.onionpanel.ui.auth.ClientsView;
import io.onionpanel.ui.common.NotificationArea;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.dashboard.DashboardView;
import io.onionpanel.ui.editor.ServiceEditorView;
import io.onionpanel.ui.firstrun.FirstRunView;
import io.onionpanel.ui.model.PanelModel;
import io.onionpanel.ui.monitor.HealthAlerts;
import io.onionpanel.ui.monitor.MonitorPage;
import io.onionpanel.ui.settings.SettingsView;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The window's layout: the first-run welcome or the Dashboard / Health / Services / Clients / Load balancing / Settings tabs, over a
 * status line. Every page has a visible way in: the welcome screen links to the dashboard and Settings, and an empty
 * dashboard leads back to the welcome screen.
 */
public final class MainWindow extends BorderPane {
    private final PanelModel model;
    private final Consumer<String> applyTheme;
    private final TabPane tabs = new TabPane();
    private final Tab dashboardTab = new Tab("Dashboard");
    private final Tab servicesTab = new Tab("Services");
    private final Tab settingsTab = new Tab("Settings");
    private final Tab clientsTab = new Tab("Clients");
    private final Tab healthTab = new Tab("Health");
    private final Tab balanceTab = new Tab("Load balancing");
    private HBox welcomeLinks;
    /** The page, with the notifications over its bottom-right corner. */
    private final StackPane body = new StackPane();
    private final NotificationArea notifications = new NotificationArea();

    public MainWindow(PanelModel model, boolean firstRun, Consumer<String> applyTheme) {
        this.model = model;
        this.applyTheme = applyTheme;
        getStyleClass().add("main-window");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("main-tabs");
        // Settings last, as in most applications; what an operator checks most often first.
        tabs.getTabs().addAll(dashboardTab, healthTab, servicesTab, clientsTab, balanceTab, settingsTab);
        balanceTab.setId("tab-balance");
        dashboardTab.setId("tab-dashboard");
        healthTab.setId("tab-health");
        servicesTab.setId("tab-services");
        clientsTab.setId("tab-clients");
        settingsTab.setId("tab-settings");
        setBottom(statusBar());
        setCenter(body);
        model.notifier().showIn(notifications);
        // Tabs have no mnemonics: Ctrl+1…5 switch pages from the keyboard. The keys kept their pages when Settings
        // moved to the end, so they no longer follow the tabs' order.
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+1"), () -> select("dashboard"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+2"), () -> select("services"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+3"), () -> select("settings"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+4"), () -> select("clients"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+5"), () -> select("health"));
            }
        });
        dashboardTab.setTooltip(new Tooltip("Ctrl+1"));
        servicesTab.setTooltip(new Tooltip("Ctrl+2"));
        settingsTab.setTooltip(new Tooltip("Ctrl+3"));
        clientsTab.setTooltip(new Tooltip("Ctrl+4"));
        healthTab.setTooltip(new Tooltip("Ctrl+5"));
        // Notifications follow health from the start, whether or not the Health tab is ever opened; the first
        // reading of the monitor happens off the FX thread.
        Tasks.run(() -> HealthAlerts.toNotifier(model.notifier(), model.expectedOutages()).attach(model.monitor()), alerts -> { },
                failure -> model.notifier().error("Health notifications", failure));
        // The first-run form writes this user's own data folder: never for a panel managed through its engine.
        if (firstRun && model.managedPanelName().isEmpty()) {
            showWelcome();
        } else {
            showTabs();
        }
    }

    /** How the Panel list names this window's own panel: this computer's, or the system service it attached to. */
    public String panelLabel() {
        return model.managedPanelName().map(name -> name.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + name.substring(1)).orElse("This computer");
    }

    /** Where the window's notifications appear. */
    public NotificationArea notifications() {
        return notifications;
    }

    /** The first-run page, also reached again from an empty dashboard (then fresh: an earlier run's result is past). */
    public void showWelcome() {
        if (welcomeLinks == null) {
            Hyperlink dashboard = new Hyperlink("Dashboard");
            dashboard.setId("welcome-dashboard");
            dashboard.setOnAction(e -> select("dashboard"));
            Hyperlink settings = new Hyperlink("Settings");
            settings.setId("welcome-settings");
            settings.setOnAction(e -> select("settings"));
            welcomeLinks = new HBox(12, dashboard, settings);
            welcomeLinks.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            StackPane.setAlignment(welcomeLinks, Pos.TOP_RIGHT);
        }
        // The links after the form: the focus starts in the form, and Tab reaches the links last.
        StackPane welcome = new StackPane(new FirstRunView(model, this::showTabs), welcomeLinks);
        welcome.getStyleClass().add("page");
        welcome.setId("welcome");
        showPage(welcome);
    }

    public void showTabs() {
        if (dashboardTab.getContent() == null) {
            dashboardTab.setContent(model.managedPanelName().isPresent() ? new io.onionpanel.ui.dashboard.RemoteDashboardView(model)
                    : new DashboardView(model, this::openPage));
            // The other pages are built when first opened: less to build, style and keep in memory.
            tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> buildIfNeeded(tab));
        }
        showPage(tabs);
    }

    private void showPage(javafx.scene.Node page) {
        body.getChildren().setAll(page, notifications);
    }

    private void buildIfNeeded(Tab tab) {
        if (tab == null || tab.getContent() != null) {
            return;
        }
        if (model.managedPanelName().isPresent() && tab == servicesTab) {
            servicesTab.setContent(new io.onionpanel.ui.remote.RemoteServicesView(model));
        } else if (model.managedPanelName().isPresent() && tab == clientsTab) {
            clientsTab.setContent(new io.onionpanel.ui.remote.RemoteClientsView(model));
        } else if (model.managedPanelName().isPresent() && tab == settingsTab) {
            settingsTab.setContent(new io.onionpanel.ui.remote.RemoteSettingsView(model));
        } else if (model.managedPanelName().isPresent() && tab == balanceTab) {
            balanceTab.setContent(new io.onionpanel.ui.remote.RemoteBalanceView(model));
        } else if (tab == servicesTab) {
            servicesTab.setContent(new ServiceEditorView(model));
        } else if (tab == settingsTab) {
            settingsTab.setContent(new SettingsView(model, applyTheme));
        } else if (tab == clientsTab) {
            clientsTab.setContent(new ClientsView(model));
        } else if (tab == balanceTab) {
            balanceTab.setContent(new io.onionpanel.ui.balance.BalanceView(model));
        } else if (tab == healthTab) {
            healthTab.setContent(new MonitorPage(model.monitor(), model.notifier()));
        }
    }

    /** Shows a page on request from a view, bringing the window forward (the request may come from another window). */
    private void openPage(String page) {
        if ("welcome".equals(page)) {
            showWelcome();
        } else {
            select(page);
        }
        if (getScene() != null && getScene().getWindow() instanceof javafx.stage.Stage stage) {
            stage.toFront();
        }
    }

    public void select(String tab) {
        showTabs();
        tabs.getSelectionModel().select(switch (tab) {
            case "services" -> servicesTab;
            case "settings" -> settingsTab;
            case "clients" -> clientsTab;
            case "health" -> healthTab;
            default -> dashboardTab;
        });
        // The page's first button would take the focus (on the Dashboard: Restart or Stop tor, and Enter would
        // press it); the tab strip is harmless and the arrow keys go on from there.
        tabs.requestFocus();
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status-line");
        status.textProperty().bind(model.notifier().statusLineProperty());
        Label tor = new Label();
        tor.setId("status-tor");
        tor.textProperty().bind(Bindings.createStringBinding(() -> summary(model.torStatusProperty().get()),
                model.torStatusProperty()));
        // The tor summary is short and always whole; a long status line gives way, with its whole text in a tooltip.
        tor.setMinWidth(Region.USE_PREF_SIZE);
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        Tooltip whole = new Tooltip();
        whole.setWrapText(true);
        whole.setMaxWidth(640);
        whole.textProperty().bind(status.textProperty());
        status.tooltipProperty().bind(Bindings.when(status.textProperty().isEmpty()).then((Tooltip) null).otherwise(whole));
        HBox bar = new HBox(12, status, tor);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static String summary(TorStatus s) {
        return switch (s.state()) {
            case RUNNING -> "Tor running";
            case BOOTSTRAPPING -> "Tor bootstrapping " + s.progress() + " %";
            case STARTING -> "Tor starting";
            case RESTARTING -> "Tor restarting";
            case STOPPED -> "Tor stopped";
            case FAILED -> "Tor failed";
        };
    }
}
