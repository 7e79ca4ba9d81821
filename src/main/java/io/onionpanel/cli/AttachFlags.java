package io.onionpanel.cli;

import io.onionpanel.attach.ControlEndpoint;
import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.AttachSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code run --attach-control …}: use a running tor instead of launching one, for this run. */
final class AttachFlags {
    @Option(names = "--attach-control", paramLabel = "HOST:PORT|unix:/path",
            description = "Attach to this running tor's control port instead of launching tor")
    String control;

    @Option(names = "--control-auth", paramLabel = "cookie|safecookie|password",
            description = "How to authenticate (default: safecookie, or password with --control-password-file)")
    String auth;

    @Option(names = "--control-password-file", paramLabel = "FILE", description = "File holding the control password")
    Path passwordFile;

    @Option(names = "--control-cookie-file", paramLabel = "FILE",
            description = "tor's cookie file, if not the one tor names itself")
    Path cookieFile;

    @Option(names = "--allow-remote-control",
            description = "Allow a control port on another machine (its traffic, with the service keys, is not encrypted)")
    boolean allowRemote;

    /** The attach settings for this run, validated; null when not attaching. */
    AttachSettings settings() {
        if (control == null) {
            if (auth != null || passwordFile != null || cookieFile != null || allowRemote) {
                throw new ValidationException("--control-auth, --control-password-file, --control-cookie-file and"
                        + " --allow-remote-control need --attach-control");
            }
            return null;
        }
        ControlEndpoint.parse(control).requireAllowed(allowRemote);
        String method = auth != null ? auth : passwordFile != null ? AttachSettings.PASSWORD : AttachSettings.SAFECOOKIE;
        if (!method.equals(AttachSettings.COOKIE) && !method.equals(AttachSettings.SAFECOOKIE) && !method.equals(AttachSettings.PASSWORD)) {
            throw new ValidationException("--control-auth takes cookie, safecookie or password, not '" + method + "'");
        }
        if (method.equals(AttachSettings.PASSWORD) && passwordFile == null) {
            throw new ValidationException("--control-auth password needs --control-password-file FILE");
        }
        for (Path f : new Path[]{passwordFile, cookieFile}) {
            if (f != null && !Files.isReadable(f)) {
                throw new ValidationException("Cannot read " + f);
            }
        }
        return new AttachSettings(control.strip(), method, passwordFile == null ? null : passwordFile.toAbsolutePath().toString(),
                cookieFile == null ? null : cookieFile.toAbsolutePath().toString(), allowRemote);
    }
}
