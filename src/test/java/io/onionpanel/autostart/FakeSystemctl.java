package io.onionpanel.autostart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A systemctl that records what it was asked and answers as told: a user manager, none, or no systemctl at all. */
public final class FakeSystemctl implements CommandRunner {
    public final List<String> calls = new ArrayList<>();
    private final Function<List<String>, Result> answers;

    private FakeSystemctl(Function<List<String>, Result> answers) {
        this.answers = answers;
    }

    /** A user manager that does everything it is asked and reports the unit enabled and active. */
    public static FakeSystemctl answering() {
        return new FakeSystemctl(command -> command.contains("is-enabled") ? new Result(0, "enabled")
                : command.contains("is-active") ? new Result(0, "active") : new Result(0, ""));
    }

    /** systemctl is installed, but no user manager answers (no session bus: a container, ssh without a session). */
    public static FakeSystemctl noUserManager() {
        return new FakeSystemctl(command -> new Result(1, "Failed to connect to bus: No medium found"));
    }

    /** A manager that answers but refuses one verb with this message. */
    public static FakeSystemctl refusing(String verb, String message) {
        FakeSystemctl ok = answering();
        return new FakeSystemctl(command -> command.contains(verb) ? new Result(1, message) : ok.answers.apply(command));
    }

    /** No systemctl on this machine. */
    public static CommandRunner missing() {
        return command -> {
            throw new IOException("Cannot run program \"systemctl\": error=2, No such file or directory");
        };
    }

    @Override
    public Result run(List<String> command) {
        calls.add(String.join(" ", command));
        return answers.apply(command);
    }
}
