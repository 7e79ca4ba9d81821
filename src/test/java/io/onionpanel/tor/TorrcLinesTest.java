package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TorrcLinesTest {
    @Test
    void keepsOperatorLinesAndDropsComments() {
        List<String> lines = TorrcLines.validate(List.of("# private net", "", "TestingTorNetwork 1",
                "\tDirAuthority test000a orport=5000 no-v2 v3ident=AAAA 127.0.0.1:7000 BBBB", "UseBridges 1"), "f");
        assertEquals(List.of("TestingTorNetwork 1", "DirAuthority test000a orport=5000 no-v2 v3ident=AAAA 127.0.0.1:7000 BBBB",
                "UseBridges 1"), lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DataDirectory /tmp/x", "ControlPort 9051", "controlport 9051", "SocksPort 9050",
            "HiddenServiceDir /tmp/h", "HiddenServicePort 80 1.2.3.4:80", "__OwningControllerProcess 1",
            "CookieAuthentication 0", "HashedControlPassword 16:AB", "RunAsDaemon 1", "%include /etc/tor/torrc.d",
            "+SocksPort 9999", "/SocksPort", "ClientOnionAuthDir /tmp"})
    void refusesLinesThePanelManages(String line) {
        ValidationException e = assertThrows(ValidationException.class, () -> TorrcLines.validate(List.of("UseBridges 1", line), "extra.torrc"));
        assertTrue(e.getMessage().startsWith("extra.torrc line 2: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nickname \"x\"", "Nickname x\u0007", "9Lives 1"})
    void refusesQuotesControlCharactersAndNonOptions(String line) {
        assertThrows(ValidationException.class, () -> TorrcLines.validate(List.of(line), "f"));
    }
}
