package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.auth.ClientKeys;
import io.onionpanel.common.ValidationException;
import org.junit.jupiter.api.Test;

/** The pairing code's one-line format: what it holds, how it reads back, and the clear refusal of anything else. */
class PairingCodeTest {
    private static final String ONION = "vxs4qg5qt7txtr5deyshj7jrver2yyygyrvkopaeomk6ls7urntppyyd";

    private static PairingCode sample() {
        return new PairingCode("laptop", ONION, ClientKeys.generate().privateKey(), RemoteToken.generate());
    }

    @Test
    void readsBackWhatItWritesWithSpacesCaseAndOnionSuffixForgiven() {
        PairingCode code = sample();
        assertTrue(code.text().startsWith("onion-panel-remote-1:laptop:" + ONION + ":"));
        assertEquals(code, PairingCode.parse(code.text()));
        assertEquals(code, PairingCode.parse("  " + code.text() + "\n"));
        String sloppy = PairingCode.PREFIX + "laptop:" + ONION.toUpperCase() + ".onion:" + code.clientKey().toLowerCase() + ":"
                + code.token().toLowerCase();
        assertEquals(code, PairingCode.parse(sloppy));
        assertFalse(code.toString().contains(code.token()), "toString hides the token");
        assertFalse(code.toString().contains(code.clientKey()), "toString hides the key");
    }

    @Test
    void refusesMalformedCodesSayingWhatIsWrongWithoutRepeatingTheSecrets() {
        PairingCode code = sample();
        assertMessage("", "empty");
        assertMessage("hello", "not a pairing code");
        assertMessage("onion-panel-remote-2:" + code.text().substring(PairingCode.PREFIX.length()), "another version");
        assertMessage(code.text().substring(0, code.text().lastIndexOf(':')), "3 parts");
        assertMessage(code.text().replace(ONION, ONION.substring(1)), "address");
        assertMessage(code.text().replace(":" + code.clientKey(), ":" + code.clientKey().substring(2) + "18"), "client key");
        assertMessage(code.text().replace(code.token(), code.token() + "A"), "token");
        assertMessage(code.text().replace("laptop", "lap top"), "desktop name");
        ValidationException e = assertThrows(ValidationException.class, () -> PairingCode.parse(code.text().replace(code.token(), "x")));
        assertFalse(e.getMessage().contains(code.clientKey()));
    }

    private static void assertMessage(String text, String part) {
        ValidationException e = assertThrows(ValidationException.class, () -> PairingCode.parse(text));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
