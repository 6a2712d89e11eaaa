package dev.tidings.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The half-open span [start, end) that one digest covers. {@code end} is the digest's instant and,
 * with the reader, identifies the digest: the same (reader, end) is never sent twice.
 */
public record DigestPeriod(Instant start, Instant end) {
    public DigestPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) throw new IllegalArgumentException("period start must be before its end");
    }
}
