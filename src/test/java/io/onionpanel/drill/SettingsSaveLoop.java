package io.onionpanel.drill;

import io.onionpanel.settings.SettingsStore;
import java.nio.file.Path;

/**
 * The victim of the settings crash drill: a minimal JVM that saves the settings through {@link SettingsStore}
 * in a loop, each save writing the next counter value (in the window width), and prints "saved N" after each
 * save returned. Killed with SIGKILL at a random moment by {@link SettingsCrashDrill}.
 */
public final class SettingsSaveLoop {
    private SettingsSaveLoop() {
    }

    /** {@code DATA} saves until killed; {@code DATA N} saves N times and exits (to record a class-data archive). */
    public static void main(String[] args) {
        SettingsStore store = new SettingsStore(Path.of(args[0]));
        long limit = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        for (long i = 0; i < limit; i++) {
            double next = counter(store) + 1;
            store.update(s -> s.withUi(s.ui().withGeometry(0, 0, next, 100)));
            System.out.println("saved " + (long) next);
            System.out.flush();
        }
    }

    static long counter(SettingsStore store) {
        Double w = store.load().ui().width();
        return w == null ? 0 : w.longValue();
    }
}
