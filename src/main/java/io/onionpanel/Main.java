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
        if (args.length == 0) {
            // Loaded by name: a JavaFX class referenced here would have to be loadable on headless servers too.
            Class.forName("io.onionpanel.ui.DesktopLauncher").getMethod("launch", String[].class).invoke(null, (Object) args);
            return;
        }
        System.exit(OnionPanelCli.execute(args));
    }
}
