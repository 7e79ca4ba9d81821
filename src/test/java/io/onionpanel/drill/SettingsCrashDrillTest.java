package io.onionpanel.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 1,000 SIGKILLs of a process saving the settings: the file always parses and is the old or the new version. */
@Drill
class SettingsCrashDrillTest {
    @TempDir
    Path work;

    @Test
    void settingsSurviveAThousandKillsDuringSaves() throws Exception {
        SettingsCrashDrill.Result r = SettingsCrashDrill.run(work, 1000, 2, 20261125L);
        System.out.printf(Locale.ROOT, "[settings-drill] %d kills in %.1f s: %d left the old version, %d the new one;"
                + " %d saves in total; %d temp files left behind%n", r.kills(), r.seconds(), r.oldVersion(), r.newVersion(),
                r.totalSaves(), r.leftoverTempFiles());
        assertEquals(1000, r.oldVersion() + r.newVersion());
        assertTrue(r.totalSaves() > r.kills(), "the victims really saved between kills: " + r);
        assertTrue(r.leftoverTempFiles() <= 4, "temp files of killed writers are removed by the next save: " + r);
    }
}
