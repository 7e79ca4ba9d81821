package io.onionpanel.backup;

import io.onionpanel.onion.OnionKeys;
import io.onionpanel.settings.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one service as a tar.gz in tor's HiddenServiceDir layout, so that on a server
 * {@code tar -xzf FILE -C /var/lib/tor} gives a folder tor can use as it is:
 * <pre>
 * NAME/                        0700
 * NAME/hostname                0600
 * NAME/hs_ed25519_public_key   0600
 * NAME/hs_ed25519_secret_key   0600
 * NAME/authorized_clients/     0700
 * NAME/authorized_clients/*.auth
 * NAME/onion-panel-service.json  the panel's settings (tor ignores it)
 * </pre>
 */
final class ArchiveWriter {
    private ArchiveWriter() {
    }

    static byte[] tarGz(ServiceKeys keys, ServiceConfig settings, Instant time) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String root = settings.name() + "/";
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            directory(tar, root, time);
            file(tar, root + OnionKeys.HOSTNAME_FILE, OnionKeys.hostnameFile(keys.address()), time);
            file(tar, root + OnionKeys.PUBLIC_KEY_FILE, OnionKeys.publicKeyFile(keys.publicKey()), time);
            file(tar, root + OnionKeys.SECRET_KEY_FILE, keys.secretKeyFile(), time);
            directory(tar, root + OnionKeys.CLIENTS_DIR + "/", time);
            for (var client : keys.authorizedClients().entrySet()) {
                file(tar, root + OnionKeys.CLIENTS_DIR + "/" + client.getKey(), client.getValue(), time);
            }
            file(tar, root + ServiceKeys.SETTINGS_FILE, ServiceKeys.JSON.writePrettyBytes(settings), time);
        }
        return bytes.toByteArray();
    }

    private static void directory(TarArchiveOutputStream tar, String name, Instant time) throws IOException {
        TarArchiveEntry e = entry(name, time);
        e.setMode(040700);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, Instant time) throws IOException {
        TarArchiveEntry e = entry(name, time);
        e.setMode(0100600);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, Instant time) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setModTime(Date.from(time));
        // Neither this machine's user name nor its ids mean anything where the archive is unpacked.
        e.setUserName("");
        e.setGroupName("");
        e.setUserId(0);
        e.setGroupId(0);
        return e;
    }

    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
