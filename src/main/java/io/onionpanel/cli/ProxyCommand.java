package io.onionpanel.cli;

import io.onionpanel.common.ValidationException;
import io.onionpanel.connection.ConnectionSettings;
import io.onionpanel.connection.UpstreamProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tor proxy}: an upstream proxy tor must go through. The password comes from a file, never the command line. */
@Command(name = "proxy", description = {"Show, set or remove the upstream proxy tor connects through:",
    "tor proxy https|socks4|socks5 HOST:PORT [--user U --password-file F]   |   tor proxy off"})
public final class ProxyCommand implements Runnable {
    @ParentCommand TorCommand parent;
    @Spec CommandSpec spec;
    @Parameters(index = "0", arity = "0..1", paramLabel = "https|socks4|socks5|off") String type;
    @Parameters(index = "1", arity = "0..1", paramLabel = "HOST:PORT") String address;
    @Option(names = "--user", paramLabel = "USER") String user;
    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password") Path passwordFile;

    @Override
    public void run() {
        var store = parent.root.settingsStore();
        if (type == null) {
            UpstreamProxy p = store.load().tor().connection().proxy();
            spec.commandLine().getOut().println(p == null ? "proxy: none" : "proxy: " + p.describe());
            return;
        }
        UpstreamProxy next = type.equals("off") ? null : parse();
        ConnectionSettings c = store.load().tor().connection().withProxy(next).validated();
        store.update(s -> s.withTor(s.tor().withConnection(c)));
        spec.commandLine().getOut().println((next == null ? "No upstream proxy." : "Upstream proxy: " + next.describe() + ".")
                + " A running panel restarts tor to apply it.");
    }

    private UpstreamProxy parse() {
        if (address == null) {
            throw new ValidationException("Give the proxy's HOST:PORT");
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new ValidationException("The proxy address must be HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ValidationException("The proxy port must be a number 1-65535");
        }
        String password = null;
        if (passwordFile != null) {
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new ValidationException("Cannot read the password file " + passwordFile + ": " + e.getMessage());
            }
        }
        return new UpstreamProxy(type, address.substring(0, colon), port, user, password).validated();
    }
}
