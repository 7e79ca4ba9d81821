package io.onionpanel.balance;

import java.util.Optional;

/** The frontend's health as Prometheus text, appended to the panel's {@code /metrics}. */
public final class BalanceMetrics {
    private BalanceMetrics() {
    }

    public static String render(Optional<BalanceHealth> health) {
        if (health.isEmpty() || health.get().service() == null) {
            return "";
        }
        BalanceHealth h = health.get();
        String f = "service=\"" + escape(h.service()) + "\"";
        StringBuilder b = new StringBuilder();
        gauge(b, "onion_panel_balance_onionbalance_up", "1 while the Onionbalance child process runs");
        b.append("onion_panel_balance_onionbalance_up{").append(f).append("} ").append("running".equals(h.onionbalance()) ? 1 : 0).append('\n');
        gauge(b, "onion_panel_balance_backends", "backends configured for the frontend");
        b.append("onion_panel_balance_backends{").append(f).append("} ").append(h.backends().size()).append('\n');
        gauge(b, "onion_panel_balance_backends_live", "backends that answered at their own address in the last round");
        b.append("onion_panel_balance_backends_live{").append(f).append("} ").append(h.live()).append('\n');
        gauge(b, "onion_panel_balance_published_intro_points", "introduction points in the frontend's published descriptor (-1: not fetched)");
        b.append("onion_panel_balance_published_intro_points{").append(f).append("} ").append(h.publishedIntro()).append('\n');
        gauge(b, "onion_panel_balance_backend_live", "1 when the backend answered at its own address in the last round");
        rows(b, h, f, "onion_panel_balance_backend_live", r -> r.live() ? 1 : 0);
        gauge(b, "onion_panel_balance_backend_descriptor_fetched", "1 when Onionbalance holds the backend's descriptor");
        rows(b, h, f, "onion_panel_balance_backend_descriptor_fetched", r -> r.fetched() ? 1 : 0);
        gauge(b, "onion_panel_balance_backend_in_published_descriptor", "1 when the published descriptor carries the backend's introduction points");
        rows(b, h, f, "onion_panel_balance_backend_in_published_descriptor", r -> r.inPublished() ? 1 : 0);
        gauge(b, "onion_panel_balance_backend_last_seen_seconds", "Unix time the backend last answered (0: never)");
        rows(b, h, f, "onion_panel_balance_backend_last_seen_seconds", r -> r.lastSeenMillis() / 1000);
        return b.toString();
    }

    private static void rows(StringBuilder b, BalanceHealth h, String f, String name,
                             java.util.function.ToLongFunction<BackendHealth> value) {
        for (BackendHealth r : h.backends()) {
            b.append(name).append('{').append(f).append(",backend=\"").append(escape(r.address())).append("\"} ")
                    .append(value.applyAsLong(r)).append('\n');
        }
    }

    private static void gauge(StringBuilder b, String name, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
