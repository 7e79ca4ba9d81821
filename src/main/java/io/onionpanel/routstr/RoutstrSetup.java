package io.onionpanel.routstr;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.ValidationException;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.onion.OnionAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Wires a service's address into Routstr: {@code ONION_URL} and {@code TOR_PROXY_URL} in its {@code .env}, then
 * watches Routstr's own {@code /v1/info} (on its local address, not through tor) until it reports the address.
 */
public final class RoutstrSetup {
    public static final String ONION_URL = "ONION_URL";
    public static final String TOR_PROXY_URL = "TOR_PROXY_URL";
    private static final JsonCodec MAPPER = JsonCodec.STANDARD;

    private RoutstrSetup() {
    }

    /** The two lines the panel owns in Routstr's .env: the address as clients are given it (port included unless 80). */
    public static Map<String, String> values(String onionAddress, int virtualPort, int fixedSocksPort) {
        if (fixedSocksPort <= 0) {
            throw new ValidationException("Set a fixed SOCKS port first (Settings, or: onion-panel settings socks-port"
                    + " 9150): Routstr's TOR_PROXY_URL must point at a port that does not change when tor restarts");
        }
        if (onionAddress == null || !OnionAddress.isValid(onionAddress)) {
            throw new ValidationException("The service has no onion address yet: start it once to make its keys");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ONION_URL, RoutstrUrls.onionUrl(onionAddress, virtualPort));
        values.put(TOR_PROXY_URL, "socks5://127.0.0.1:" + fixedSocksPort);
        return values;
    }

    public static EnvFile.Result configure(Path envFile, String onionAddress, int virtualPort, int fixedSocksPort)
            throws IOException {
        return EnvFile.set(envFile, values(onionAddress, virtualPort, fixedSocksPort));
    }

    /** What Routstr's {@code /v1/info} says now: its {@code onion_url} (raw, may lack http:// or be ""). */
    public static Optional<String> reportedOnionUrl(String routstrBaseUrl, Duration timeout) {
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(timeout).build();
        Request request = new Request.Builder().url(routstrBaseUrl.replaceAll("/+$", "") + "/v1/info").build();
        try (Response r = client.newCall(request).execute()) {
            if (r.code() != 200 || r.body() == null) {
                return Optional.empty();
            }
            JsonNode info = MAPPER.readTree(r.body().byteStream());
            JsonNode url = info.get("onion_url");
            return Optional.of(url == null || url.isNull() ? "" : url.asText());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /** Same address, whatever Routstr did to the configured text (scheme, case, trailing slash). */
    public static boolean sameOnion(String reported, String onionAddress) {
        String r = reported == null ? "" : reported.strip().toLowerCase(Locale.ROOT);
        r = r.replaceFirst("^https?://", "").replaceAll("/+$", "");
        return r.equals(onionAddress.toLowerCase(Locale.ROOT));
    }

    public enum CheckOutcome { REPORTED, NOT_REPORTED, NOT_ANSWERING }

    public record Check(CheckOutcome outcome, String message) {
    }

    /**
     * Polls {@code /v1/info} until it reports {@code onionAddress} or {@code timeout} passes; {@code progress}
     * gets what is happening in words (first of all: restart Routstr so it reads the file).
     */
    public static Check awaitReported(String routstrBaseUrl, String onionAddress, Duration timeout, Duration interval,
                                      Consumer<String> progress) throws InterruptedException {
        return awaitAnnounced(routstrBaseUrl, "http://" + onionAddress, true, timeout, interval, progress);
    }

    /**
     * Polls {@code /v1/info} until its {@code onion_url} is {@code expectedUrl} or {@code timeout} passes. After an
     * .env edit Routstr has to be restarted to read the file; after an admin API change it reports the new value at
     * once (it updates its live settings).
     */
    public static Check awaitAnnounced(String routstrBaseUrl, String expectedUrl, boolean afterEnvEdit, Duration timeout,
                                       Duration interval, Consumer<String> progress) throws InterruptedException {
        progress.accept((afterEnvEdit ? "Restart Routstr so it reads the new .env; waiting" : "Waiting") + " for "
                + routstrBaseUrl + "/v1/info to report " + expectedUrl + " …");
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> last = Optional.empty();
        boolean announcedDown = false;
        while (true) {
            last = reportedOnionUrl(routstrBaseUrl, Duration.ofSeconds(5));
            if (last.isPresent() && RoutstrUrls.same(last.get(), expectedUrl)) {
                return new Check(CheckOutcome.REPORTED, "Routstr reports onion_url " + last.get() + " in /v1/info.");
            }
            if (last.isEmpty() && !announcedDown) {
                progress.accept("Routstr is not answering on " + routstrBaseUrl + " (restarting?) …");
                announcedDown = true;
            } else if (last.isPresent() && announcedDown) {
                progress.accept("Routstr answers again, but reports onion_url \"" + last.get() + "\"; still waiting …");
                announcedDown = false;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(interval.toMillis());
        }
        if (last.isEmpty()) {
            return new Check(CheckOutcome.NOT_ANSWERING, "Routstr did not answer on " + routstrBaseUrl
                    + "/v1/info within " + timeout.toSeconds() + " s. Start it, then check again.");
        }
        if (!afterEnvEdit) {
            return new Check(CheckOutcome.NOT_REPORTED, "Routstr's settings were changed, but its /v1/info still reports"
                    + " onion_url \"" + last.get() + "\", not " + expectedUrl + ".");
        }
        return new Check(CheckOutcome.NOT_REPORTED, "Routstr answers but its /v1/info reports onion_url \""
                + last.get() + "\", not " + expectedUrl + ". If Routstr was restarted: it copies .env into its"
                + " database on its first boot and from then on ignores ONION_URL in .env (Routstr issue #217). Give"
                + " the panel its admin password (routstr configure --admin-password-file FILE) to change it through"
                + " its admin API.");
    }
}
