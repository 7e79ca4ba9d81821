package io.onionpanel.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File choosers open in the folder last used, or the home folder; never the process's working directory. */
class LastFolderTest {
    @TempDir
    Path dir;

    @Test
    void theFolderOfTheLastChosenFileThenHomeWhenItIsGone() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("backups"));
        LastFolder.remember(sub.resolve("api.onionbackup").toFile());
        assertEquals(sub.toAbsolutePath(), LastFolder.get());
        LastFolder.remember(dir.toFile());
        assertEquals(dir.toAbsolutePath(), LastFolder.get(), "a chosen folder is itself the last folder");
        LastFolder.remember(sub.resolve("gone.txt").toFile());
        Files.delete(sub);
        assertEquals(Path.of(System.getProperty("user.home")), LastFolder.get(), "a folder that no longer exists");
    }
}
