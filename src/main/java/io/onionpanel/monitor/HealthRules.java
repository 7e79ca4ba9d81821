package io.onionpanel.monitor;

import io.onionpanel.probe.SelfProbeResult;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.routstr.Announcement;
import io.onionpanel.routstr.RoutstrUrls;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.NetworkVersionStatus;
import io.onionpanel.tor.TorSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The health checks of one service from its evidence: each a level and its evidence in words. Pure: the
 * monitor gathers the evidence and keeps when each level last changed.
 */
public final class HealthRules {
    public static final String TOR_UP = "tor process up";
    public static final String TOR_VERSION = "tor version";
    public static final String BOOTSTRAPPED = "bootstrapped";
    public static final String CIRCUIT = "circuit established";
    public static final String DESCRIPTOR = "descriptor published";
    public static final String INTRO = "introduction circuits established";
    public static final String REACHABLE = "reachable";
    public static final String LOCAL_TARGET = "local target answering";
    /** Only for services marked as a Routstr node (routstr configure): not one of {@link #NAMES}. */
    public static final String ROUTSTR = "Routstr announces this address";
    public static final List<String> NAMES = List.of(TOR_UP, TOR_VERSION, BOOTSTRAPPED, CIRCUIT, DESCRIPTOR, INTRO, REACHABLE, LOCAL_TARGET);

    /** tor re-uploads a descriptor at least every 60–120 min; three hours without one is news. */
    static final Duration UPLOAD_STALE = Duration.ofHours(3);
    /** Intro points are rotated now and then; a moment without one is normal, longer than this is not. */
    static final Duration INTRO_GRACE = Duration.ofSeconds(90);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** A check before its time of change is known. */
    public record Verdict(String name, HealthLevel level, String evidence) {
    }

    private HealthRules() {
    }

