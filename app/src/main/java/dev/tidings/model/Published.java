package dev.tidings.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * When an article was published. A date without a time of day ({@code date 2021-08-10}) stands
 * for that whole UTC day, so it belongs to every period that overlaps the day.
 *
 * @param instant  the moment, or the start of the day when {@code dateOnly}
 * @param dateOnly true when the source gave only a date
 */
public record Published(Instant instant, boolean dateOnly) {
    public Published {
        Objects.requireNonNull(instant, "instant");
    }

    public static Published at(Instant instant) {
        return new Published(instant, false);
    }

    public static Published on(LocalDate day) {
        return new Published(day.atStartOfDay(ZoneOffset.UTC).toInstant(), true);
    }

    /** The end of the span this date stands for (exclusive): the next midnight for a date, else the instant. */
    public Instant end() {
        return dateOnly ? instant.plus(Duration.ofDays(1)) : instant;
    }

    /** True when this date falls in, or (for a whole day) overlaps, the half-open period [from, to). */
    public boolean overlaps(Instant from, Instant to) {
        if (dateOnly) {
            return instant.isBefore(to) && end().isAfter(from);
        }
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
