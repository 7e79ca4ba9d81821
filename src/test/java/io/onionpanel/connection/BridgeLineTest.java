package io.onionpanel.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeLineTest {
    static final String FP = "D9A82D2F9C2F65A18407B1D2B764F130847F8B5D";
    static final String CERT = "bjRaMrr1BRiAW8IE9U5z27fQaYgOhX1UCmOpg2pFpoMvo6ZgQMzLsaTzzQNTlm7hNcb+Sg";
    static final String OBFS4 = "obfs4 203.0.113.7:443 " + FP + " cert=" + CERT + " iat-mode=0";

    @Test
    void obfs4LinesArePasteableWithOrWithoutTheBridgeKeyword() {
        BridgeLine line = BridgeLine.parse(OBFS4, "Bridge line 1");
        assertEquals(Transport.OBFS4, line.transport());
        assertEquals("203.0.113.7:443", line.address());
        assertEquals("obfs4 203.0.113.7:443 " + FP + " cert=" + CERT + " iat-mode=0", line.torrcValue());
        assertEquals(line, BridgeLine.parse("Bridge  " + OBFS4 + "  ", "x"));
        assertEquals("obfs4 [2001:db8::1]:9001 " + FP + " cert=" + CERT + " iat-mode=1",
                BridgeLine.parse("obfs4 [2001:db8::1]:9001 " + FP.toLowerCase() + " cert=" + CERT + " iat-mode=1", "x").torrcValue());
    }

    @Test
    void obfs4NeedsAddressFingerprintCertAndIatMode() {
        assertRefused("obfs4 203.0.113.7 " + FP + " cert=" + CERT + " iat-mode=0", "address:port");
        assertRefused("obfs4 203.0.113.7:70000 " + FP + " cert=" + CERT + " iat-mode=0", "port must be 1-65535");
        assertRefused("obfs4 bridge.example.com:443 " + FP + " cert=" + CERT + " iat-mode=0", "IPv4 address or [IPv6]");
        assertRefused("obfs4 203.0.113.7:443 ABCD cert=" + CERT + " iat-mode=0", "40 hexadecimal");
        assertRefused("obfs4 203.0.113.7:443 cert=" + CERT + " iat-mode=0", "needs its 40-character fingerprint");
        assertRefused("obfs4 203.0.113.7:443 " + FP + " iat-mode=0", "cert=");
        assertRefused("obfs4 203.0.113.7:443 " + FP + " cert=short iat-mode=0", "cert=");
        assertRefused("obfs4 203.0.113.7:443 " + FP + " cert=" + CERT, "iat-mode=0, 1 or 2");
        assertRefused("obfs4 203.0.113.7:443 " + FP + " cert=" + CERT + " iat-mode=3", "iat-mode=0, 1 or 2");
        assertRefused(OBFS4 + " extra=1", "only cert= and iat-mode=");
        assertRefused(OBFS4 + " iat-mode=1", "given twice");
    }

    @Test
    void snowflakeAndPlainBridgesAreCheckedByTheirOwnRules() {
        BridgeLine sf = BridgeLine.parse("snowflake 192.0.2.3:80 2B280B23E1107BB62ABFC40DDCC8824814F80A72"
                + " fingerprint=2B280B23E1107BB62ABFC40DDCC8824814F80A72 url=https://1098762253.rsc.cdn77.org/"
                + " fronts=app.datapacket.com,www.datapacket.com ice=stun:stun.epygi.com:3478 utls-imitate=hellorandomizedalpn", "x");
        assertEquals(Transport.SNOWFLAKE, sf.transport());
        assertRefused("snowflake 192.0.2.3:80 2B280B23E1107BB62ABFC40DDCC8824814F80A72 url=http://broker/", "https://");
        assertRefused("snowflake 192.0.2.3:80 2B280B23E1107BB62ABFC40DDCC8824814F80A72 cert=abc", "does not know the option cert");
        assertEquals(Transport.PLAIN, BridgeLine.parse("198.51.100.2:9001 " + FP, "x").transport());
        assertEquals("198.51.100.2:9001", BridgeLine.parse("198.51.100.2:9001", "x").torrcValue());
        assertRefused("198.51.100.2:9001 " + FP + " cert=" + CERT, "plain bridge takes no key=value");
        assertRefused("meek_lite 192.0.2.20:80 url=https://x front=y", "transport 'meek_lite' is not supported");
        assertRefused("webtunnel [2001:db8::2]:443 " + FP + " url=https://x", "not supported");
    }

    @Test
    void injectionIsRefusedAndMessagesNeverQuoteTheLine() {
        assertRefused(OBFS4 + "\nControlPort 0.0.0.0:9051", "line break");
        assertRefused(OBFS4.replace("iat-mode=0", "iat-mode=\"0\""), "quotes");
        assertRefused(OBFS4 + " #comment", "'#'");
        assertRefused(OBFS4.replace(" cert", "\u0000cert"), "control characters");
        ValidationException e = assertThrows(ValidationException.class,
                () -> BridgeLine.parse(OBFS4.replace("iat-mode=0", "iat-mode=9"), "Bridge line 3"));
        assertTrue(e.getMessage().startsWith("Bridge line 3"), e.getMessage());
        assertFalse(e.getMessage().contains("203.0.113.7") || e.getMessage().contains(CERT) || e.getMessage().contains(FP), e.getMessage());
        BridgeLine ok = BridgeLine.parse(OBFS4, "x");
        assertFalse(ok.toString().contains("203.0.113.7") || ok.toString().contains(CERT), ok.toString());
    }

    @Test
    void aPastedBlockSkipsBlanksAndCommentsAndNamesTheBadLineByNumber() {
        assertEquals(2, BridgeLine.parseAll(List.of("# mine", "", OBFS4, "198.51.100.2:9001")).size());
        ValidationException e = assertThrows(ValidationException.class, () -> BridgeLine.parseAll(List.of(OBFS4, "", "obfs4 1.2.3.4:5")));
        assertTrue(e.getMessage().startsWith("Bridge line 3:"), e.getMessage());
    }

    private static void assertRefused(String line, String why) {
        ValidationException e = assertThrows(ValidationException.class, () -> BridgeLine.parse(line, "Bridge line 1"));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
