package io.onionpanel.autostart;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The systemd user unit that starts the engine when the user's service manager starts (at login, or at boot with
 * {@code loginctl enable-linger}).
 *
 * <p>Hardening: only what works in a user manager without privileges. A user manager has no CAP_SYS_ADMIN, so the
 * mount-namespace options of the system unit (PrivateTmp, ProtectSystem, ProtectHome, PrivateDevices, ProtectKernel…)
 * would need unprivileged user namespaces, which many kernels and AppArmor profiles (Ubuntu 23.10+) refuse: the unit
 * would then fail with 226/NAMESPACE on those machines. What remains are seccomp filters and process flags, which an
 * unprivileged process may set on itself once NoNewPrivileges is on. MemoryDenyWriteExecute is left out: the JVM's
 * compiler writes code into executable memory.
 */
public final class SystemdUserUnit {
    /** Arguments written bare; anything else is quoted. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:=+,@-]+");

    private SystemdUserUnit() {
    }

    /** The unit for this command line (launcher, then its arguments). */
    public static String render(List<String> command) {
        return """
                # Onion Panel's engine for this user: tor and the enabled onion services, without a window, from login.
                # Written by "onion-panel autostart on" (or Settings > Start at login); removed by "autostart off".
                [Unit]
                Description=Onion Panel engine: onion services in front of local APIs
                After=network-online.target

                [Service]
                Type=simple
                ExecStart=%s
                # The engine stops tor and exits 0 on SIGTERM; tor is its child and dies with it even when it is killed.
                KillMode=mixed
                TimeoutStopSec=30
                Restart=on-failure
                RestartSec=5
                UMask=0077
                # Only what an unprivileged user manager can apply (no mount namespaces): see SystemdUserUnit.
                NoNewPrivileges=yes
                LockPersonality=yes
                RestrictRealtime=yes
                RestrictSUIDSGID=yes
                RestrictNamespaces=yes
                RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
                SystemCallArchitectures=native

                [Install]
                WantedBy=default.target
                """.formatted(execStart(command));
    }

    /** The value of the ExecStart line, as {@link #render} writes it. */
    public static String execStart(List<String> command) {
        List<String> checked = CommandArguments.requirePrintable(command);
        return quote(checked.get(0), false) + checked.stream().skip(1).map(argument -> " " + quote(argument, true))
                .collect(Collectors.joining());
    }

    static String quote(String argument) {
        return quote(argument, true);
    }

    /**
     * One argument as systemd reads it back (systemd.service, "Command lines"): double quotes around anything but
     * plain characters, with {@code \} and {@code "} escaped inside them; {@code %} is a specifier everywhere, so it
     * is doubled whether quoted or not, and so is {@code $}, a variable, except in the program's path, which systemd
     * does not expand (there {@code $$} would stay two characters: found with systemd-analyze verify).
     */
    static String quote(String argument, boolean expandsVariables) {
        String percent = argument.replace("%", "%%");
        String specifiersAndVariables = expandsVariables ? percent.replace("$", "$$") : percent;
        if (BARE.matcher(argument).matches()) {
            return specifiersAndVariables;
        }
        return '"' + specifiersAndVariables.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
