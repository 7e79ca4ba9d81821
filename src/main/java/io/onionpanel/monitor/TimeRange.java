package io.onionpanel.monitor;

import java.time.Duration;

/** The ranges the charts offer; each is served from the finest tier that still covers it. */
public enum TimeRange {
    TEN_MINUTES("10 min", Duration.ofMinutes(10)),
    HOUR("1 h", Duration.ofHours(1)),
    DAY("24 h", Duration.ofHours(24)),
    MONTH("30 d", Duration.ofDays(30));

    private final String label;
    private final Duration span;

    TimeRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }
}
