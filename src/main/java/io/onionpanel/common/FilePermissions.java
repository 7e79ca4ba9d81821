package io.onionpanel.common;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only folders (0700) and files (0600), as tor demands for its key folders. No-ops off POSIX. */
public final class FilePermissions {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR_PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FILE_SHARED = PosixFilePermissions.fromString("rw-r-----");

    private FilePermissions() {
    }

    /** Creates the folder and any missing parents, and makes the folder itself 0700. */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
        makePrivateDirectory(dir);
        return dir;
    }

    public static void makePrivateDirectory(Path dir) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(dir, DIR_PRIVATE);
        }
    }

    public static void makePrivateFile(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE_PRIVATE);
        }
    }

    static void setReadableByOwnerAndGroup(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE_SHARED);
        }
    }

    public static boolean isPosix() {
        return POSIX;
    }
}
