package io.onionpanel.backup;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads a tar, tar.gz or zip into memory, refusing anything that is not a plain file or folder, and any name
 * that could point outside the folder it is extracted to. Nothing is written to disk here: the caller picks
 * the files it knows and writes them itself.
 *
 * <p>Zip goes through Commons Compress rather than {@code java.util.zip}: only the former exposes the unix
 * mode in the central directory, which is where a zip marks symbolic links and devices.
 */
final class ArchiveReader {
    static final int MAX_ENTRY_BYTES = 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;
    static final int MAX_ENTRIES = 10_000;
    /** The tar inside a tar.gz: the file data plus room for tar's headers and padding. */
    private static final long MAX_GUNZIPPED_BYTES = 2 * MAX_TOTAL_BYTES;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    /** The regular files by normalised path ({@code a/b/c}, no leading slash), in archive order. */
    record Content(Map<String, byte[]> files) {
        void wipe() {
            files.values().forEach(b -> Arrays.fill(b, (byte) 0));
        }
    }

    enum Type { TAR_GZ, TAR, ZIP }

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private long total;
    private int count;

    private ArchiveReader() {
    }

    static Content read(byte[] archive, Type type) {
        ArchiveReader reader = new ArchiveReader();
        try {
            switch (type) {
                case TAR_GZ -> {
                    byte[] tar = gunzip(archive);
                    try {
                        reader.readTar(new ByteArrayInputStream(tar));
                    } finally {
                        Arrays.fill(tar, (byte) 0);
                    }
                }
                case TAR -> reader.readTar(new ByteArrayInputStream(archive));
                case ZIP -> reader.readZip(archive);
                default -> throw new IllegalArgumentException(type.toString());
            }
        } catch (BackupException e) {
            reader.wipe();
            throw e;
        } catch (EOFException e) {
            reader.wipe();
            throw new BackupException("The archive is damaged or truncated (it ends too early)");
        } catch (IOException | RuntimeException e) {
            reader.wipe();
            throw new BackupException("The archive is damaged and cannot be read (" + describe(e) + ")");
        }
        return new Content(Collections.unmodifiableMap(reader.files));
    }

