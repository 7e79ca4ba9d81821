package io.onionpanel;

import io.onionpanel.cli.DaemonCommand;
import io.onionpanel.cli.DaemonStart;
import io.onionpanel.cli.OnionPanelCli;
import io.onionpanel.common.DaemonThreads;
import io.onionpanel.settings.SettingsStore;

/**
 * Entry point of the jar and the installers: with arguments it is the headless CLI, without it opens the
 * window. Kept free of JavaFX so the CLI starts fast and runs on servers with no display libraries.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // The window's paths skip picocli: cold start to first window is measured in milliseconds.
        if (args.length == 0) {
            openWindow(null);
            return;
        }
        if (args.length == 2 && args[0].equals("--data-dir")) {
            openWindow(args[1]);
            return;
        }
        initLoggingInBackground();
        // Beside picocli's parsing rather than after it: the engine reads the settings before it launches tor.
        if ("run".equals(OnionPanelCli.invokedCommand(args)) || "daemon".equals(OnionPanelCli.invokedCommand(args))) {
            inBackground(SettingsStore::warmUp, "settings-warm-up");
        }
        // The always-on engine without picocli when its arguments are plain (DaemonStart: memory for days).
        DaemonCommand daemon = DaemonStart.parse(args);
        System.exit(daemon != null ? DaemonStart.run(daemon) : OnionPanelCli.execute(args));
    }

    /**
     * Logback reads its configuration on first use (~0.1 s); doing that beside picocli's parsing keeps it off
     * the path from {@code run} to tor's launch.
     */
    private static void initLoggingInBackground() {
        inBackground(org.slf4j.LoggerFactory::getILoggerFactory, "logging-init");
    }

    private static void inBackground(Runnable work, String name) {
        DaemonThreads.start(name, work);
    }

    private static void openWindow(String dataDir) throws Exception {
        if (dataDir != null) {
            System.setProperty("onionpanel.dataDir", dataDir);
        }
        // Loaded by name: a JavaFX class referenced here would have to be loadable on headless servers too.
        Class.forName("io.onionpanel.ui.DesktopLauncher").getMethod("launch", String[].class).invoke(null, (Object) new String[0]);
    }
}
