package io.onionpanel.export;

import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.tor.DefenseOptions;
import io.onionpanel.tor.Torrc;
import java.nio.file.Path;
import java.util.List;

/** The texts of a server export; pure functions of the service, so they are tested as text. */
final class ExportFiles {
    private ExportFiles() {
    }

    static String torrc(ServiceConfig s, String address, String hsDir, boolean singleOnion) {
        StringBuilder b = new StringBuilder();
        b.append("# Onion Panel export of service '").append(s.name()).append("' (").append(address).append(")\n");
        b.append("# Add these lines to the server's torrc (e.g. /etc/tor/torrc) and unpack the keys so that\n");
        b.append("# ").append(hsDir).append("/hs_ed25519_secret_key exists, owned by tor's user, folder mode 0700.\n");
        if (s.defenses().pow()) {
            b.append("# Proof-of-work needs a tor built with the pow module (check: tor --list-modules).\n");
        }
        if (singleOnion) {
            b.append("# The panel ran this service as a single onion (NOT anonymous); its folder is marked so, and tor\n");
            b.append("# refuses it for an anonymous service. These two lines need SocksPort 0 in the same torrc.\n");
            DefenseOptions.singleOnion().forEach(o -> b.append(o.torrcLine()).append('\n'));
        }
        for (String line : Torrc.serviceLines(List.of(new Torrc.Service(Path.of(hsDir), s.ports(), s.defenses())))) {
            b.append(line).append('\n');
        }
        return b.toString();
    }

    /**
     * Routstr's compose.yml with the exported service folder mounted where the tor image keeps its service,
     * so it publishes this address instead of making a new one.
     */
    static String compose(ServiceConfig s, String address) {
        PortMapping first = s.ports().get(0);
        String target = first.targets().get(0);
        String targetPort = target.startsWith("unix:") ? "8000" : target.substring(target.lastIndexOf(':') + 1);
        StringBuilder b = new StringBuilder();
        b.append("# Onion Panel export of service '").append(s.name()).append("' (").append(address).append(")\n");
        b.append("# Put this next to Routstr's Dockerfile (routstr-core checkout) and unpack the keys first:\n");
        b.append("#   mkdir -p tor-keys && tar -xzf ").append(s.name()).append(".tar.gz -C tor-keys\n");
        b.append("# The tor container then publishes ").append(address).append(" instead of a new address.\n");
        if (s.ports().size() > 1 || first.targets().size() > 1) {
            b.append("# Only the first port mapping is routed here (HS_ROUTER); the torrc file has all of them.\n");
        }
        b.append("version: '3.8'\n\n");
        b.append("services:\n");
        b.append("  routstr:\n");
        b.append("    build: .\n");
        b.append("    environment:\n");
        b.append("      - TOR_PROXY_URL=socks5://tor:9050\n");
        b.append("      - ONION_URL=http://").append(address).append('\n');
        b.append("    ports:\n");
        b.append("      - 127.0.0.1:").append(targetPort).append(':').append(targetPort).append('\n');
        b.append('\n');
        b.append("  tor:\n");
        b.append("    image: ghcr.io/hundehausen/tor-hidden-service:latest\n");
        b.append("    volumes:\n");
        b.append("      - tor-data:/var/lib/tor\n");
        b.append("      - ./tor-keys/").append(s.name()).append(":/var/lib/tor/hidden_service\n");
        b.append("    environment:\n");
        b.append("      - HS_ROUTER=routstr:").append(targetPort).append(':').append(first.virtualPort()).append('\n');
        b.append("    depends_on:\n");
        b.append("      - routstr\n");
        b.append('\n');
        b.append("volumes:\n");
        b.append("  tor-data:\n");
        return b.toString();
    }

    static String readme(ServiceConfig s, String address, String keysFile, String parent, boolean encrypted) {
        String unpack = encrypted
                ? "onion-panel backup import " + keysFile + " (on a machine with Onion Panel), or decrypt it there and\n"
                + "   copy the service folder"
                : "sudo tar -xzf " + keysFile + " -C " + parent + " && sudo chown -R debian-tor: " + parent + "/" + s.name();
        return "Onion Panel export of '" + s.name() + "' — " + address + "\n\n"
                + "Files\n"
                + "  torrc        HiddenServiceDir/HiddenServicePort lines and the DoS options chosen in the panel\n"
                + "  compose.yml  Routstr + a tor container that publishes this address (Docker Compose)\n"
                + "  " + keysFile + (encrypted ? "  the keys, encrypted with your passphrase\n"
                : "  the keys in tor's folder layout — ANYONE WITH THIS FILE CAN TAKE OVER THE ADDRESS\n")
                + "\nPlain tor on a server\n"
                + " 1. " + unpack + "\n"
                + " 2. Append torrc to /etc/tor/torrc, check it with: sudo tor --verify-config\n"
                + " 3. sudo systemctl restart tor; sudo cat " + parent + "/" + s.name() + "/hostname shows " + address + "\n"
                + "\nDocker Compose\n"
                + " See the comments at the top of compose.yml.\n"
                + "\nRun the service in one place only: two tors publishing the same address compete for it.\n";
    }
}
