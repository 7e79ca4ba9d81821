package io.onionpanel;

import io.onionpanel.cli.OnionPanelCli;

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
        System.exit(OnionPanelCli.execute(args));
    }

    private static void openWindow(String dataDir) throws Exception {
        if (dataDir != null) {
            System.setProperty("onionpanel.dataDir", dataDir);
        }
        // Loaded by name: a JavaFX class referenced here would have to be loadable on headless servers too.
        Class.forName("io.onionpanel.ui.DesktopLauncher").getMethod("launch", String[].class).invoke(null, (Object) new String[0]);
    }
}
