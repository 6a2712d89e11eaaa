package dev.tidings.deliver;

import java.time.Duration;
import java.util.Objects;

/**
 * When the outbox tries a message again, when it gives up, and when an address is suppressed.
 *
 * <p>The wait doubles with every transient failure ({@code first}, 2×, 4×… up to {@code longest}), so a
 * server that greylists or is down for maintenance is asked again soon and a long outage is not hammered.
 *
 * @param first            the wait after the first failure
 * @param longest          the longest wait between two attempts
 * @param maxAttempts      attempts before a message is given up ({@code expired})
 * @param bouncesToSuppress permanent refusals after which an address gets nothing more
 * @param lease            how long a sender holds a message it is sending; a sender that died mid-send
 *                         leaves the message to the next flush after this
 */
public record RetryPolicy(Duration first, Duration longest, int maxAttempts, int bouncesToSuppress, Duration lease) {
    /** One minute doubling to six hours, eight attempts (about four hours in all), three bounces. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(6), 8, 3, Duration.ofMinutes(5));

    public RetryPolicy {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(longest, "longest");
        Objects.requireNonNull(lease, "lease");
        if (maxAttempts < 1 || bouncesToSuppress < 1) throw new IllegalArgumentException("at least one");
    }

    /** The wait before the next attempt of a message that has failed {@code failures} times (≥ 1). */
    public Duration delayAfter(int failures) {
        Duration d = first;
        for (int i = 1; i < failures && d.compareTo(longest) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(longest) > 0 ? longest : d;
    }
}
