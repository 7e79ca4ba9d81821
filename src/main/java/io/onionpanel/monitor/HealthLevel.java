package io.onionpanel.monitor;

/** Ordered from best to worst: an overall state is the worst of its checks. */
public enum HealthLevel {
    OK, UNKNOWN, WARN, FAIL;

    public HealthLevel worst(HealthLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
