package io.onionpanel.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.HealthCheck;
import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.ServiceHealth;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reports what {@code run} sees: as text for people, or one JSON object per line for scripts. */
abstract class RunEventPrinter implements EngineListener {
    private final PrintWriter out;
    private int lastProgress = -1;
    private TorStatus.State lastState;
    private final Map<String, String> announcedAddress = new HashMap<>();
    private final Map<String, ServiceStatus> lastStatus = new HashMap<>();

    RunEventPrinter(PrintWriter out) {
        this.out = out;
    }

    abstract String bootstrap(TorStatus s);

    abstract String tor(TorStatus s);

    abstract String address(String service, String onion);

    abstract String serviceState(ServiceStatus s);

    abstract String reachable(ServiceStatus s);

    abstract String errorLine(String message);

    abstract String noticeLine(String message);

    abstract String stoppedLine();

    abstract String health(ServiceHealth h);

    abstract String torVersion(TorStatus s);

    private String lastVersionStatus;

    private final Map<String, HealthLevel> lastHealth = new HashMap<>();

    /** One line per change of a service's overall health (not per change of its evidence). */
    synchronized void healthChanged(ServiceHealth h) {
        HealthLevel before = lastHealth.put(h.service(), h.overall());
        if (before != h.overall() && (before != null || h.overall() != HealthLevel.UNKNOWN)) {
            print(health(h));
        }
    }

    @Override
    public synchronized void torStatusChanged(TorStatus s) {
        if (s.progress() != lastProgress && (s.state() == TorStatus.State.BOOTSTRAPPING || s.state() == TorStatus.State.RUNNING)) {
            lastProgress = s.progress();
            print(bootstrap(s));
        }
        if (s.state() != lastState) {
            lastState = s.state();
            if (s.state() == TorStatus.State.STARTING) {
                lastProgress = -1;
            }
            print(tor(s));
        }
        if (s.network() != null && !(s.version() + " " + s.network().status()).equals(lastVersionStatus)) {
            lastVersionStatus = s.version() + " " + s.network().status();
            print(torVersion(s));
        }
    }

    @Override
    public synchronized void serviceStatusChanged(ServiceStatus s) {
        if (s.onion() != null && !s.onion().equals(announcedAddress.get(s.name()))) {
            announcedAddress.put(s.name(), s.onion());
            print(address(s.name(), s.onion()));
        }
        ServiceStatus last = lastStatus.put(s.name(), s);
        boolean wasPublished = last != null && last.state() == ServiceStatus.State.PUBLISHED && s.onion().equals(last.onion());
        if (s.state() == ServiceStatus.State.PUBLISHED) {
            // One "published" per publication; a reachability verdict is its own event.
            if (!wasPublished) {
                print(serviceState(s));
            }
            boolean reachable = s.detail() != null;
            boolean wasReachable = wasPublished && last.detail() != null;
            if (reachable && !wasReachable) {
                print(reachable(s));
            }
            return;
        }
        print(serviceState(s));
    }

    @Override
    public synchronized void error(String message) {
        print(errorLine(message));
    }

    @Override
    public synchronized void notice(String message) {
        print(noticeLine(message));
    }

    synchronized void stopped() {
        print(stoppedLine());
    }

