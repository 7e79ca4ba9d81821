package io.onionpanel.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The line shown to copy into a shell, and where start at login is offered at all. */
class CommandArgumentsTest {
    @Test
    void theShellLineQuotesWhatAShellWouldSplitOrExpand() {
        assertEquals("/opt/onion-panel/bin/onion-panel --data-dir '/home/u/My Data' daemon",
                CommandArguments.shellLine(List.of("/opt/onion-panel/bin/onion-panel", "--data-dir", "/home/u/My Data", "daemon")));
        assertEquals("'/x/it'\\''s $HOME'", CommandArguments.shellLine(List.of("/x/it's $HOME")));
    }

    @Test
    void offeredWhereSystemdUserUnitsOrXdgAutostartExist() {
        assertTrue(LoginStart.supportedOn("Linux"));
        assertTrue(LoginStart.supportedOn("FreeBSD"));
        assertFalse(LoginStart.supportedOn("Windows 11"));
        assertFalse(LoginStart.supportedOn("Mac OS X"));
    }
}
