package io.onionpanel.control;

import io.onionpanel.auth.ClientValidation;
import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.FilePermissions;
import io.onionpanel.common.ValidationException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The desktop side: the remote panels this desktop paired with, one file each in {@code remotes/} of the data
 * folder ({@code <name>.json}, 0600 in a 0700 folder), holding the pairing code's parts: they are the desktop's
 * secrets (its client key and token), as a client's .auth_private file is.
 */
public final class KnownRemotes {
    public static final String DIR = "remotes";
    private final Path dir;

    public KnownRemotes(Path dataDir) {
        this.dir = dataDir.resolve(DIR);
    }

    /** Stores a pasted pairing code under {@code name}; refuses a name already used (forget it first). */
    public PairingCode add(String name, String codeText) throws IOException {
        ClientValidation.requireName(name);
        PairingCode code = PairingCode.parse(codeText);
        Path file = file(name);
        if (Files.exists(file)) {
            throw new ValidationException("A remote panel named '" + name + "' is already paired here: forget it first"
                    + " ('onion-panel remote forget " + name + "') or choose another name");
        }
        FilePermissions.createPrivateDirectories(dir);
        AtomicFiles.writePrivate(file, ControlProtocol.JSON.writePrettyBytes(code));
        return code;
    }

    /**
     * Stores the pairing code read from a QR code in an image (a screenshot or photo of the server's code), as
     * {@link #add} does with a pasted one.
     */
    public PairingCode addFromImage(String name, Path image) throws IOException {
        ClientValidation.requireName(name);
        return add(name, io.onionpanel.common.QrImage.text(image));
    }

    public PairingCode get(String name) throws IOException {
        ClientValidation.requireName(name);
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new ValidationException("No remote panel named '" + name + "' is paired with this desktop (pair one with"
                    + " 'onion-panel remote pair " + name + " CODE'; 'onion-panel remote list' shows them)");
        }
        PairingCode stored = ControlProtocol.JSON.readValue(file, PairingCode.class);
        return PairingCode.parse(stored.text()); // checked again, as anything read from disk
    }

    public boolean forget(String name) throws IOException {
        ClientValidation.requireName(name);
        return Files.deleteIfExists(file(name));
    }

    /** Name and address of each remote panel paired here. */
    public List<String> list() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : names()) {
            lines.add(name + "  " + get(name).host());
        }
        return lines;
    }

    /** The names of the remote panels paired here, sorted. */
    public List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                names.add(f.getFileName().toString().replaceFirst("\\.json$", ""));
            }
        }
        names.sort(null);
        return names;
    }

    private Path file(String name) {
        return dir.resolve(name + ".json");
    }
}
