package io.onionpanel.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader (or a crash) only ever sees the old or the new content: temp file in the
 * same folder, fsync, atomic rename, fsync of the folder.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    /** Same as {@link #write(Path, byte[])}, but the file is created owner-only (0600) from the start. */
    public static void writePrivate(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /**
     * Creates {@code target} owner-only (0600) with this content, durably, and never replaces a file already
     * there ({@link java.nio.file.FileAlreadyExistsException}): for keys, where a second writer must lose.
     */
    public static void createPrivate(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            writeDurably(temp, content);
            try {
                // link(2) fails when the name exists, so the complete file appears under it, or nothing happens.
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // No hard links here (FAT, exFAT, some network or FUSE mounts): a move that refuses to replace,
                // which only leaves a moment between its check and its rename.
                Files.move(temp, target);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            // createTempFile already makes the file 0600 on POSIX; widen only for non-secret files.
            if (!ownerOnly) {
                FilePermissions.setReadableByOwnerAndGroup(temp);
            }
            writeDurably(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the whole content and forces it to the disk, before the file is put in place. */
    private static void writeDurably(Path temp, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Makes a rename durable; not possible on Windows, where the rename is already journaled. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a directory as a channel.
        }
    }
}
