package dev.tidings.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Someone who receives digests and alerts.
 *
 * @param id        stable opaque id
 * @param email     address, lower-cased
 * @param zone      time zone for the digest time and for times shown to them
 * @param digestAt  local time of day the digest goes out
 * @param frequency daily or weekly
 * @param weeklyOn  day of the week for weekly digests
 * @param confirmed true once the address is confirmed (double opt-in); nothing is sent before
 * @param createdAt when they signed up
 */
public record Reader(String id, String email, ZoneId zone, LocalTime digestAt, DigestFrequency frequency,
                     DayOfWeek weeklyOn, boolean confirmed, Instant createdAt) {
    public Reader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(digestAt, "digestAt");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(weeklyOn, "weeklyOn");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Reader confirm() {
        return new Reader(id, email, zone, digestAt, frequency, weeklyOn, true, createdAt);
    }
}
