package dev.tidings.digest;

import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Reader;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * When a reader's digests are due. Each local date maps to exactly one instant (a digest time that
 * falls in a daylight-saving gap moves forward by the gap; one that falls in an overlap takes the
 * earlier offset), so a change of clocks never skips a digest and never sends one twice.
 */
public final class DigestSchedule {
    /** The latest scheduled digest instant at or before {@code now}, if it is after the reader signed up. */
    public Optional<Instant> latestDue(Reader reader, Instant now) {
        LocalDate day = now.atZone(reader.zone()).toLocalDate();
        if (reader.frequency() == DigestFrequency.WEEKLY) {
            day = day.with(TemporalAdjusters.previousOrSame(reader.weeklyOn()));
        }
        Instant due = at(reader, day);
        if (due.isAfter(now)) {
            due = at(reader, reader.frequency() == DigestFrequency.WEEKLY ? day.minusWeeks(1) : day.minusDays(1));
        }
        return due.isBefore(reader.createdAt()) ? Optional.empty() : Optional.of(due);
    }

    private static Instant at(Reader reader, LocalDate day) {
        return ZonedDateTime.of(day, reader.digestAt(), reader.zone()).toInstant();
    }
}
