package dev.tidings.model;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * How and when a reader wants instant alerts, kept beside the {@link Reader} rather than in it.
 *
 * @param readerId      whose preferences
 * @param quietFrom     start of the quiet hours in the reader's zone, or null for none
 * @param quietUntil    end of the quiet hours (exclusive); may be before {@code quietFrom} (over midnight)
 * @param alertsPerHour the most alerts sent in any hour; what comes over it waits and goes out as one
 *                      batched message
 */
public record DeliveryPreferences(String readerId, LocalTime quietFrom, LocalTime quietUntil, int alertsPerHour) {
    /** Alerts per hour when the reader has not chosen. */
    public static final int DEFAULT_ALERTS_PER_HOUR = 6;

    public DeliveryPreferences {
        Objects.requireNonNull(readerId, "readerId");
        if ((quietFrom == null) != (quietUntil == null)) {
            throw new IllegalArgumentException("quiet hours need both a start and an end");
        }
        if (alertsPerHour < 1) throw new IllegalArgumentException("at least one alert per hour");
    }

    public static DeliveryPreferences defaults(String readerId) {
        return new DeliveryPreferences(readerId, null, null, DEFAULT_ALERTS_PER_HOUR);
    }

    /** Whether the local time falls in the quiet hours. */
    public boolean isQuiet(ZonedDateTime local) {
        if (quietFrom == null || quietFrom.equals(quietUntil)) return false;
        LocalTime t = local.toLocalTime();
        return quietFrom.isBefore(quietUntil)
                ? !t.isBefore(quietFrom) && t.isBefore(quietUntil)
                : !t.isBefore(quietFrom) || t.isBefore(quietUntil);
    }

    /** The quiet hours as {@code 22:00–07:00}, when there are any. */
    public Optional<String> quietHours() {
        return quietFrom == null ? Optional.empty() : Optional.of(quietFrom + "–" + quietUntil);
    }
}
