package io.onionpanel.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.onionpanel.common.ValidationException;
import io.onionpanel.common.json.JsonBindException;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.OnionKeys;
import io.onionpanel.settings.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The content of one onion service's HiddenServiceDir, held in memory and verified: the public key derives
 * from the secret key, the public key file (if any) matches it, and the address derives from it and equals
 * {@code hostname} (if any). Instances exist only after that check passed. {@link #close()} wipes the secret
 * key bytes.
 */
public final class ServiceKeys implements AutoCloseable {
    /** The panel's settings for the service, stored next to tor's files; tor ignores unknown files. */
    public static final String SETTINGS_FILE = "onion-panel-service.json";

    private static final Pattern AUTH_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,250}\\.auth");
    private static final Pattern AUTH_LINE = Pattern.compile("descriptor:x25519:[A-Za-z2-7]{52}");
    static final JsonCodec JSON = JsonCodec.STANDARD;

    private final byte[] secretKeyFile;
    private final byte[] publicKey;
    private final String address;
    private final Map<String, byte[]> authorizedClients;
    private final ServiceConfig settings;
    private final String folderName;
    private final List<String> notes;

    private ServiceKeys(byte[] secretKeyFile, byte[] publicKey, String address, Map<String, byte[]> authorizedClients,
                        ServiceConfig settings, String folderName, List<String> notes) {
        this.secretKeyFile = secretKeyFile;
        this.publicKey = publicKey;
        this.address = address;
        this.authorizedClients = authorizedClients;
        this.settings = settings;
        this.folderName = folderName;
        this.notes = notes;
    }

    /**
     * Verifies the files of one service folder, given by their path relative to the folder
     * ({@code hostname}, {@code authorized_clients/alice.auth}, …). Copies what it keeps; the caller still owns
     * (and should wipe) {@code files}.
     *
     * @param folderName the folder's own name (a service name candidate), or null when the files had no folder
     * @param settings   the panel settings to attach, or null to take them from {@link #SETTINGS_FILE} if present
     */
    static ServiceKeys verify(Map<String, byte[]> files, String folderName, ServiceConfig settings) {
        byte[] secret = files.get(OnionKeys.SECRET_KEY_FILE);
        if (secret == null) {
            throw new BackupException("There is no " + OnionKeys.SECRET_KEY_FILE + ": without the secret key the"
                    + " address cannot be restored");
        }
        String address;
        byte[] derived;
        try {
            OnionKeys.requireSecretKeyFile(secret);
            derived = OnionKeys.publicKeyFromSecretKeyFile(secret);
            address = OnionAddress.fromPublicKey(derived);

            byte[] publicFile = files.get(OnionKeys.PUBLIC_KEY_FILE);
            if (publicFile != null && !MessageDigest.isEqual(OnionKeys.parsePublicKeyFile(publicFile), derived)) {
                throw new BackupException(OnionKeys.PUBLIC_KEY_FILE + " does not belong to " + OnionKeys.SECRET_KEY_FILE
                        + " (the secret key is for " + address + "): the files come from different services");
            }
            byte[] hostnameFile = files.get(OnionKeys.HOSTNAME_FILE);
            if (hostnameFile != null) {
                String hostname = OnionKeys.parseHostname(hostnameFile);
                if (!hostname.equals(address)) {
                    throw new BackupException("The keys do not match the address: hostname says " + hostname
                            + ", but " + OnionKeys.SECRET_KEY_FILE + " is the key of " + address);
                }
            }
        } catch (BackupException e) {
            throw e;
        } catch (ValidationException e) {
            throw new BackupException(e.getMessage()); // a key file that is not one: the backup is refused
        }

        List<String> notes = new ArrayList<>();
        Map<String, byte[]> clients = new TreeMap<>();
        List<String> ignored = new ArrayList<>();
        for (var e : files.entrySet()) {
            String path = e.getKey();
            if (path.equals(OnionKeys.SECRET_KEY_FILE) || path.equals(OnionKeys.PUBLIC_KEY_FILE)
                    || path.equals(OnionKeys.HOSTNAME_FILE) || path.equals(SETTINGS_FILE)) {
                continue;
            }
            String prefix = OnionKeys.CLIENTS_DIR + "/";
            if (path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0 && path.endsWith(".auth")) {
                String name = path.substring(prefix.length());
                clients.put(name, requireClient(name, e.getValue()));
            } else {
                ignored.add(ArchiveReader.printable(path));
            }
        }
        if (!ignored.isEmpty()) {
            notes.add("Ignored files that are not part of an onion service's keys: " + String.join(", ", ignored));
        }

        ServiceConfig config = settings;
        if (config == null && files.containsKey(SETTINGS_FILE)) {
            config = parseSettings(files.get(SETTINGS_FILE), notes);
        }
        return new ServiceKeys(secret.clone(), derived, address, Collections.unmodifiableMap(clients), config,
                folderName, List.copyOf(notes));
    }

    private static byte[] requireClient(String name, byte[] content) {
        String shown = OnionKeys.CLIENTS_DIR + "/" + ArchiveReader.printable(name);
        if (!AUTH_FILE_NAME.matcher(name).matches()) {
            throw new BackupException(shown + ": client file names may use letters, digits, '.', '-' and '_' only");
        }
        String text = new String(content, StandardCharsets.US_ASCII).trim();
        if (!AUTH_LINE.matcher(text).matches()) {
            throw new BackupException(shown + " is not a v3 client authorisation key (one line"
                    + " descriptor:x25519:<52 base32 characters>)");
        }
        return content.clone();
    }

    private static ServiceConfig parseSettings(byte[] json, List<String> notes) {
        try {
            return JSON.failOnUnknownProperties(true).readValue(json, ServiceConfig.class);
        } catch (JsonBindException e) {
            if (e.unknownProperty() == null) {
                throw new BackupException(SETTINGS_FILE + " in the backup is not valid: "
                        + ArchiveReader.printable(e.getOriginalMessage()));
            }
            notes.add("The backup's settings have fields this version does not know (" + e.unknownProperty()
                    + "); they were left out");
        } catch (java.io.IOException e) {
            throw new BackupException(SETTINGS_FILE + " in the backup is not valid: " + ArchiveReader.printable(
                    e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage())));
        }
        try {
            return JSON.failOnUnknownProperties(false).readValue(json, ServiceConfig.class);
        } catch (java.io.IOException e) {
            throw new BackupException(SETTINGS_FILE + " in the backup is not valid");
        }
    }

    /** The address the keys give, {@code <56 chars>.onion}. */
    public String address() {
        return address;
    }

    /** The panel settings that came with the keys; empty for a plain tor folder. */
    public Optional<ServiceConfig> settings() {
        return Optional.ofNullable(settings);
    }

    /** The name of the folder that held the keys in the archive, if they were in one. */
    public Optional<String> folderName() {
        return Optional.ofNullable(folderName);
    }

    /** The client authorisation file names ({@code alice.auth}, …). */
    public List<String> authorizedClientNames() {
        return List.copyOf(authorizedClients.keySet());
    }

    /** Things the operator should know that did not stop the import (ignored files, dropped fields). */
    public List<String> notes() {
        return notes;
    }

    byte[] secretKeyFile() {
        return secretKeyFile;
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    Map<String, byte[]> authorizedClients() {
        return authorizedClients;
    }

    @Override
    public void close() {
        Arrays.fill(secretKeyFile, (byte) 0);
    }

    @Override
    public String toString() {
        return "ServiceKeys[" + address + "]";
    }
}
