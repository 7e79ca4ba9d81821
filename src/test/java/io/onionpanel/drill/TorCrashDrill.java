package io.onionpanel.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.it.PanelTor;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.Socks5Http;
import io.onionpanel.testnet.StandInRoutstr;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * SIGKILLs the panel's tor while a service is published, again and again; after each kill the panel must restart
 * tor, publish the same address and answer through it. Measures kill → published and kill → first HTTP 200.
 */
public final class TorCrashDrill {
    private static final Duration PUBLISH = Duration.ofSeconds(150);
    private static final Duration FETCH = Duration.ofSeconds(120);
    private static final Duration STUCK = Duration.ofSeconds(15);

    /** Seconds per kill; {@code firstStart} is the cold start to the first 200, the same run's reference. */
    public record Result(String address, double firstStart, List<Double> toPublished, List<Double> toReachable) {
    }

    private TorCrashDrill() {
    }

    public static Result run(PrivateTorNetwork network, StandInRoutstr api, Path data, int kills, Consumer<String> log)
            throws Exception {
        var added = PanelProcess.cli(data, "service", "add", "drill", "--port", "80=" + api.hostPort());
        if (added.exit() != 0) {
            throw new AssertionError(added.output());
        }
        long t0 = System.nanoTime();
        try (PanelProcess run = PanelProcess.start(data, "--torrc-append", network.clientTorrcFile().toString())) {
            String address = run.awaitEvent("published", "drill", PUBLISH).get("onion").asText();
            getUntilOk(data, address, run, log);
            double first = (System.nanoTime() - t0) / 1e9;
            log.accept(String.format(Locale.ROOT, "first start: published and reachable in %.2f s (%s)", first, address));
            List<Double> published = new ArrayList<>();
            List<Double> reachable = new ArrayList<>();
            for (int i = 1; i <= kills; i++) {
                long torPid = RuntimeInfo.read(data).orElseThrow().torPid();
                run.clearEvents();
                long k = System.nanoTime();
                ProcessHandle.of(torPid).orElseThrow(() -> new AssertionError("tor " + torPid + " is not running"))
                        .destroyForcibly(); // SIGKILL
                JsonNode again = run.awaitEvent("published", "drill", PUBLISH);
                double p = (System.nanoTime() - k) / 1e9;
                if (!address.equals(again.get("onion").asText())) {
                    throw new AssertionError("kill " + i + ": published " + again.get("onion").asText() + " instead of " + address);
                }
                long newPid = RuntimeInfo.read(data).orElseThrow().torPid();
                if (newPid == torPid) {
                    throw new AssertionError("kill " + i + ": runtime.json still names the killed tor");
                }
                getUntilOk(data, address, run, log);
                double r = (System.nanoTime() - k) / 1e9;
                published.add(p);
                reachable.add(r);
                log.accept(String.format(Locale.ROOT, "kill %2d: tor %d -> %d, published again in %.2f s, reachable in %.2f s",
                        i, torPid, newPid, p, r));
            }
            return new Result(address, first, published, reachable);
        }
    }

    /**
     * GETs until HTTP 200, as a visitor would: after an attempt that hung (not one refused at once, the usual
     * "descriptor not found yet" right after a restart, which a NEWNYM would only slow down), a new identity (NEWNYM)
     * before the next, so the client neither keeps a descriptor cached from before the kill nor waits on a rendezvous
     * circuit built for it (seen once in CI: every 20 s attempt timed out for 120 s). It touches only client state: a
     * service that does not come back still fails here.
     */
    private static void getUntilOk(Path data, String address, PanelProcess run, Consumer<String> log) throws Exception {
        long deadline = System.nanoTime() + FETCH.toNanos();
        String last = "";
        int newIdentities = 0;
        while (System.nanoTime() < deadline) {
            String[] socks = RuntimeInfo.read(data).orElseThrow().socks().split(":");
            long attempt = System.nanoTime();
            try {
                Socks5Http.HttpResult r = Socks5Http.get(socks[0], Integer.parseInt(socks[1]), "http://" + address + "/v1/info",
                        Duration.ofSeconds(20));
                if (r.status() == 200 && r.body().equals(StandInRoutstr.INFO_JSON)) {
                    if (newIdentities > 0) {
                        log.accept("reachable after " + newIdentities + " new identit" + (newIdentities == 1 ? "y" : "ies")
                                + "; last failure: " + last);
                    }
                    return;
                }
                last = "HTTP " + r.status();
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
            if (System.nanoTime() - attempt >= STUCK.toNanos()) {
                try {
                    PanelTor.newIdentity(data);
                    newIdentities++;
                } catch (IOException | AssertionError restarting) {
                    // tor between incarnations: the next attempt finds the new one
                }
            }
        }
        String stderr = run.stderr();
        throw new AssertionError(address + " not reachable within " + FETCH.toSeconds() + " s (" + newIdentities
                + " new identities): " + last + "\npanel stderr (tail):\n" + stderr.substring(Math.max(0, stderr.length() - 6000)));
    }

    /** "min a, p50 b, max c" of the values. */
    public static String summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        double p50 = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "min %.2f s, p50 %.2f s, max %.2f s (n=%d)", sorted.get(0), p50, sorted.get(n - 1), n);
    }
}
