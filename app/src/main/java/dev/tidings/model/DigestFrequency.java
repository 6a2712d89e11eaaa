package dev.tidings.model;

import java.time.Duration;

/** How often a reader gets a digest. */
public enum DigestFrequency {
    DAILY(Duration.ofDays(1)), WEEKLY(Duration.ofDays(7));

    private final Duration period;

    DigestFrequency(Duration period) {
        this.period = period;
    }

    /** The span one digest covers. */
    public Duration period() {
        return period;
    }
}
