package dev.tidings.store;

import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class MutableClock implements InstantSource {
    private volatile Instant now;

    MutableClock(Instant now) {
        this.now = now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advanceSeconds(long seconds) {
        now = now.plusSeconds(seconds);
    }
}
