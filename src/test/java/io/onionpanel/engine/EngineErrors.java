package io.onionpanel.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The engine's error events as they come, for tests that check what the operator was told. */
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
}
