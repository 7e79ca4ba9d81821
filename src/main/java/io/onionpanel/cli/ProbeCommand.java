package io.onionpanel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.ValidationException;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.probe.EndpointTester;
import io.onionpanel.probe.ProbeAttempt;
import io.onionpanel.probe.ProbeHeader;
import io.onionpanel.probe.ProbeHistory;
import io.onionpanel.probe.ProbeListener;
import io.onionpanel.probe.ProbeOptions;
import io.onionpanel.probe.ProbeRequest;
import io.onionpanel.probe.ProbeResult;
import io.onionpanel.probe.ProbeSummary;
import io.onionpanel.probe.ServiceTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code probe URL}: requests through tor, as a remote client makes them, with a verdict on what failed. */
@Command(name = "probe", sortOptions = false, description = {
        "Send requests to an onion URL through tor and report status, latency and why failures happen.",
        "Example: probe http://<address>.onion/v1/models --count 20 --concurrency 4",
        "Exit code 0 when every request succeeded (HTTP < 400), 1 otherwise, 2 for bad input."})
public final class ProbeCommand implements Callable<Integer> {
    @ParentCommand OnionPanelCli root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "http://<address>.onion[:port][/path]; without a path GET /v1/info")
    String url;
    @Option(names = "--socks", paramLabel = "HOST:PORT", description = "tor's SOCKS port (default: the running Onion"
            + " Panel's tor, from <data>/runtime.json)")
    String socks;
    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Number of requests (default: ${DEFAULT-VALUE})")
    int count;
    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1", description = "Requests in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency;
    @Option(names = "--method", paramLabel = "M", defaultValue = "GET", description = "HTTP method (default: ${DEFAULT-VALUE})")
    String method;
    @Option(names = "--header", paramLabel = "K:V", description = "Request header; repeat for more")
    List<String> headers = new ArrayList<>();
    @Option(names = "--secret-header", paramLabel = "K:V", description = "Header whose value is never printed or saved"
            + " (e.g. 'Authorization: Bearer sk-…')")
    List<String> secretHeaders = new ArrayList<>();
    @Option(names = "--body", paramLabel = "B", description = "Request body (JSON unless a Content-Type header says otherwise)")
    String body;
    @Option(names = "--fresh-circuits", description = "A new circuit per request (cold latency), via SOCKS isolation")
    boolean freshCircuits;
    @Option(names = "--retries", paramLabel = "N|S,S,…", defaultValue = "4", description = "Retries on tor and timeout"
            + " errors: a count (4 = pauses of 1, 2, 4, 8 s), explicit seconds (0.5,1,2) or none (default: ${DEFAULT-VALUE})")
    String retries;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Per attempt (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;
    @Option(names = "--local-target", paramLabel = "HOST:PORT", description = "The API behind the service, checked directly"
            + " when requests fail (default: from the service's settings when the address is one of this panel's)")
    String localTarget;
    @Option(names = "--json", description = "Print one JSON object: count, ok, status, min/p50/p95/max_ms, verdict")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpUrl parsed = EndpointTester.baseUrl(url);
        HttpUrl full = HttpUrl.parse(url.contains("://") ? url.strip() : "http://" + url.strip());
        String path = full == null || full.encodedPath().equals("/") ? "/v1/info"
                : full.encodedPath() + (full.encodedQuery() == null ? "" : "?" + full.encodedQuery());
        List<ProbeHeader> all = new ArrayList<>();
        headers.forEach(h -> all.add(ProbeHeader.parse(h, false)));
        secretHeaders.forEach(h -> all.add(ProbeHeader.parse(h, true)));
        ProbeRequest request = new ProbeRequest(method, path, all, body);
        if (!(timeoutSeconds >= 0.1 && timeoutSeconds <= 600)) {
            throw new ValidationException("--timeout must be between 0.1 and 600 seconds");
        }
        ProbeOptions options = new ProbeOptions(count, concurrency, freshCircuits, ProbeOptions.parseRetries(retries),
                Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
        // With --engine-socket / --attach-system: that engine's tor and services, on this same machine. With --remote:
        // the server's services, but this desktop's own tor (a visitor's view; the server's SOCKS port is the
        // server's loopback), and no direct check of the target, which is on the server's loopback too.
        boolean remote = root.remote().isPresent();
        EngineSide engine = root.throughEngine() ? EngineSide.of(root, !remote) : null;
        Optional<InetSocketAddress> socksAddress = socks != null ? Optional.of(parseHostPort(socks, "--socks"))
                : engine != null && !remote ? engine.socks(err) : runningTor(err);
        if (socksAddress.isEmpty()) {
            return OnionPanelCli.EXIT_FAILURE;
        }
        Optional<ServiceTarget> own = engine != null ? ServiceTarget.find(engine.services(), parsed.host(), parsed.port())
                : ownService(parsed);
        String target = localTarget != null ? hostPortText(parseHostPort(localTarget, "--local-target"))
                : remote ? null : own.map(ServiceTarget::localTarget).orElse(null);
        EndpointTester tester = new EndpointTester(socksAddress.get(), target);
        ProbeListener live = json ? ProbeListener.NONE : new ProbeListener() {
            @Override
            public void attemptFinished(ProbeAttempt a) {
                synchronized (out) {
                    out.printf("#%-3d %s  %5d ms  %6d B  circuit %-6s%s%s%n", a.index() + 1,
                            a.status() == 0 ? "---" : Integer.toString(a.status()), a.millis(), a.bytes(), a.circuit(),
                            a.retries() > 0 ? "  after " + a.retries() + " retries" : "",
                            a.ok() ? "" : "  " + a.verdict() + ": " + a.detail());
                    out.flush();
                }
            }

            @Override
            public void retrying(int index, int retry, Duration pause, String reason) {
                synchronized (out) {
                    out.printf("#%-3d retry %d in %.1f s (%s)%n", index + 1, retry, pause.toMillis() / 1000.0, reason);
                    out.flush();
                }
            }
        };
        if (!json) {
            out.println(request.describe() + " " + parsed.newBuilder().encodedPath("/").build().toString()
                    .replaceAll("/$", "") + " via SOCKS " + hostPortText(socksAddress.get()) + ", " + count
                    + " request(s), concurrency " + concurrency + (freshCircuits ? ", fresh circuits" : ""));
            out.flush();
        }
        ProbeResult result = tester.run(url, request, options, live, new AtomicBoolean());
        if (engine == null) {
            // Another engine's runs are not this folder's history.
            saveHistory(own.map(ServiceTarget::service).orElse(parsed.host()), result, err);
        }
        if (json) {
            out.println(toJson(result));
        } else {
            ProbeSummary s = result.summary();
            out.printf("%d/%d ok (%.0f %%), status %s%n", s.ok(), s.count(), s.successRate() * 100, s.statusSorted());
            if (s.p50Ms() != null) {
                out.printf("latency ms: min %d  p50 %d  p95 %d  max %d%n", s.minMs(), s.p50Ms(), s.p95Ms(), s.maxMs());
            }
            out.println("Verdict: " + result.verdictText());
        }
        out.flush();
        return result.allOk() ? 0 : OnionPanelCli.EXIT_FAILURE;
    }

    static String toJson(ProbeResult result) {
        ProbeSummary s = result.summary();
        ObjectNode o = JsonCodec.objectNode();
        o.put("count", s.count());
        o.put("ok", s.ok());
        ObjectNode status = o.putObject("status");
        s.statusSorted().forEach(status::put);
        o.put("min_ms", s.minMs());
        o.put("p50_ms", s.p50Ms());
        o.put("p95_ms", s.p95Ms());
        o.put("max_ms", s.maxMs());
        o.put("verdict", result.verdict().name().toLowerCase(java.util.Locale.ROOT));
        o.put("verdict_text", result.verdictText());
        return JsonCodec.STANDARD.writeValueAsString(o);
    }

    private Optional<InetSocketAddress> runningTor(PrintWriter err) {
        Optional<RuntimeInfo> info = RuntimeInfo.read(root.dataDir());
        if (info.isEmpty()) {
            err.println("Error: Onion Panel is not running on " + root.dataDir() + ", so there is no tor to use."
                    + " Start it (onion-panel run, or the window) or pass --socks HOST:PORT (e.g. --socks 127.0.0.1:9050"
                    + " for a system tor).");
            return Optional.empty();
        }
        if (info.get().socks() == null) {
            err.println("Error: the running Onion Panel's tor has no SOCKS port yet (still starting?). Try again shortly.");
            return Optional.empty();
        }
        return Optional.of(parseHostPort(info.get().socks(), "runtime.json socks"));
    }

    /** Another engine's SOCKS port (its {@code socks} method) and services ({@code services.list}), asked once. */
    private record EngineSide(String socksText, List<io.onionpanel.onion.ServiceInfo> services) {
        /** {@code askSocks}: false through remote access, which does not offer the server's SOCKS port. */
        static EngineSide of(OnionPanelCli root, boolean askSocks) {
            return root.withEngine(c -> {
                try {
                    String socks = askSocks ? c.call("socks", null, Duration.ofSeconds(10)).path("socks").asText() : "";
                    return new EngineSide(socks, new io.onionpanel.control.RemotePanelActions(c).services());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e.getMessage(), e);
                }
            });
        }

        Optional<InetSocketAddress> socks(PrintWriter err) {
            if (socksText.isEmpty()) {
                err.println("Error: the engine's tor has no SOCKS port yet (stopped, or still starting). Try again shortly.");
                return Optional.empty();
            }
            return Optional.of(parseHostPort(socksText, "the engine's SOCKS port"));
        }
    }

    private Optional<ServiceTarget> ownService(HttpUrl parsed) {
        if (!Files.exists(root.dataDir().resolve("settings.json"))) {
            return Optional.empty();
        }
        try {
            return ServiceTarget.find(new OnionServices(root.dataDir()).list(), parsed.host(), parsed.port());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void saveHistory(String key, ProbeResult result, PrintWriter err) {
        if (!Files.isDirectory(root.dataDir())) {
            return;
        }
        try {
            new ProbeHistory(root.dataDir()).add(key, result);
        } catch (IOException e) {
            err.println("Warning: could not save the run in the history: " + e.getMessage());
        }
    }

    static InetSocketAddress parseHostPort(String text, String what) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0) {
            throw new ValidationException(what + ": write HOST:PORT, e.g. 127.0.0.1:9050");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(t.substring(colon + 1));
            if (port < 1 || port > 65535 || host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
                throw new NumberFormatException();
            }
            return InetSocketAddress.createUnresolved(host, port);
        } catch (NumberFormatException e) {
            throw new ValidationException(what + ": write HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:9050");
        }
    }

    private static String hostPortText(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
