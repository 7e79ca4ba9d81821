package io.onionpanel.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * Where file choosers open: the folder last chosen in any of them while the panel runs, else the home folder.
 * Never the process's working directory, which for a desktop launcher is anything (often / or the install folder).
 */
public final class LastFolder {
    private static volatile Path last;

    private LastFolder() {
    }

    public static Path get() {
        Path l = last;
        return l != null && Files.isDirectory(l) ? l : Path.of(System.getProperty("user.home"));
    }

    /** A chosen file's folder, or a chosen folder itself. */
    public static void remember(File chosen) {
        if (chosen == null) {
            return;
        }
        Path p = chosen.toPath().toAbsolutePath();
        Path folder = Files.isDirectory(p) ? p : p.getParent();
        if (folder != null) {
            last = folder;
        }
    }

    public static FileChooser fileChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialDirectory(get().toFile());
        return chooser;
    }

    public static DirectoryChooser directoryChooser(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        chooser.setInitialDirectory(get().toFile());
        return chooser;
    }
}
