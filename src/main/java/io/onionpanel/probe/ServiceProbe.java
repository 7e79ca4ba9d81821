package io.onionpanel.probe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The self-probe: an HTTP GET of a service's probe path through tor's SOCKS port, as a client would. The
 * engine's one prober; its verdicts make a service reachable or not and feed the monitor's latency and health.
 * The onion name goes to tor inside the SOCKS request and never to a resolver ({@link TorDns} answers with a
 * placeholder and resolves nothing), and the credentials isolate the probe's circuits from the operator's traffic.
 */
public final class ServiceProbe {
    static final String ISOLATION = "onion-panel-latency-probe";
    private final OkHttpClient client;

    public ServiceProbe(InetSocketAddress socks, Duration timeout) {
        InetSocketAddress torSocks = new InetSocketAddress(socks.getHostString(), socks.getPort());
        this.client = new OkHttpClient.Builder()
                .socketFactory(new TorSocketFactory(torSocks, ISOLATION))
                .dns(TorDns.INSTANCE)
                .proxy(java.net.Proxy.NO_PROXY)
                // A fresh stream per probe: a pooled connection would measure nothing after the first.
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                // Plain HTTP only (the probe asks http:// and follows no redirect): without a TLS spec OkHttp builds
                // no TLS context, so the engine never loads the JDK's trust store (~150 parsed CA certificates kept
                // in the heap for its whole life) nor the TLS classes (bench/run.sh engine-memory).
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .build();
    }

    /** GET http://{onion}:{port}{path}; never throws. */
    public SelfProbeResult probe(String onion, int port, String path) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        Request request = new Request.Builder().url("http://" + onion + ":" + port + path)
                .header("User-Agent", "onion-panel-probe").build();
        try (Response response = client.newCall(request).execute()) {
            if (response.body() != null) {
                response.body().bytes();
            }
            return new SelfProbeResult(at, path, response.code(), millisSince(start), "HTTP " + response.code(), 0);
        } catch (SocksFailure e) {
            return new SelfProbeResult(at, path, null, millisSince(start), reason(e), e.reply());
        } catch (InterruptedIOException e) {
            return new SelfProbeResult(at, path, null, millisSince(start), "no answer within the probe timeout", 0);
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof SocksFailure f) {
                return new SelfProbeResult(at, path, null, millisSince(start), reason(f), f.reply());
            }
            String what = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return new SelfProbeResult(at, path, null, millisSince(start), "request failed: " + what, 0);
        }
    }

    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static String reason(SocksFailure f) {
        return f.reply() == 0 ? f.getMessage() : Reachability.describe(f.reply()) + String.format(" (SOCKS 0x%02X)", f.reply());
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }
}
