package io.onionpanel.backup;

import io.onionpanel.onion.OnionKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A backup file, identified but not yet opened: the panel's encrypted format (whose clear header names the
 * service and address), or a plain tar.gz / tgz / tar / zip of a HiddenServiceDir, made by the panel or by
 * hand on a server (any nesting: {@code var/lib/tor/routstr/hostname}). {@link #read} verifies the keys.
 */
public final class BackupFile {
    /** Larger files are refused before they are read: a key backup is a few kilobytes. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    public enum Kind {
        ENCRYPTED("Onion Panel encrypted backup"), TAR_GZ("tar.gz archive"), TAR("tar archive"), ZIP("zip archive");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Path path;
    private final Kind kind;
    private final byte[] content;
    private final EncryptedBackup.Parsed encrypted;

    private BackupFile(Path path, Kind kind, byte[] content, EncryptedBackup.Parsed encrypted) {
        this.path = path;
        this.kind = kind;
        this.content = content;
        this.encrypted = encrypted;
    }

    /** Reads and identifies the file; refuses what is not a backup, and a damaged or unknown-version header. */
    public static BackupFile open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BackupException(file + " is a folder. Archive it first, e.g. tar -czf backup.tar.gz " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new BackupException(Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? file + " is not a regular file"
                    : "There is no file " + file);
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes((int) MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new BackupException("There is no file " + file);
        }
        return identify(file, content);
    }

    /**
     * A backup handed over as bytes (through the engine's control socket: the file stays on the caller's machine),
     * identified as {@link #open} identifies a file; {@code label} names it in messages.
     */
    public static BackupFile of(byte[] content, String label) {
        return identify(Path.of(label), content);
    }

    private static BackupFile identify(Path file, byte[] content) {
        if (content.length > MAX_FILE_BYTES) {
            throw new BackupException(file + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB: not a key backup");
        }
        if (EncryptedBackup.looksEncrypted(content)) {
            return new BackupFile(file, Kind.ENCRYPTED, content, EncryptedBackup.parse(content));
        }
        if (content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b) {
            return new BackupFile(file, Kind.TAR_GZ, content, null);
        }
        if (content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
            return new BackupFile(file, Kind.ZIP, content, null);
        }
        if (content.length >= 262 && new String(content, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return new BackupFile(file, Kind.TAR, content, null);
        }
        if (content.length == 0) {
            throw new BackupException(file + " is empty");
        }
        throw new BackupException(file + " is not a backup: expected an Onion Panel backup, a .tar.gz / .tgz / .tar"
                + " or a .zip of an onion service folder");
    }

    public Path path() {
        return path;
    }

    /** The backup as read (a copy: the caller wipes it once sent). */
    public byte[] bytes() {
        return content.clone();
    }

    public Kind kind() {
        return kind;
    }

    public boolean needsPassphrase() {
        return kind == Kind.ENCRYPTED;
    }

    /** The clear header of an encrypted backup (unverified until {@link #read} succeeds). */
    public Optional<BackupHeader> header() {
        return encrypted == null ? Optional.empty() : Optional.of(encrypted.header());
    }

    /**
     * Decrypts (if needed), unpacks and verifies the keys. The passphrase is used only for an encrypted file
     * and is not kept; the caller clears it.
     */
    public ServiceKeys read(char[] passphrase) throws IOException {
        if (kind == Kind.ENCRYPTED) {
            if (passphrase == null || passphrase.length == 0) {
                throw new BackupException("This backup is encrypted: a passphrase is needed");
            }
            byte[] payload = EncryptedBackup.decrypt(encrypted, passphrase);
            try {
                ServiceKeys keys = fromArchive(payload, ArchiveReader.Type.TAR_GZ);
                if (!keys.address().equals(encrypted.header().address())) {
                    keys.close();
                    throw new BackupException("The backup's header says " + encrypted.header().address()
                            + ", but its keys belong to " + keys.address());
                }
                return keys;
            } finally {
                Arrays.fill(payload, (byte) 0);
            }
        }
        return fromArchive(content, switch (kind) {
            case TAR_GZ -> ArchiveReader.Type.TAR_GZ;
            case TAR -> ArchiveReader.Type.TAR;
            case ZIP -> ArchiveReader.Type.ZIP;
            default -> throw new IllegalStateException(kind.toString());
        });
    }

    static ServiceKeys fromArchive(byte[] archive, ArchiveReader.Type type) {
        ArchiveReader.Content content = ArchiveReader.read(archive, type);
        try {
            List<String> folders = new ArrayList<>();
            for (String path : content.files().keySet()) {
                if (path.equals(OnionKeys.SECRET_KEY_FILE) || path.endsWith("/" + OnionKeys.SECRET_KEY_FILE)) {
                    folders.add(path.substring(0, path.length() - OnionKeys.SECRET_KEY_FILE.length()));
                }
            }
            if (folders.isEmpty()) {
                throw new BackupException("The archive has no " + OnionKeys.SECRET_KEY_FILE + ": it is not a backup of an"
                        + " onion service's keys (without the secret key the address cannot be restored)");
            }
            if (folders.size() > 1) {
                TreeSet<String> shown = new TreeSet<>();
                folders.forEach(f -> shown.add(f.isEmpty() ? "(top level)" : ArchiveReader.printable(f)));
                throw new BackupException("The archive holds " + folders.size() + " onion services (" + String.join(", ", shown)
                        + "); import one at a time: archive just that service's folder");
            }
            String prefix = folders.get(0);
            Map<String, byte[]> serviceFiles = new LinkedHashMap<>();
            content.files().forEach((path, data) -> {
                if (path.startsWith(prefix)) {
                    serviceFiles.put(path.substring(prefix.length()), data);
                }
            });
            String folder = prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1);
            String folderName = folder == null ? null : folder.substring(folder.lastIndexOf('/') + 1);
            return ServiceKeys.verify(serviceFiles, folderName, null);
        } finally {
            content.wipe();
        }
    }
}
