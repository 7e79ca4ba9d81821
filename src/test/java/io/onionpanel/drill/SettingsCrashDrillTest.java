package io.onionpanel.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs of a process saving the settings: the file always parses and is the old or the new version. The suite
 * kills 200 times ({@code -Donionpanel.drill.settingsKills=N} for more); {@code bench/run.sh crash-drill} kills
 * 1,000 times. Each kill costs a fresh victim JVM's start-up (~0.5 s of CPU, nearly all JVM and Jackson start),
 * so 1,000 kills were 466 s of a 31.5 min CI run on the loaded 2-core machine; 200 check the same
 * property on every kill (the file parses and is a whole version: the last saved or the one being written; temp
 * files of killed writers are cleaned up) at a fifth of the cost; the 1,000-kill runs are in docs/benchmarks.md.
 */
@Drill
class SettingsCrashDrillTest {
    @TempDir
    Path work;

    @Test
    void settingsSurviveRepeatedKillsDuringSaves() throws Exception {
        int kills = Integer.getInteger("onionpanel.drill.settingsKills", 200);
        SettingsCrashDrill.Result r = SettingsCrashDrill.run(work, kills, 2, 20261125L);
        System.out.printf(Locale.ROOT, "[settings-drill] %d kills in %.1f s: %d left the old version, %d the new one;"
                + " %d saves in total; %d temp files left behind%n", r.kills(), r.seconds(), r.oldVersion(), r.newVersion(),
                r.totalSaves(), r.leftoverTempFiles());
        assertEquals(kills, r.oldVersion() + r.newVersion());
        assertTrue(r.totalSaves() > r.kills(), "the victims really saved between kills: " + r);
        assertTrue(r.leftoverTempFiles() <= 4, "temp files of killed writers are removed by the next save: " + r);
    }
}
