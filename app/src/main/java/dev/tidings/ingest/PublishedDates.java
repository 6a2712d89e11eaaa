package dev.tidings.ingest;

import dev.tidings.model.Published;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the publication dates people and pages write: ISO dates and date-times (with or without a zone),
 * RFC 1123/822, {@code 10 August 2021}, {@code August 10, 2021}, {@code 10 Aug 2021 14:05}. A date without a
 * zone is taken as UTC; a date without a time of day becomes {@link Published#on}.
 */
final class PublishedDates {
    /** Shown in errors so the user knows what would have worked. */
    static final String EXAMPLE = "2021-08-10";

    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            pattern("[EEE, ]d MMM uuuu HH:mm[:ss] z"),
            pattern("[EEE, ]d MMM uuuu HH:mm[:ss] Z"),
            pattern("[EEE, ]d MMM uu HH:mm[:ss] z"),
            pattern("[EEE, ]d MMM uu HH:mm[:ss] Z"),
            pattern("uuuu-MM-dd['T'][' ']HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]XX"),
            pattern("uuuu-MM-dd['T'][' ']HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS] z"));
    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
            pattern("uuuu-MM-dd['T'][' ']HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]"),
            pattern("[EEE, ]d MMM[.] uuuu[,] HH:mm[:ss]"),
            pattern("[EEE, ]d MMMM uuuu[,] HH:mm[:ss]"),
            pattern("[EEE, ]MMM[.] d[,] uuuu[,] HH:mm[:ss]"),
            pattern("[EEE, ]MMMM d[,] uuuu[,] HH:mm[:ss]"));
    private static final List<DateTimeFormatter> DATES = List.of(
            pattern("uuuu-MM-dd"),
            pattern("uuuu/MM/dd"),
            pattern("[EEEE, ][EEE, ]d MMMM uuuu"),
            pattern("[EEEE, ][EEE, ]d MMM[.] uuuu"),
            pattern("[EEEE, ][EEE, ]MMMM d[,] uuuu"),
            pattern("[EEEE, ][EEE, ]MMM[.] d[,] uuuu"));

    private PublishedDates() {
    }

    private static DateTimeFormatter pattern(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /** The date {@code value} stands for, or empty when it is not a date we know how to read. */
    static Optional<Published> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().replaceAll("\\s+", " ");
        if (v.isEmpty() || v.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Published.at(Instant.parse(v)));
        } catch (DateTimeParseException ignored) {
            // not an ISO instant; try the other shapes
        }
        try {
            return Optional.of(Published.at(OffsetDateTime.parse(v).toInstant()));
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return Optional.of(Published.at(ZonedDateTime.parse(v).toInstant()));
        } catch (DateTimeParseException ignored) {
            // next
        }
        for (DateTimeFormatter f : ZONED) {
            try {
                return Optional.of(Published.at(ZonedDateTime.parse(v, f).toInstant()));
            } catch (DateTimeParseException ignored) {
                // next
            }
        }
        for (DateTimeFormatter f : LOCAL_DATE_TIMES) {
            try {
                return Optional.of(Published.at(LocalDateTime.parse(v, f).toInstant(ZoneOffset.UTC)));
            } catch (DateTimeParseException ignored) {
                // next
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                LocalDate day = LocalDate.parse(v, f);
                if (day.get(ChronoField.YEAR) < 1000) {
                    continue;
                }
                return Optional.of(Published.on(day));
            } catch (DateTimeParseException ignored) {
                // next
            }
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern DATE_START = java.util.regex.Pattern.compile(
            "(?i)^(\\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d"
            + "|(mon|tue|wed|thu|fri|sat|sun)[a-z]*,)");

    /** True when {@code value} starts the way a date does (a digit, a month and a number, a weekday). */
    static boolean looksLikeDate(String value) {
        return DATE_START.matcher(value.strip()).find();
    }
}
