package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A remote session's gate: the token check and binding, the allow-list, the rate limit, and a revocation. */
class RemoteGateTest {
    private final String token = RemoteToken.generate();
    private final Map<String, String> paired = new ConcurrentHashMap<>(Map.of("laptop", RemoteToken.hash(token)));
    private final AtomicLong now = new AtomicLong();

    private RemoteGate gate() {
        return new RemoteGate(paired::get, new TokenBucket(RemoteGate.RATE_PER_SECOND, RemoteGate.BURST, now::get));
    }

    private static JsonNode hello(String desktop, String token) {
        return ControlProtocol.JSON.valueToTree(Map.of("desktop", desktop, "token", token));
    }

    @Test
    void theFirstRequestMustBeHelloWithThePairedDesktopsToken() {
        RemoteGate first = gate();
        assertEquals(RemoteGate.UNAUTHORISED, assertThrows(ControlException.class,
                () -> first.admit("status", MissingNode.getInstance())).code());
        assertFalse(first.keepOpen(), "a session that does not authenticate first ends");

        RemoteGate wrong = gate();
        assertThrows(ControlException.class, () -> wrong.admit("hello", hello("laptop", RemoteToken.generate())));
        assertFalse(wrong.keepOpen());
        RemoteGate otherName = gate();
        assertThrows(ControlException.class, () -> otherName.admit("hello", hello("phone", token)));
        RemoteGate none = gate();
        assertThrows(ControlException.class, () -> none.admit("hello", MissingNode.getInstance()));

        RemoteGate right = gate();
        Object answer = right.admit("hello", hello("laptop", token));
        assertTrue(answer.toString().contains("laptop"), answer.toString());
        assertEquals("laptop", right.desktop());
        assertTrue(right.keepOpen());
        assertNull(right.admit("status", MissingNode.getInstance()), "then the methods are reached");
    }

    @Test
    void onlyTheAllowListReachesTheMethods() {
        RemoteGate g = gate();
        g.admit("hello", hello("laptop", token));
        for (String method : RemoteMethods.ALLOWED) {
            if (!method.equals("hello")) {
                assertNull(g.admit(method, MissingNode.getInstance()), method);
            }
        }
        for (String method : new String[] {"stop", "stopTor", "socks", "remoteChanged", "remoteAccess", "exportKeys", "x"}) {
            ControlException e = assertThrows(ControlException.class, () -> g.admit(method, MissingNode.getInstance()));
            assertEquals(RemoteGate.NOT_ALLOWED, e.code(), method);
        }
        assertTrue(g.keepOpen(), "a refused method does not end the session");
    }

    @Test
    void requestsBeyondTheRateAreRefusedUntilTheBucketRefills() {
        RemoteGate g = gate();
        g.admit("hello", hello("laptop", token));
        int admitted = 1;
        while (true) {
            try {
                g.admit("status", MissingNode.getInstance());
                admitted++;
            } catch (ControlException e) {
                assertEquals(RemoteGate.RATE_LIMITED, e.code());
                break;
            }
        }
        assertEquals((int) RemoteGate.BURST, admitted);
        now.addAndGet(1_000_000_000L); // a second later: a second's worth of requests
        for (int i = 0; i < (int) RemoteGate.RATE_PER_SECOND; i++) {
            assertNull(g.admit("status", MissingNode.getInstance()));
        }
        assertThrows(ControlException.class, () -> g.admit("status", MissingNode.getInstance()));
    }

    @Test
    void aRevokedDesktopIsRefusedAtItsNextRequestAndItsSessionEnds() {
        RemoteGate g = gate();
        g.admit("hello", hello("laptop", token));
        paired.remove("laptop");
        assertEquals(RemoteGate.UNAUTHORISED, assertThrows(ControlException.class,
                () -> g.admit("status", MissingNode.getInstance())).code());
        assertFalse(g.keepOpen());
    }

    @Test
    void tokensAreCheckedAgainstTheirHashOnly() {
        String hash = RemoteToken.hash(token);
        assertEquals(64, hash.length());
        assertFalse(hash.contains(token));
        assertTrue(RemoteToken.matches(token, hash));
        assertFalse(RemoteToken.matches(token.toLowerCase(), hash));
        assertFalse(RemoteToken.matches(null, hash));
        assertEquals(52, RemoteToken.generate().length());
    }
}
