package io.onionpanel.autostart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The user's systemd service manager, through {@code systemctl --user}. */
final class UserSystemd {
    private final CommandRunner runner;

    UserSystemd(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * Whether a user manager answers: {@code show-environment} succeeds only when systemctl is installed and reaches
     * the manager over the session bus (not in a container, over plain ssh without a session, or without systemd).
     */
    boolean answers() {
        try {
            return runner.run(List.of("systemctl", "--user", "show-environment")).ok();
        } catch (IOException e) {
            return false;
        }
    }

    void daemonReload() {
        require("daemon-reload");
    }

    void enable(String unit, boolean now) {
        require(now ? List.of("enable", "--now", unit) : List.of("enable", unit));
    }

    void disable(String unit, boolean now) {
        require(now ? List.of("disable", "--now", unit) : List.of("disable", unit));
    }

    /** {@code enabled}, {@code disabled}, {@code not-found} …: systemctl's own word. */
    String isEnabled(String unit) {
        return word("is-enabled", unit);
    }

    /** {@code active}, {@code inactive}, {@code failed} …: systemctl's own word. */
    String isActive(String unit) {
        return word("is-active", unit);
    }

    private String word(String verb, String unit) {
        try {
            // These exit non-zero for "disabled" or "inactive": the word is the answer either way.
            String out = runner.run(List.of("systemctl", "--user", verb, unit)).output().strip();
            return out.isEmpty() ? "unknown" : out.lines().reduce((first, last) -> last).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void require(String verb) {
        require(List.of(verb));
    }

    private void require(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("systemctl", "--user"));
        command.addAll(arguments);
        CommandRunner.Result result;
        try {
            result = runner.run(command);
        } catch (IOException e) {
            throw new LoginStartException(String.join(" ", command) + " could not run: " + e.getMessage(), e);
        }
        if (!result.ok()) {
            throw new LoginStartException(String.join(" ", command) + " failed (exit " + result.exit() + ")"
                    + (result.output().isEmpty() ? "" : ": " + result.output()), null);
        }
    }
}
