package io.onionpanel.probe;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends requests to a service through tor exactly as a remote client would (SOCKS5, name resolved by tor)
 * and says why they fail: tor, the onion service directory, introduction, rendezvous, the HTTP service, or
 * the local API behind the service (checked directly on its host:port).
 *
 * <p>Each request opens its own stream (no HTTP keep-alive between requests), like a fresh client; requests
 * share tor's circuit unless fresh circuits are asked for.
 */
public final class EndpointTester {
    public static final int BODY_PREVIEW = 4000;
    /** Isolation credentials shared by non-fresh requests: apart from the operator's own traffic, warm across runs. */
    static final String SHARED_ISOLATION = "onion-panel-probe";
    private static final Duration LOCAL_CHECK_TIMEOUT = Duration.ofSeconds(2);
    /** (socks, credentials, host) triples that already carried a successful request: tor keeps that circuit. */
    private static final Set<String> WARM = ConcurrentHashMap.newKeySet();

    private final InetSocketAddress socks;
    private final String localTarget;

    /**
     * @param socks       tor's SOCKS port
     * @param localTarget the service's local target (host:port or unix:/path), or null when unknown
     */
    public EndpointTester(InetSocketAddress socks, String localTarget) {
        this.socks = socks;
        this.localTarget = localTarget;
    }

    /**
     * Checks a base URL ({@code http://<56 chars>.onion[:port]}, any path ignored) and returns it without path.
     */
    public static HttpUrl baseUrl(String url) {
        String text = url == null ? "" : url.strip();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        HttpUrl parsed = HttpUrl.parse(text);
        if (parsed == null) {
            throw new ValidationException("'" + text.replaceAll("\\p{Cntrl}", "?") + "' is not an http:// URL");
        }
        String host = parsed.host().toLowerCase(Locale.ROOT);
        if (host.endsWith(".onion") && !OnionAddress.isValid(host.substring(host.lastIndexOf('.', host.length() - 7) + 1,
                host.length() - 6))) {
            throw new ValidationException(host + " is not a valid v3 onion address (56 base32 characters with a"
                    + " correct checksum)");
        }
        return parsed.newBuilder().encodedPath("/").query(null).fragment(null).build();
    }

