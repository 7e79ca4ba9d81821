package io.onionpanel.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The engine's error (and notice) events as they come, for tests that check what the operator was told. */
public final class EngineErrors {
    private EngineErrors() {
    }

    /** A live list of the errors {@code engine} reports from now on (its listeners are called on other threads). */
    public static List<String> of(Engine engine) {
        List<String> errors = new CopyOnWriteArrayList<>();
        engine.addListener(new EngineListener() {
            @Override
            public void error(String message) {
                errors.add(message);
            }
        });
        return errors;
    }

    /** A live list of the notices {@code engine} reports from now on (the panel log's own lines). */
    public static List<String> notices(Engine engine) {
        List<String> notices = new CopyOnWriteArrayList<>();
        engine.addListener(new EngineListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
        return notices;
    }
}
