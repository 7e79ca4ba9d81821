package io.onionpanel.balance;

import io.onionpanel.settings.ServiceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A panel's load balancing at a glance: its frontend with each backend the settings list (as the running panel's
 * health watch last saw it, from {@code onionbalance/health.json}), and the backend instances this panel serves. The
 * same for {@code balance status}, the window's page and the {@code balance.status} control method.
 *
 * @param frontends the load-balanced frontends (one at most: see {@link BalancedServices#makeFrontend})
 * @param instances this panel's services that serve as a backend of some frontend
 */
public record BalanceOverview(List<Frontend> frontends, List<Instance> instances) {
    public BalanceOverview {
        frontends = frontends == null ? List.of() : List.copyOf(frontends);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /**
     * @param address        the frontend's onion address (null until its keys are made)
     * @param virtualPort    the port clients use, which each backend serves (0 when it has none)
     * @param onionbalance   Onionbalance's state as last reported (see {@link BalanceHealth}); null: no report yet
     *                       (the panel is not running, or has not looked yet)
     * @param detail         what to know about that state, or null
     * @param publishedIntro introduction points in the published descriptor (-1: not fetched yet)
     * @param updatedMillis  when the report was written (0: no report)
     * @param backends       every backend the settings list, in their order; one without a report is "waiting"
     */
    public record Frontend(String name, String address, int virtualPort, String onionbalance, String detail,
                           int publishedIntro, long updatedMillis, List<BackendHealth> backends) {
        public Frontend {
            backends = backends == null ? List.of() : List.copyOf(backends);
        }

        public long live() {
            return backends.stream().filter(BackendHealth::live).count();
        }

        /** Onionbalance's state, the published descriptor and how many backends are live, in one line of words. */
        public String summary() {
            // The engine reports while Onionbalance runs, is missing or waits to be restarted; none while it is down
            // (tor not running), and it starts Onionbalance only once there is a backend to publish.
            String state = onionbalance != null ? onionbalance + (detail == null ? "" : " (" + detail + ")")
                    : backends.isEmpty() ? "starts when the first backend is added"
                    : "not running (it runs while the panel's tor runs; if tor runs, the panel's log says why it"
                    + " does not)";
            return "Onionbalance: " + state + "; published descriptor: " + (publishedIntro < 0 ? "not fetched yet"
                    : publishedIntro + " introduction points") + "; live: " + live() + " of " + backends.size();
        }
    }

    /** A backend instance of this panel: its own address and the frontend whose descriptor carries it. */
    public record Instance(String name, String address, String frontend) {
    }

    public boolean empty() {
        return frontends.isEmpty() && instances.isEmpty();
    }

    /** The overview of {@code dataDir}'s settings, keys and last health report. */
    public static BalanceOverview read(Path dataDir) {
        BalancedServices balanced = new BalancedServices(dataDir);
        Optional<BalanceHealth> health = BalanceWatch.read(dataDir);
        List<Frontend> frontends = balanced.frontend().map(f -> List.of(frontend(balanced, f, health))).orElse(List.of());
        List<Instance> instances = balanced.backends().stream()
                .map(s -> new Instance(s.name(), balanced.address(s.name()).orElse(null), s.balance().frontend()))
                .toList();
        return new BalanceOverview(frontends, instances);
    }

    private static Frontend frontend(BalancedServices balanced, ServiceConfig f, Optional<BalanceHealth> health) {
        // A report of another service (the frontend was changed since) or of no service tells nothing of these backends.
        Optional<BalanceHealth> report = health.filter(h -> f.name().equals(h.service()));
        List<BackendHealth> rows = f.balance().backends().stream().map(a -> report.flatMap(h -> h.backends().stream()
                        .filter(b -> b.address().equals(a)).findFirst())
                .orElse(new BackendHealth(a, false, 0, false, 0, false, null))).toList();
        Optional<BalanceHealth> said = report.or(() -> health.filter(h -> h.service() == null));
        return new Frontend(f.name(), balanced.address(f.name()).orElse(null),
                f.ports().isEmpty() ? 0 : f.ports().get(0).virtualPort(),
                said.map(BalanceHealth::onionbalance).orElse(null), said.map(BalanceHealth::detail).orElse(null),
                report.map(BalanceHealth::publishedIntro).orElse(-1), said.map(BalanceHealth::updatedMillis).orElse(0L),
                rows);
    }
}