    public static List<Verdict> evaluate(HealthEvidence e, Instant now) {
        List<Verdict> v = new ArrayList<>(NAMES.size());
        TorStatus.State state = e.tor().state();
        boolean torUp = state == TorStatus.State.BOOTSTRAPPING || state == TorStatus.State.RUNNING;
        boolean bootstrapped = torUp && e.tor().progress() >= 100;
        // Starting is on the way up, not a failure: its checks wait (WARN) instead of failing.
        boolean starting = state == TorStatus.State.STARTING;
        ServiceStatus s = e.service();
        boolean enabled = s != null && s.state() != ServiceStatus.State.STOPPED && s.state() != ServiceStatus.State.REMOVED;
        boolean published = s != null && (s.state() == ServiceStatus.State.PUBLISHED || s.state() == ServiceStatus.State.UNREACHABLE);

        v.add(switch (state) {
            case BOOTSTRAPPING, RUNNING -> new Verdict(TOR_UP, HealthLevel.OK, "tor " + (e.tor().version() == null ? ""
                    : e.tor().version() + " ") + "is running");
            case STARTING -> new Verdict(TOR_UP, HealthLevel.WARN, "tor is starting");
            case RESTARTING -> new Verdict(TOR_UP, HealthLevel.FAIL, "tor is restarting" + detail(e.tor().detail()));
            case FAILED -> new Verdict(TOR_UP, HealthLevel.FAIL, "tor failed" + detail(e.tor().detail()));
            case STOPPED -> new Verdict(TOR_UP, HealthLevel.FAIL, "tor is stopped");
        });

        v.add(torVersion(e.tor()));

        if (bootstrapped) {
            v.add(new Verdict(BOOTSTRAPPED, HealthLevel.OK, "bootstrapped 100 %"));
        } else if (torUp) {
            v.add(new Verdict(BOOTSTRAPPED, HealthLevel.WARN, "bootstrapping: " + e.tor().progress() + " % ("
                    + e.tor().summary() + ")"));
        } else {
            v.add(new Verdict(BOOTSTRAPPED, starting ? HealthLevel.WARN : HealthLevel.FAIL, starting ? "tor is starting" : "tor is not running"));
        }

        if (!torUp) {
            v.add(new Verdict(CIRCUIT, starting ? HealthLevel.WARN : HealthLevel.FAIL, starting ? "tor is starting" : "tor is not running"));
        } else if (e.builtCircuits() > 0) {
            v.add(new Verdict(CIRCUIT, HealthLevel.OK, plural(e.builtCircuits(), "circuit") + " open"));
        } else {
            v.add(new Verdict(CIRCUIT, bootstrapped ? HealthLevel.WARN : HealthLevel.UNKNOWN, "no circuit open yet"));
        }

        String uploads = plural(e.uploadsLastHour(), "HSDir upload") + " in the last hour"
                + (e.lastUpload() == null ? "" : ", the last at " + CLOCK.format(e.lastUpload()))
                + (e.failedUploadsLastHour() == 0 ? "" : "; " + e.failedUploadsLastHour() + " failed");
        if (!enabled) {
            v.add(new Verdict(DESCRIPTOR, HealthLevel.FAIL, s == null ? "service unknown to tor" : "service is "
                    + s.state().name().toLowerCase() + detail(s.detail())));
        } else if (e.lastUpload() != null && Duration.between(e.lastUpload(), now).compareTo(UPLOAD_STALE) <= 0) {
            v.add(new Verdict(DESCRIPTOR, HealthLevel.OK, uploads));
        } else if (e.lastUpload() != null) {
            v.add(new Verdict(DESCRIPTOR, HealthLevel.WARN, uploads + " (none for " + hours(Duration.between(e.lastUpload(), now)) + ")"));
        } else if (published) {
            v.add(new Verdict(DESCRIPTOR, HealthLevel.OK, "published (uploaded before the panel started watching)"));
        } else if (e.failedUploadsLastHour() > 0) {
            v.add(new Verdict(DESCRIPTOR, HealthLevel.FAIL, "no HSDir accepted the descriptor yet; "
                    + e.failedUploadsLastHour() + " upload(s) failed"));
        } else {
            v.add(new Verdict(DESCRIPTOR, HealthLevel.WARN, "not uploaded yet"));
        }

        if (e.balancedFrontend()) {
            // Its tor holds no introduction circuits for it: the descriptor Onionbalance publishes lists the backends'.
            v.add(new Verdict(INTRO, published ? HealthLevel.OK : HealthLevel.WARN, published
                    ? "the backends' (Onionbalance publishes them in this address's descriptor; Load balancing tab)"
                    : "Onionbalance has not published this address yet"));
        } else if (e.introEstablished() > 0) {
            v.add(new Verdict(INTRO, HealthLevel.OK, plural(e.introEstablished(), "introduction circuit") + " established"));
        } else if (!published) {
            boolean coming = enabled && (torUp || starting);
            v.add(new Verdict(INTRO, coming ? HealthLevel.WARN : HealthLevel.FAIL, "none established" + (coming ? " yet" : "")));
        } else if (e.introMissingSince() != null && Duration.between(e.introMissingSince(), now).compareTo(INTRO_GRACE) > 0) {
            v.add(new Verdict(INTRO, HealthLevel.FAIL, "none established since " + CLOCK.format(e.introMissingSince())));
        } else {
            // tor publishes only once its intro points are up, and replaces them now and then (every 10–30 s on a
            // test network, about a day on the real one): a moment without one is a rotation, not a problem.
            // Not OK either: clients cannot connect during the gap; past the grace it is a failure.
            v.add(new Verdict(INTRO, HealthLevel.WARN, "none at this moment: tor is replacing its introduction points"
                    + " (a failure if none for " + INTRO_GRACE.toSeconds() + " s)"));
        }

        SelfProbeResult p = e.lastProbe();
        if (p == null) {
            v.add(new Verdict(REACHABLE, published ? HealthLevel.UNKNOWN : HealthLevel.WARN,
                    published ? "not probed yet" : "not published yet"));
        } else if (p.clientAuthOnly()) {
            v.add(new Verdict(REACHABLE, HealthLevel.OK, "published for authorised clients only (the probe holds no client"
                    + " key, so it cannot time a request) at " + CLOCK.format(p.at())));
        } else if (p.answered() && p.httpStatus() < 400) {
            v.add(new Verdict(REACHABLE, HealthLevel.OK, "HTTP " + p.httpStatus() + " for " + p.path() + " in "
                    + p.rttMillis() + " ms at " + CLOCK.format(p.at())));
        } else if (p.answered()) {
            v.add(new Verdict(REACHABLE, HealthLevel.WARN, "answers through tor, but HTTP " + p.httpStatus() + " for "
                    + p.path() + " at " + CLOCK.format(p.at()) + " (is the probe path right?)"));
        } else {
            // One failure may be a slow rendezvous; two in a row count.
            v.add(new Verdict(REACHABLE, e.probeFailuresInRow() >= 2 ? HealthLevel.FAIL : HealthLevel.WARN,
                    p.reason() + " at " + CLOCK.format(p.at())
                            + (e.probeFailuresInRow() >= 2 ? " (" + e.probeFailuresInRow() + " probes in a row)" : "")));
        }

        if (e.balancedFrontend()) {
            v.add(new Verdict(LOCAL_TARGET, HealthLevel.OK, "not used: the backends serve this address (their own"
                    + " panels check their APIs)"));
        } else if (e.targets() < 0) {
            v.add(new Verdict(LOCAL_TARGET, HealthLevel.UNKNOWN, "not checked yet"));
        } else if (e.targets() == 0) {
            v.add(new Verdict(LOCAL_TARGET, HealthLevel.FAIL, "no local target configured"));
        } else if (e.targetsAnswering() == e.targets()) {
            v.add(new Verdict(LOCAL_TARGET, HealthLevel.OK, e.targetList() + " accepts connections"));
        } else if (e.targetsAnswering() == 0) {
            v.add(new Verdict(LOCAL_TARGET, HealthLevel.FAIL, "nothing accepts connections at " + e.targetList()
                    + " (is the API running?)"));
        } else {
            v.add(new Verdict(LOCAL_TARGET, HealthLevel.WARN, e.targetsAnswering() + " of " + e.targets()
                    + " targets answer (" + e.targetList() + ")"));
        }
        if (e.routstr() != null && s != null && s.onion() != null) {
            v.add(routstr(e.routstr(), routstrUrl(s)));
        }
        return v;
    }

