package io.onionpanel.monitor;

import io.onionpanel.probe.Reachability;
import io.onionpanel.probe.Socks5;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The latency self-probe: an HTTP GET of a service's probe path through tor's SOCKS port, as a client
 * would. The onion name goes to tor inside the SOCKS request and never to a resolver (the {@link Dns} here
 * answers with a placeholder and resolves nothing), and the credentials isolate the probe's circuits from
 * the operator's traffic and from the engine's reachability check.
 */
public final class ServiceProbe {
    static final String ISOLATION = "onion-panel-latency-probe";
    private final OkHttpClient client;

    public ServiceProbe(InetSocketAddress socks, Duration timeout) {
        InetSocketAddress torSocks = new InetSocketAddress(socks.getHostString(), socks.getPort());
        this.client = new OkHttpClient.Builder()
                .socketFactory(new TorSocketFactory(torSocks, (int) timeout.toMillis()))
                .dns(NO_LOCAL_DNS)
                .proxy(java.net.Proxy.NO_PROXY)
                // A fresh stream per probe: a pooled connection would measure nothing after the first.
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .build();
    }

    /** GET http://{onion}:{port}{path}; never throws. */
    public ProbeResult probe(String onion, int port, String path) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        Request request = new Request.Builder().url("http://" + onion + ":" + port + path)
                .header("User-Agent", "onion-panel-probe").build();
        try (Response response = client.newCall(request).execute()) {
            if (response.body() != null) {
                response.body().bytes();
            }
            return new ProbeResult(at, path, response.code(), millisSince(start), "HTTP " + response.code(), 0);
        } catch (SocksFailure e) {
            return new ProbeResult(at, path, null, millisSince(start), e.getMessage(), e.reply);
        } catch (InterruptedIOException e) {
            return new ProbeResult(at, path, null, millisSince(start), "no answer within the probe timeout", 0);
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof SocksFailure f) {
                return new ProbeResult(at, path, null, millisSince(start), f.getMessage(), f.reply);
            }
            String what = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return new ProbeResult(at, path, null, millisSince(start), "request failed: " + what, 0);
        }
    }

    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }

    /** Hands OkHttp a placeholder address that carries the name; resolution happens in tor. */
    private static final Dns NO_LOCAL_DNS = hostname -> List.of(InetAddress.getByAddress(hostname, new byte[]{0, 0, 0, 0}));

    /** A SOCKS refusal with tor's reply code, in words. */
    static final class SocksFailure extends IOException {
        final int reply;

        SocksFailure(int reply, String message) {
            super(message);
            this.reply = reply;
        }
    }

    private static final class TorSocketFactory extends SocketFactory {
        private final InetSocketAddress socks;
        private final int timeoutMillis;

        TorSocketFactory(InetSocketAddress socks, int timeoutMillis) {
            this.socks = socks;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public Socket createSocket() {
            return new TorSocket(socks, timeoutMillis);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(InetSocketAddress.createUnresolved(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket(host.getHostName(), port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return createSocket(address.getHostName(), port);
        }
    }

    /** Connects to tor's SOCKS port and asks tor to connect onwards to the endpoint's name. */
    private static final class TorSocket extends Socket {
        private final InetSocketAddress socks;
        private final int timeoutMillis;

        TorSocket(InetSocketAddress socks, int timeoutMillis) {
            this.socks = socks;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress target = (InetSocketAddress) endpoint;
            // The name OkHttp was given; getHostString never triggers a lookup.
            String host = target.getHostString();
            super.connect(socks, timeout > 0 ? timeout : timeoutMillis);
            int before = getSoTimeout();
            setSoTimeout(timeout > 0 ? timeout : timeoutMillis);
            try {
                Socks5.connect(this, host, target.getPort(), ISOLATION);
            } catch (Socks5.RefusedException e) {
                close();
                throw new SocksFailure(e.reply(), e.reply() == 0 ? e.getMessage()
                        : Reachability.describe(e.reply()) + String.format(" (SOCKS 0x%02X)", e.reply()));
            }
            setSoTimeout(before);
        }

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }
    }
}
