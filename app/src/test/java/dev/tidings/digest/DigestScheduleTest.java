package dev.tidings.digest;

import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Reader;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DigestScheduleTest {
    private final DigestSchedule schedule = new DigestSchedule();

    private static Reader reader(String zone, String at, DigestFrequency f) {
        return new Reader("r1", "r@example.org", ZoneId.of(zone), LocalTime.parse(at), f, DayOfWeek.FRIDAY, true,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void theDailyDigestIsDueAtTheReadersLocalTime() {
        Reader r = reader("Europe/Berlin", "07:00", DigestFrequency.DAILY);
        assertThat(schedule.latestDue(r, Instant.parse("2026-06-10T05:30:00Z")))
                .contains(Instant.parse("2026-06-10T05:00:00Z"));
        assertThat(schedule.latestDue(r, Instant.parse("2026-06-10T04:59:00Z")))
                .contains(Instant.parse("2026-06-09T05:00:00Z"));
    }

    @Test
    void aWeeklyDigestIsDueOnItsDay() {
        Reader r = reader("UTC", "08:00", DigestFrequency.WEEKLY);
        // 2026-06-10 is a Wednesday; the last Friday 08:00 before it is 2026-06-05.
        assertThat(schedule.latestDue(r, Instant.parse("2026-06-10T12:00:00Z")))
                .contains(Instant.parse("2026-06-05T08:00:00Z"));
    }

    @Test
    void acrossBothDaylightSavingChangesEachDayGetsExactlyOneDigest() {
        for (String at : new String[]{"02:30", "01:30", "07:00"}) {
            Reader r = reader("America/New_York", at, DigestFrequency.DAILY);
            Set<Instant> due = new LinkedHashSet<>();
            // Minute by minute through the spring and autumn changes of 2026.
            for (Instant t = Instant.parse("2026-03-06T00:00:00Z"); t.isBefore(Instant.parse("2026-03-12T00:00:00Z")); t = t.plus(Duration.ofMinutes(10))) {
                schedule.latestDue(r, t).ifPresent(due::add);
            }
            for (Instant t = Instant.parse("2026-10-29T00:00:00Z"); t.isBefore(Instant.parse("2026-11-04T00:00:00Z")); t = t.plus(Duration.ofMinutes(10))) {
                schedule.latestDue(r, t).ifPresent(due::add);
            }
            long spring = due.stream().filter(i -> i.isBefore(Instant.parse("2026-06-01T00:00:00Z"))).count();
            long autumn = due.size() - spring;
            assertThat(spring).as("spring digests at %s", at).isEqualTo(7);
            assertThat(autumn).as("autumn digests at %s", at).isEqualTo(7);
        }
    }

    @Test
    void nothingIsDueBeforeTheReaderSignedUp() {
        Reader r = new Reader("r1", "r@example.org", ZoneId.of("UTC"), LocalTime.of(7, 0), DigestFrequency.DAILY,
                DayOfWeek.MONDAY, true, Instant.parse("2026-06-10T09:00:00Z"));
        assertThat(schedule.latestDue(r, Instant.parse("2026-06-10T10:00:00Z"))).isEmpty();
        assertThat(schedule.latestDue(r, Instant.parse("2026-06-11T07:00:00Z"))).contains(Instant.parse("2026-06-11T07:00:00Z"));
    }
}