    /**
     * Decompresses all of it first, so a damaged file fails on gzip's checksum (a clear "damaged") instead of
     * halfway through the tar with whatever the corrupted bytes happen to say.
     */
    private static byte[] gunzip(byte[] archive) throws IOException {
        try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(archive), true)) {
            byte[] tar = in.readNBytes((int) MAX_GUNZIPPED_BYTES + 1);
            if (tar.length > MAX_GUNZIPPED_BYTES) {
                Arrays.fill(tar, (byte) 0);
                throw new BackupException("The archive unpacks to more than " + (MAX_TOTAL_BYTES / (1024 * 1024))
                        + " MiB; a key backup is a few kilobytes");
            }
            return tar;
        }
    }

    private void wipe() {
        files.values().forEach(b -> Arrays.fill(b, (byte) 0));
    }

    private void readTar(InputStream in) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            boolean any = false;
            while ((entry = tar.getNextEntry()) != null) {
                any = true;
                String name = entry.getName();
                countEntry();
                if (entry.isSymbolicLink()) {
                    throw refused(name, "is a symbolic link");
                }
                if (entry.isLink()) {
                    throw refused(name, "is a hard link");
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice()) {
                    throw refused(name, "is a device");
                }
                if (entry.isFIFO()) {
                    throw refused(name, "is a FIFO (named pipe)");
                }
                byte flag = entry.getLinkFlag();
                if (flag == TarConstants.LF_DIR) {
                    addDirectory(name);
                } else if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM) {
                    if (name.endsWith("/")) {
                        addDirectory(name);
                        continue;
                    }
                    if (entry.getSize() > MAX_ENTRY_BYTES) {
                        throw tooBig(name);
                    }
                    addFile(name, readCapped(tar, name));
                } else {
                    throw refused(name, "has an unsupported type ('" + printable(String.valueOf((char) flag)) + "')");
                }
            }
            if (!any) {
                throw new BackupException("The archive is empty or not a tar archive");
            }
        }
    }

    private void readZip(byte[] archive) throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            var entries = Collections.list(zip.getEntries());
            if (entries.isEmpty()) {
                throw new BackupException("The zip archive is empty");
            }
            for (ZipArchiveEntry entry : entries) {
                // Windows PowerShell 5 writes zip names with backslashes; a zip has no other use for them.
                String name = entry.getName().replace('\\', '/');
                countEntry();
                int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & S_IFMT : 0;
                if (entry.isUnixSymlink() || type == S_IFLNK) {
                    throw refused(name, "is a symbolic link");
                }
                if (entry.isDirectory() || type == S_IFDIR) {
                    addDirectory(name);
                    continue;
                }
                if (type != 0 && type != S_IFREG) {
                    throw refused(name, "is not a plain file (a device, FIFO or socket)");
                }
                if (entry.getSize() > MAX_ENTRY_BYTES) {
                    throw tooBig(name);
                }
                if (!zip.canReadEntryData(entry)) {
                    throw refused(name, "uses zip encryption or a compression method this version cannot read");
                }
                byte[] data;
                try (InputStream in = zip.getInputStream(entry)) {
                    data = readCapped(in, name);
                }
                if (entry.getCrc() != -1) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    if (crc.getValue() != entry.getCrc()) {
                        Arrays.fill(data, (byte) 0);
                        throw new BackupException("The archive is damaged: entry '" + printable(name) + "' fails its checksum");
                    }
                }
                addFile(name, data);
            }
        }
    }

    private void countEntry() {
        if (++count > MAX_ENTRIES) {
            throw new BackupException("The archive has more than " + MAX_ENTRIES + " entries; a key backup has a handful");
        }
    }

    private byte[] readCapped(InputStream in, String name) throws IOException {
        byte[] data = in.readNBytes(MAX_ENTRY_BYTES + 1);
        if (data.length > MAX_ENTRY_BYTES) {
            Arrays.fill(data, (byte) 0);
            throw tooBig(name);
        }
        total += data.length;
        if (total > MAX_TOTAL_BYTES) {
            Arrays.fill(data, (byte) 0);
            throw new BackupException("The archive unpacks to more than " + (MAX_TOTAL_BYTES / (1024 * 1024))
                    + " MiB; a key backup is a few kilobytes");
        }
        return data;
    }

    private void addDirectory(String rawName) {
        safePath(rawName); // folders are not kept, but their names are checked like files'
    }

    private void addFile(String rawName, byte[] data) {
        String path = safePath(rawName);
        if (path.isEmpty()) {
            Arrays.fill(data, (byte) 0);
            throw refused(rawName, "is a file without a name");
        }
        if (files.containsKey(path)) {
            Arrays.fill(data, (byte) 0);
            throw refused(rawName, "appears twice");
        }
        files.put(path, data);
    }

    /**
     * The entry name as a relative path {@code a/b/c}; refuses absolute names, {@code ..}, backslashes and
     * control characters. Empty and {@code .} segments are dropped, as tar does.
     */
    static String safePath(String name) {
        if (name == null || name.isEmpty()) {
            throw new BackupException("The archive has an entry without a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw refused(name, "has control characters in its name");
            }
            if (c == '\\') {
                throw refused(name, "has a backslash in its name");
            }
        }
        if (name.startsWith("/") || (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)))) {
            throw refused(name, "has an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw refused(name, "has '..' in its path");
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    private static BackupException refused(String name, String why) {
        return new BackupException("Refused: archive entry '" + printable(name) + "' " + why
                + "; a key backup may hold only plain files and folders inside one folder");
    }

    private static BackupException tooBig(String name) {
        return new BackupException("Refused: archive entry '" + printable(name) + "' is larger than "
                + (MAX_ENTRY_BYTES / 1024) + " KiB; onion service key files are a few hundred bytes");
    }

    /** An archive-supplied name made safe to print: no control characters, bounded length. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < 120; i++) {
            char c = name.charAt(i);
            b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        return name.length() > 120 ? b + "…" : b.toString();
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return printable(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
}
