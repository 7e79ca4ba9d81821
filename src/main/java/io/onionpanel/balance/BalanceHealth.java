package io.onionpanel.balance;

import java.util.List;

/**
 * A frontend's health: Onionbalance's state and each backend's. Written to {@code onionbalance/health.json} for
 * {@code balance status} and served in {@code /metrics}.
 *
 * @param onionbalance   running, restarting, stopped, missing (not installed) or waiting (for tor)
 * @param detail         what the operator should know about that state, or null
 * @param publishedIntro introduction points in the frontend's descriptor on the network (-1: not fetched yet)
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record BalanceHealth(String service, String frontend, String onionbalance, String detail, int publishedIntro,
                            List<BackendHealth> backends, long updatedMillis) {
    public BalanceHealth {
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    public long live() {
        return backends.stream().filter(BackendHealth::live).count();
    }
}
