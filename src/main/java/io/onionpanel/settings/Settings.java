package io.onionpanel.settings;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Everything the panel persists in settings.json. Immutable; changes go through {@link SettingsStore#update}. */
public record Settings(int schemaVersion, TorSettings tor, List<ServiceConfig> services, UiSettings ui,
                       MonitorSettings monitor) {
    public static final int SCHEMA_VERSION = 1;

    @com.fasterxml.jackson.annotation.JsonCreator
    public Settings {
        monitor = monitor == null ? MonitorSettings.defaults() : monitor;
        tor = tor == null ? TorSettings.defaults() : tor;
        services = services == null ? List.of() : List.copyOf(services);
        ui = ui == null ? UiSettings.defaults() : ui;
    }

    /** Settings without monitoring choices (defaults), as written before monitoring existed. */
    public Settings(int schemaVersion, TorSettings tor, List<ServiceConfig> services, UiSettings ui) {
        this(schemaVersion, tor, services, ui, null);
    }

    public static Settings defaults() {
        return new Settings(SCHEMA_VERSION, TorSettings.defaults(), List.of(), UiSettings.defaults());
    }

    public Optional<ServiceConfig> service(String name) {
        return services.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    public Settings withServices(List<ServiceConfig> value) {
        return new Settings(schemaVersion, tor, value, ui, monitor);
    }

    public Settings withTor(TorSettings value) {
        return new Settings(schemaVersion, value, services, ui, monitor);
    }

    public Settings withUi(UiSettings value) {
        return new Settings(schemaVersion, tor, services, value, monitor);
    }

    public Settings withMonitor(MonitorSettings value) {
        return new Settings(schemaVersion, tor, services, ui, value);
    }

    public Settings mapServices(UnaryOperator<List<ServiceConfig>> change) {
        return withServices(change.apply(services));
    }
}