    private void print(String line) {
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    static final class Json extends RunEventPrinter {
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;

        private static String text(ObjectNode event) {
            return JsonCodec.STANDARD.writeValueAsString(event);
        }

        Json(PrintWriter out) {
            super(out);
        }

        private ObjectNode event(String name) {
            return nodes.objectNode().put("event", name);
        }

        @Override String bootstrap(TorStatus s) {
            return text(event("bootstrap").put("progress", s.progress()).put("tag", s.tag()).put("summary", s.summary()));
        }

        @Override String tor(TorStatus s) {
            ObjectNode o = event("tor").put("state", s.state().name().toLowerCase(Locale.ROOT));
            if (s.version() != null) {
                o.put("version", s.version()).put("origin", s.origin()).put("bundled", s.bundled());
                if (s.unsupportedAllowed()) {
                    o.put("unsupported_allowed", true);
                }
            }
            if (s.detail() != null) {
                o.put("detail", s.detail());
            }
            return text(o);
        }

        @Override String torVersion(TorStatus s) {
            return text(event("tor_version").put("version", s.version())
                    .put("status", s.network().status()).put("recommended", s.network().recommended())
                    .put("supported", io.onionpanel.tor.TorSupport.supported(s.version()))
                    .put("detail", s.network().inWords()));
        }

        @Override String address(String service, String onion) {
            return text(event("address").put("service", service).put("onion", onion));
        }

        @Override String serviceState(ServiceStatus s) {
            if (s.state() == ServiceStatus.State.PUBLISHED) {
                return text(event("published").put("service", s.name()).put("onion", s.onion()));
            }
            ObjectNode o = event("service").put("service", s.name()).put("state", s.state().name().toLowerCase(Locale.ROOT));
            o.put("onion", s.onion());
            if (s.detail() != null) {
                o.put("detail", s.detail());
            }
            return text(o);
        }

        @Override String reachable(ServiceStatus s) {
            return text(event("reachable").put("service", s.name()).put("onion", s.onion()).put("detail", s.detail()));
        }

        @Override String errorLine(String message) {
            return text(event("error").put("message", message));
        }

        @Override String noticeLine(String message) {
            return text(event("notice").put("message", message));
        }

        @Override String stoppedLine() {
            return text(event("stopped"));
        }

        @Override String health(ServiceHealth h) {
            ObjectNode o = event("health").put("service", h.service()).put("overall", h.overall().name().toLowerCase(Locale.ROOT))
                    .put("reason", h.reason());
            ObjectNode checks = o.putObject("checks");
            for (HealthCheck c : h.checks()) {
                checks.put(c.name(), c.level().name().toLowerCase(Locale.ROOT));
            }
            return text(o);
        }
    }

    static final class Text extends RunEventPrinter {
        Text(PrintWriter out) {
            super(out);
        }

        @Override String bootstrap(TorStatus s) {
            return "Bootstrapping " + s.progress() + " %: " + s.summary();
        }

        @Override String tor(TorStatus s) {
            String base = "Tor " + s.state().name().toLowerCase(Locale.ROOT);
            if (s.state() == TorStatus.State.STARTING && s.version() != null) {
                base += " (" + s.describeTor() + (s.unsupportedAllowed() ? ", UNSUPPORTED: allowed by override" : "") + ")";
            }
            return s.detail() == null ? base : base + ": " + s.detail();
        }

        @Override String torVersion(TorStatus s) {
            return "tor " + s.version() + " is " + s.network().inWords();
        }

        @Override String address(String service, String onion) {
            return "Service '" + service + "' has the address http://" + onion;
        }

        @Override String serviceState(ServiceStatus s) {
            return switch (s.state()) {
                case PUBLISHED -> "Service '" + s.name() + "' is published: http://" + s.onion();
                case STOPPED -> "Service '" + s.name() + "' is stopped";
                case REMOVED -> "Service '" + s.name() + "' was removed";
                case UNREACHABLE -> "Service '" + s.name() + "' is unreachable: " + s.detail();
                case STARTING -> null;
            };
        }

        @Override String reachable(ServiceStatus s) {
            return "Service '" + s.name() + "' answers through tor: " + s.detail();
        }

        @Override String errorLine(String message) {
            return "Error: " + message;
        }

        @Override String noticeLine(String message) {
            return "Note: " + message;
        }

        @Override String stoppedLine() {
            return "Stopped.";
        }

        @Override String health(ServiceHealth h) {
            return "Health of '" + h.service() + "': " + h.overall().name() + " (" + h.reason() + ")";
        }
    }
}
