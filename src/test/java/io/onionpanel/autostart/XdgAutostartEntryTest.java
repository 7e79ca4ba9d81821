package io.onionpanel.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autostart entry by the Desktop Entry spec: its Exec quoting, the refusal of unwritable paths, desktop-file-validate. */
class XdgAutostartEntryTest {
    @TempDir
    Path temp;

    @Test
    void quotesByTheExecRules() {
        assertEquals("/opt/onion-panel/bin/onion-panel", XdgAutostartEntry.quote("/opt/onion-panel/bin/onion-panel"));
        assertEquals("\"/home/a b\"", XdgAutostartEntry.quote("/home/a b"));
        assertEquals("\"/x/\\$HOME \\`id\\` \\\"q\\\" \\\\\"", XdgAutostartEntry.quote("/x/$HOME `id` \"q\" \\"));
        assertEquals("\"/x/~y;z\"", XdgAutostartEntry.quote("/x/~y;z"));
        assertEquals("\"/x/100%%\"", XdgAutostartEntry.quote("/x/100%"));
        // The string escape comes on top: a literal backslash in a quoted argument is four in the file.
        assertEquals("\"/x\\\\\\\\y\"", XdgAutostartEntry.exec(List.of("/x\\y")));
    }

    @Test
    void theEntryRunsTheDaemonAtLogin() {
        String entry = XdgAutostartEntry.render(List.of("/opt/onion-panel/bin/onion-panel", "--data-dir", "/home/u/My Data", "daemon"));
        for (String line : List.of("[Desktop Entry]", "Type=Application",
                "Exec=/opt/onion-panel/bin/onion-panel --data-dir \"/home/u/My Data\" daemon",
                "TryExec=/opt/onion-panel/bin/onion-panel", "X-GNOME-Autostart-enabled=true")) {
            assertTrue(entry.lines().anyMatch(line::equals), line + " in\n" + entry);
        }
    }

    @Test
    void refusesLineBreaks() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> XdgAutostartEntry.render(List.of("/bin/x", "--data-dir", "/tmp/a\r\nExec=evil")));
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
    }

    @Test
    void desktopFileValidateAcceptsItWithAwkwardPaths() throws Exception {
        Path entry = temp.resolve("onion-panel.desktop");
        Files.writeString(entry, XdgAutostartEntry.render(List.of("/opt/Onion Panel/bin/onion-panel", "--data-dir",
                "/home/u/data \"x\" $y `z` 100% it's\\here ~;&|<>*?#()", "daemon")));
        Process p = new ProcessBuilder("desktop-file-validate", entry.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "desktop-file-validate has nothing to say about\n" + Files.readString(entry));
    }
}
