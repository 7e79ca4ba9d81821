package io.onionpanel.monitor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The metrics endpoint: where settings.json says, or where run --metrics says, which then wins for the life
 * of the monitor. Monitor thread.
 */
final class MetricsEndpoint {
    private final Supplier<MetricsSnapshot> figures;
    private final MonitorLog log;
    private MetricsServer server;
    private String fromSettings;
    private InetSocketAddress override;

    MetricsEndpoint(Supplier<MetricsSnapshot> figures, MonitorLog log) {
        this.figures = figures;
        this.log = log;
    }

    /** The address in settings.json (null: none), unless the command line chose one. */
    void applySetting(String address) {
        if (override != null || Objects.equals(address, fromSettings)) {
            return;
        }
        fromSettings = address;
        stop();
        if (address == null) {
            return;
        }
        try {
            server = MetricsServer.start(MetricsAddress.parse(address), figures);
            log.panel("NOTICE", "Metrics endpoint serving on http://" + address + "/metrics and /status");
        } catch (IOException | RuntimeException e) {
            log.panel("WARN", "Metrics endpoint not started: " + e.getMessage());
        }
    }

    /**
     * The command line's address: the settings' endpoint stops first, since it may hold this very port. The
     * caller starts the server off the monitor's thread (binding may fail) and hands it to {@link #serving}.
     */
    void overrideWith(InetSocketAddress address) {
        override = address;
        stop();
    }

    void serving(MetricsServer started) {
        server = started;
    }

    Optional<InetSocketAddress> address() {
        return Optional.ofNullable(server).map(MetricsServer::address);
    }

    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
