package dev.tidings.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand; safe to read from the threads the code under test starts. */
public final class MutableClock implements InstantSource {
    private volatile Instant now;

    public MutableClock(Instant now) {
        this.now = now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public void advanceSeconds(long seconds) {
        now = now.plusSeconds(seconds);
    }

    public void set(Instant at) {
        now = at;
    }
}