    /** The onion URL its Routstr node should announce: the address, with the port of its HTTP target unless 80. */
    static String routstrUrl(ServiceStatus s) {
        int port = s.ports().stream().map(PortMapping::virtualPort).filter(p -> p == 80).findFirst()
                .orElse(s.ports().isEmpty() ? 80 : s.ports().get(0).virtualPort());
        return RoutstrUrls.onionUrl(s.onion(), port);
    }

    static Verdict routstr(Announcement a, String expected) {
        if (!a.read()) {
            return new Verdict(ROUTSTR, HealthLevel.UNKNOWN, "cannot read its /v1/info: " + a.problem());
        }
        if (RoutstrUrls.same(a.onionUrl(), expected)) {
            return new Verdict(ROUTSTR, HealthLevel.OK, "its /v1/info announces " + a.onionUrl());
        }
        // Visitors who find the node on Nostr or in its /v1/info go to the address it announces, not this one.
        return new Verdict(ROUTSTR, HealthLevel.WARN, "it announces " + (a.onionUrl().isBlank() ? "no onion URL"
                : a.onionUrl()) + ", not " + expected + " (update it: routstr configure --admin-password-file, or the"
                + " Share page)");
    }

    /**
     * Whether the Tor network accepts this tor, in tor's own words (its consensus's recommended versions): a
     * tor the network calls obsolete cannot serve anyone, and one below the supported minimum runs only on a
     * private network whose operator allowed it.
     */
    static Verdict torVersion(TorStatus t) {
        if (t.version() == null) {
            return new Verdict(TOR_VERSION, HealthLevel.UNKNOWN, "no tor chosen yet");
        }
        NetworkVersionStatus n = t.network();
        String tor = "tor " + t.version() + ": ";
        String override = "below the supported " + TorSupport.MINIMUM_SERIES + ", run only because an unsupported tor"
                + " was allowed";
        if (n != null && n.obsolete()) {
            return new Verdict(TOR_VERSION, HealthLevel.FAIL, tor + n.inWords() + (t.unsupportedAllowed() ? "; " + override : ""));
        }
        if (t.unsupportedAllowed()) {
            return new Verdict(TOR_VERSION, HealthLevel.FAIL, tor + override + (n == null ? "" : "; the network: " + n.inWords()));
        }
        if (n == null) {
            return new Verdict(TOR_VERSION, HealthLevel.UNKNOWN, tor + "the network's verdict is not known yet (tor tells"
                    + " once it has the consensus)");
        }
        if (n.good()) {
            return new Verdict(TOR_VERSION, HealthLevel.OK, tor + n.inWords());
        }
        return new Verdict(TOR_VERSION, n.unknown() ? HealthLevel.UNKNOWN : HealthLevel.WARN, tor + n.inWords());
    }

    /** The worst level of the checks and the reason in words (the first check at that level). */
    public static Verdict overall(List<Verdict> checks) {
        Verdict worst = null;
        for (Verdict c : checks) {
            if (worst == null || c.level().ordinal() > worst.level().ordinal()) {
                worst = c;
            }
        }
        if (worst == null || worst.level() == HealthLevel.OK) {
            return new Verdict("overall", HealthLevel.OK, "all checks pass");
        }
        return new Verdict("overall", worst.level(), worst.name() + ": " + worst.evidence());
    }

    private static String detail(String d) {
        return d == null || d.isBlank() ? "" : ": " + d;
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String hours(Duration d) {
        return d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
