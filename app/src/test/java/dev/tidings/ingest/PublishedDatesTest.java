package dev.tidings.ingest;

import dev.tidings.model.Published;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedDatesTest {
    @ParameterizedTest(name = "{0} is {1} (date only: {2})")
    @CsvSource(delimiter = '|', value = {
        "2021-08-10                     | 2021-08-10T00:00:00Z | true",
        "2021-08-10T14:05:00Z           | 2021-08-10T14:05:00Z | false",
        "2021-08-10T14:05:00+02:00      | 2021-08-10T12:05:00Z | false",
        "2021-08-10T14:05:00.123+0200   | 2021-08-10T12:05:00.123Z | false",
        "2021-08-10T14:05               | 2021-08-10T14:05:00Z | false",
        "2021-08-10 14:05:30            | 2021-08-10T14:05:30Z | false",
        "Tue, 10 Aug 2021 14:05:00 GMT  | 2021-08-10T14:05:00Z | false",
        "Tue, 10 Aug 2021 14:05:00 +0100| 2021-08-10T13:05:00Z | false",
        "10 Aug 2021 14:05              | 2021-08-10T14:05:00Z | false",
        "10 August 2021                 | 2021-08-10T00:00:00Z | true",
        "August 10, 2021                | 2021-08-10T00:00:00Z | true",
        "Aug. 10, 2021                  | 2021-08-10T00:00:00Z | true",
        "10 aug 2021                    | 2021-08-10T00:00:00Z | true",
    })
    void readsTheDatesPeopleAndPagesWrite(String text, String instant, boolean dateOnly) {
        assertThat(PublishedDates.parse(text)).contains(new Published(Instant.parse(instant), dateOnly));
    }

    @ParameterizedTest(name = "{0} is not a date")
    @ValueSource(strings = {"31/31/2021", "2021-13-01", "next Tuesday", "", "2021", "Sign up", "10 Smarch 2021"})
    void rejectsWhatIsNotADate(String text) {
        assertThat(PublishedDates.parse(text)).isEmpty();
    }
}
