package io.onionpanel.it;

import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.testnet.Socks5Http;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** GETs through the running instance's SOCKS port, retrying while a fresh descriptor propagates. */
public final class OnionHttp {
    private OnionHttp() {
    }

    public static Socks5Http.HttpResult getUntilOk(Path dataDir, String url, Duration timeout) throws Exception {
        RuntimeInfo info = RuntimeInfo.read(dataDir).orElseThrow(() -> new AssertionError("no runtime.json while running"));
        String[] socks = info.socks().split(":");
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                Socks5Http.HttpResult r = Socks5Http.get(socks[0], Integer.parseInt(socks[1]), url, Duration.ofSeconds(30));
                if (r.status() == 200) {
                    return r;
                }
                last = new IOException("HTTP " + r.status());
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("GET " + url + " never returned 200 within " + timeout.toSeconds() + " s: " + last);
    }
}