    /** Runs the request {@code options.count()} times; blocks until done or {@code cancel} is set. */
    public ProbeResult run(String url, ProbeRequest request, ProbeOptions options, ProbeListener listener,
                           AtomicBoolean cancel) throws InterruptedException {
        HttpUrl base = baseUrl(url);
        HttpUrl target = HttpUrl.parse(base.toString().replaceAll("/$", "") + request.path());
        if (target == null) {
            throw new ValidationException("Path " + request.path() + " does not make a valid URL");
        }
        String started = Instant.now().toString();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        OkHttpClient base0 = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .dns(TorDns.INSTANCE)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .connectTimeout(options.timeout())
                .readTimeout(options.timeout())
                .writeTimeout(options.timeout())
                .build();
        List<ProbeAttempt> attempts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(),
                DaemonThreads.factory("probe-" + runId));
        try {
            List<Future<ProbeAttempt>> futures = new ArrayList<>();
            for (int i = 0; i < options.count(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    if (cancel.get()) {
                        return null; // cancelled before its turn: not sent, not counted
                    }
                    ProbeAttempt a = attempt(base0, target, request, options, index, runId, listener, cancel);
                    listener.attemptFinished(a);
                    return a;
                }));
            }
            for (Future<ProbeAttempt> f : futures) {
                try {
                    ProbeAttempt a = f.get();
                    if (a != null) {
                        attempts.add(a);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("probe worker failed", e.getCause());
                } catch (java.util.concurrent.CancellationException e) {
                    // cancelled: the attempts so far make the result
                }
            }
        } finally {
            pool.shutdownNow();
            base0.dispatcher().executorService().shutdown();
        }
        attempts.sort(Comparator.comparingInt(ProbeAttempt::index));
        ProbeSummary summary = ProbeSummary.of(attempts);
        ProbeVerdict verdict = verdictOf(attempts);
        String text = verdictText(verdict, attempts, summary);
        if (!attempts.isEmpty() && attempts.size() < options.count()) {
            text += " Cancelled after " + attempts.size() + " of " + options.count() + " requests.";
        }
        return new ProbeResult(started, target.toString(), request, options, attempts, summary, verdict, text);
    }

    private ProbeAttempt attempt(OkHttpClient base, HttpUrl url, ProbeRequest request, ProbeOptions options, int index,
                                 String runId, ProbeListener listener, AtomicBoolean cancel) throws InterruptedException {
        int retry = 0;
        while (true) {
            String credentials = options.freshCircuits() ? "onion-panel-probe-" + runId + "-" + index + "-" + retry
                    : SHARED_ISOLATION;
            String warmKey = socks + "|" + credentials + "|" + url.host();
            String circuit = WARM.contains(warmKey) ? "reused" : "fresh";
            OkHttpClient client = base.newBuilder().socketFactory(new TorSocketFactory(socks, credentials)).build();
            long start = System.nanoTime();
            ProbeAttempt result;
            try (Response response = client.newCall(build(url, request)).execute()) {
                long bytes = 0;
                StringBuilder preview = new StringBuilder();
                ResponseBody body = response.body();
                if (body != null) {
                    try (InputStream in = body.byteStream()) {
                        byte[] buffer = new byte[8192];
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            if (preview.length() < BODY_PREVIEW) {
                                preview.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            }
                            bytes += n;
                        }
                    }
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                WARM.add(warmKey);
                String text = preview.length() > BODY_PREVIEW ? preview.substring(0, BODY_PREVIEW) : preview.toString();
                int code = response.code();
                result = code < 400
                        ? new ProbeAttempt(index, code, millis, bytes, circuit, retry, ProbeVerdict.OK, "", text)
                        : new ProbeAttempt(index, code, millis, bytes, circuit, retry, ProbeVerdict.HTTP_ERROR,
                        "HTTP " + code + " " + response.message(), text);
            } catch (IOException e) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                WARM.remove(warmKey);
                ProbeVerdict verdict = classify(e);
                String detail = describe(e);
                if (verdict.mayMeanTargetDown() && localTargetDown()) {
                    // tor reports a refused local connection as a closed stream, like many tor failures: ask directly.
                    return new ProbeAttempt(index, 0, millis, 0, circuit, retry, ProbeVerdict.LOCAL_TARGET_DOWN,
                            localTarget + " refuses connections (" + detail + ")", "");
                }
                result = new ProbeAttempt(index, 0, millis, 0, circuit, retry, verdict, detail, "");
            }
            if (result.ok() || !result.verdict().retryable() || retry >= options.retryDelays().size() || cancel.get()) {
                return result;
            }
            Duration pause = options.retryDelays().get(retry);
            listener.retrying(index, retry + 1, pause, result.detail());
            retry++;
            long until = System.nanoTime() + pause.toNanos();
            while (System.nanoTime() < until && !cancel.get()) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        }
    }

    private boolean localTargetDown() {
        return localTarget != null && !LocalTarget.answers(localTarget, LOCAL_CHECK_TIMEOUT);
    }

    private static Request build(HttpUrl url, ProbeRequest request) {
        // One request per stream, so say so: when the client closes a kept-alive stream instead, the next stream to
        // the same service waited ~40 ms longer for tor's CONNECTED (measured on the private network).
        Request.Builder b = new Request.Builder().url(url).header("User-Agent", "onion-panel-probe")
                .header("Connection", "close");
        for (ProbeHeader h : request.headers()) {
            b.addHeader(h.name(), h.value());
        }
        RequestBody body = null;
        if (request.body() != null) {
            String type = request.headers().stream().filter(h -> h.name().equalsIgnoreCase("Content-Type"))
                    .map(ProbeHeader::value).findFirst().orElse("application/json");
            body = RequestBody.create(request.body(), MediaType.parse(type));
        } else if (Set.of("POST", "PUT", "PATCH").contains(request.method())) {
            body = RequestBody.create(new byte[0], null);
        }
        return b.method(request.method(), body).build();
    }

    static ProbeVerdict classify(IOException e) {
        Optional<SocksFailure> socks = causeOf(e, SocksFailure.class);
        if (socks.isPresent()) {
            return switch (socks.get().reply()) {
                case 0xF0, 0xF1 -> ProbeVerdict.DESCRIPTOR_NOT_FOUND;
                case 0xF2, 0xF7 -> ProbeVerdict.INTRODUCTION_FAILED;
                case 0xF3, 0x06 -> ProbeVerdict.RENDEZVOUS_FAILED;
                case 0xF4, 0xF5 -> ProbeVerdict.CLIENT_AUTH;
                case 0xF6 -> ProbeVerdict.BAD_ADDRESS;
                default -> ProbeVerdict.OTHER;
            };
        }
        if (causeOf(e, TorSocketFactory.TorNotListening.class).isPresent()) {
            return ProbeVerdict.TOR_NOT_READY;
        }
        if (causeOf(e, SocketTimeoutException.class).isPresent() || e instanceof InterruptedIOException) {
            return ProbeVerdict.RENDEZVOUS_FAILED;
        }
        return ProbeVerdict.OTHER;
    }

    private static String describe(IOException e) {
        Optional<SocksFailure> socks = causeOf(e, SocksFailure.class);
        if (socks.isPresent()) {
            return socks.get().getMessage();
        }
        if (causeOf(e, SocketTimeoutException.class).isPresent() || e instanceof InterruptedIOException) {
            return "timed out (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            for (Throwable s : t.getSuppressed()) {
                if (type.isInstance(s)) {
                    return Optional.of(type.cast(s));
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The verdict of a run: OK when all succeeded, else the most frequent failure (ties: the more basic one). */
    static ProbeVerdict verdictOf(List<ProbeAttempt> attempts) {
        Map<ProbeVerdict, Integer> counts = new EnumMap<>(ProbeVerdict.class);
        attempts.stream().filter(a -> !a.ok()).forEach(a -> counts.merge(a.verdict(), 1, Integer::sum));
        if (counts.isEmpty()) {
            return attempts.isEmpty() ? ProbeVerdict.OTHER : ProbeVerdict.OK;
        }
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<ProbeVerdict, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(en -> -en.getKey().ordinal()))
                .orElseThrow().getKey();
    }

    static String verdictText(ProbeVerdict verdict, List<ProbeAttempt> attempts, ProbeSummary summary) {
        if (attempts.isEmpty()) {
            return "No request was sent (cancelled).";
        }
        if (verdict == ProbeVerdict.OK) {
            return "All " + summary.count() + " requests answered (" + summary.statusInWords() + "), p50 "
                    + summary.p50Ms() + " ms.";
        }
        ProbeAttempt example = attempts.stream().filter(a -> a.verdict() == verdict).reduce((a, b) -> b).orElseThrow();
        return verdict.words() + ". " + (summary.count() - summary.ok()) + " of " + summary.count()
                + " requests failed; last: " + example.detail() + ".";
    }
}
