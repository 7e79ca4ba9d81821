package io.onionpanel.attach;

import io.onionpanel.auth.AuthorizedClientsFolder;
import io.onionpanel.onion.NewServiceKeys;
import io.onionpanel.onion.OnionKeys;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.DefenseOptions;
import io.onionpanel.tor.Torrc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One panel service as an ADD_ONION command for a tor the panel attached to. The key comes from the service
 * folder ({@code hs_ed25519_secret_key}: the 64 expanded bytes after the 32-byte tag are exactly what
 * {@code ED25519-V3:} takes), so the address is the folder's. A service without keys yet gets new ones from tor,
 * written to the folder in tor's own file format, so backups and exports see no difference.
 */
final class EphemeralService {
    private EphemeralService() {
    }

    /** What the command does apart from the key: compared to tell whether a running service must be re-created. */
    static String shape(Torrc.Service s) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String arg : portArgs(s.ports())) {
            b.append(arg).append(' ');
        }
        b.append(clientArgs(s.dir())).append(' ').append(s.defenses());
        return b.toString();
    }

    /**
     * The ADD_ONION command. Never log it: it carries the private key. Flags=Detach is not used: the services
     * belong to the panel's control connection and vanish with it.
     */
    static String command(Torrc.Service s, String keyArgument, AddOnionPow pow) throws IOException {
        List<String> flags = new ArrayList<>();
        List<String> clients = clientKeys(s.dir());
        if (!clients.isEmpty()) {
            flags.add("V3Auth");
        }
        DosDefenses d = s.defenses();
        if (d.maxStreamsCloseCircuit()) {
            flags.add("MaxStreamsCloseCircuit");
        }
        StringBuilder b = new StringBuilder("ADD_ONION ").append(keyArgument);
        if (!flags.isEmpty()) {
            b.append(" Flags=").append(String.join(",", flags));
        }
        if (d.maxStreams() != null) {
            b.append(" MaxStreams=").append(d.maxStreams());
        }
        for (String arg : pow.arguments(d)) {
            b.append(' ').append(arg);
        }
        for (String arg : portArgs(s.ports())) {
            b.append(' ').append(arg);
        }
        for (String c : clients) {
            b.append(" ClientAuthV3=").append(c);
        }
        return b.toString();
    }

    /**
     * The defences ADD_ONION cannot carry to this tor: tor has no ADD_ONION argument for them, or (proof-of-work) this
     * tor is too old for its arguments.
     */
    static List<String> notApplicable(DosDefenses d, AddOnionPow pow) {
        List<String> lost = new ArrayList<>();
        for (DefenseOptions.Option o : DefenseOptions.of(d)) {
            boolean carried = o.key().equals("HiddenServiceMaxStreams") || o.key().equals("HiddenServiceMaxStreamsCloseCircuit")
                    || (pow.accepted() && AddOnionPow.isPow(o));
            if (!carried) {
                lost.add(o.key());
            }
        }
        return lost;
    }

    /**
     * What the operator is told about defences a service runs without on the attached tor: proof-of-work with the
     * reason this tor cannot take it, the others because ADD_ONION has no argument for them.
     */
    static Optional<String> lostDefensesNotice(String name, List<String> lost, AddOnionPow pow) {
        List<String> powOptions = lost.stream().filter(k -> k.startsWith("HiddenServicePoW")).toList();
        List<String> others = lost.stream().filter(k -> !powOptions.contains(k)).toList();
        List<String> said = new ArrayList<>();
        if (!powOptions.isEmpty()) {
            said.add("Service '" + name + "' runs on the attached tor without proof-of-work: " + pow.reason() + "."
                    + " Upgrade that tor, or put " + String.join(", ", powOptions) + " in its torrc (service export"
                    + " writes the lines), or use the panel's own tor.");
        }
        if (!others.isEmpty()) {
            said.add("Service '" + name + "' runs on the attached tor without " + String.join(", ", others)
                    + ": ADD_ONION cannot set them. Put them in that tor's torrc (service export writes the lines) or"
                    + " use the panel's own tor.");
        }
        return said.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", said));
    }

    /** Whether the folder has authorised clients (then the descriptor's inner layer is theirs alone). */
    static boolean hasClients(Path dir) throws IOException {
        return !clientKeys(dir).isEmpty();
    }

    /** {@code ED25519-V3:<base64>} from the folder's key, or {@code NEW:ED25519-V3} when it has none yet. */
    static String keyArgument(Path dir) throws IOException {
        Path file = dir.resolve(OnionKeys.SECRET_KEY_FILE);
        if (!Files.exists(file)) {
            return "NEW:ED25519-V3";
        }
        byte[] content = Files.readAllBytes(file);
        try {
            OnionKeys.requireSecretKeyFile(content);
            return "ED25519-V3:" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(content, 32, 96));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** Writes the key tor generated for a new service into its folder (0600), with public key and hostname. */
    static void storeNewKey(Path dir, String privateKeyReply) throws IOException {
        if (!privateKeyReply.startsWith("ED25519-V3:")) {
            throw new IOException("tor returned a key of an unexpected type");
        }
        byte[] expanded = Base64.getDecoder().decode(privateKeyReply.substring("ED25519-V3:".length()));
        try {
            NewServiceKeys.store(dir, expanded);
        } finally {
            Arrays.fill(expanded, (byte) 0);
        }
    }

    private static List<String> portArgs(List<PortMapping> ports) {
        List<String> args = new ArrayList<>();
        for (PortMapping m : ports) {
            for (String target : m.targets()) {
                args.add("Port=" + m.virtualPort() + "," + target);
            }
        }
        return args;
    }

    private static String clientArgs(Path dir) throws IOException {
        return String.join(",", clientKeys(dir));
    }

    /** The base32 x25519 public keys of the folder's authorized_clients/*.auth files. */
    private static List<String> clientKeys(Path dir) throws IOException {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : new AuthorizedClientsFolder(dir).read().entrySet()) {
            String line = e.getValue().strip();
            String prefix = "descriptor:x25519:";
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                keys.add(line.substring(prefix.length()).toUpperCase(Locale.ROOT));
            }
        }
        return keys;
    }
}
