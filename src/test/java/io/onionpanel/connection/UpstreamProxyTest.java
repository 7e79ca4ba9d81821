package io.onionpanel.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamProxyTest {
    @Test
    void eachTypeBecomesTorsOwnOptions() {
        assertEquals(List.of("Socks5Proxy 127.0.0.1:1080", "Socks5ProxyUsername alice", "Socks5ProxyPassword s3cr3t!"),
                new UpstreamProxy("SOCKS5", "127.0.0.1", 1080, "alice", "s3cr3t!").torrcLines());
        assertEquals(List.of("Socks5Proxy proxy.example.com:1080"), new UpstreamProxy("socks5", "proxy.example.com", 1080, "", "").torrcLines());
        assertEquals(List.of("Socks4Proxy [2001:db8::5]:1080"), new UpstreamProxy("socks4", "[2001:db8::5]", 1080, null, null).torrcLines());
        assertEquals(List.of("HTTPSProxy 10.0.0.1:3128", "HTTPSProxyAuthenticator bob:pa$$"),
                new UpstreamProxy("https", "10.0.0.1", 3128, "bob", "pa$$").torrcLines());
    }

    @Test
    void badInputIsRefusedInWords() {
        assertRefused(new UpstreamProxy("socks6", "h", 1, null, null), "must be one of https, socks4, socks5");
        assertRefused(new UpstreamProxy("socks5", "bad host", 1080, null, null), "host name");
        assertRefused(new UpstreamProxy("socks5", "h\nControlPort 1", 1080, null, null), "line break");
        assertRefused(new UpstreamProxy("socks5", "h", 0, null, null), "1-65535");
        assertRefused(new UpstreamProxy("socks5", "h", 70000, null, null), "1-65535");
        assertRefused(new UpstreamProxy("socks4", "h", 1080, "u", "p"), "SOCKS4 proxy takes no user");
        assertRefused(new UpstreamProxy("socks5", "h", 1080, "u", null), "both");
        assertRefused(new UpstreamProxy("socks5", "h", 1080, "u", "with space"), "no space");
        assertRefused(new UpstreamProxy("socks5", "h", 1080, "u", "a#b"), "'#'");
        assertRefused(new UpstreamProxy("socks5", "h", 1080, "u", "a\"b"), "quotes");
        assertRefused(new UpstreamProxy("https", "h", 1080, "a:b", "c"), "':'");
        assertRefused(new UpstreamProxy("socks5", "h", 1080, "u", "x".repeat(256)), "255 bytes");
    }

    @Test
    void thePasswordIsNeverInItsDescription() {
        UpstreamProxy p = new UpstreamProxy("socks5", "127.0.0.1", 1080, "alice", "s3cr3t");
        assertEquals("SOCKS5 proxy 127.0.0.1:1080 (user alice)", p.describe());
        assertFalse(p.toString().contains("s3cr3t"));
        ValidationException e = assertThrows(ValidationException.class,
                () -> new UpstreamProxy("socks5", "h", 1080, "u", "sec ret").validated());
        assertFalse(e.getMessage().contains("sec ret"), e.getMessage());
    }

    private static void assertRefused(UpstreamProxy p, String why) {
        ValidationException e = assertThrows(ValidationException.class, p::validated);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
