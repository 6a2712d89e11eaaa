package dev.tidings.pipeline;

import dev.tidings.model.Article;
import dev.tidings.model.DeliveryPreferences;
import dev.tidings.model.Reader;
import dev.tidings.testing.Maildir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Instant alerts: once per story, updates only with something new, caps, quiet hours, freshness. */
class AlertDispatcherTest {
    @TempDir
    Path dir;
    Harness h;
    Reader ann;

    @BeforeEach
    void open() {
        h = new Harness(dir, Instant.parse("2021-08-11T10:00:00Z"));
        ann = h.reader("ann", "Europe/London");
        h.follow(ann, "place/belarus", "Belarus", true);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private int alert(Article... articles) {
        return h.alerts.alert(List.of(articles));
    }

    @Test
    void aStoryAlertsOnceAndAgainOnlyWhenItBringsSomethingNew() {
        assertThat(alert(h.article("a1").story("s1").store())).isEqualTo(1);
        assertThat(alert(h.article("a2").story("s1").store())).as("same concepts, no quote").isZero();
        assertThat(alert(h.article("a3").story("s1").quote("Ylva Johansson", "We will not accept this at our border.")
                .store())).isEqualTo(1);
        assertThat(alert(h.article("a4").story("s1").quote("Ylva Johansson", "We will not accept this at our border.")
                .store())).as("the same quote again").isZero();

        List<String> mail = h.mail();
        assertThat(mail).hasSize(2);
        String first = mail.stream().filter(m -> m.contains("Subject: Alert:")).findFirst().orElseThrow();
        String update = mail.stream().filter(m -> m.contains("Subject: Update:")).findFirst().orElseThrow();
        assertThat(first).contains("Subject: Alert: Title of a1").contains("Message-ID: <alert.ann.s1@news.example.org>");
        assertThat(update).contains("Subject: Update: Title of a3")
                .contains("Message-ID: <alert.ann.s1.u1@news.example.org>");
        assertThat(Maildir.readable(update)).contains("New in this story: Ylva Johansson quoted");
    }

    @Test
    void anArticleFromTheArchiveAlertsNobody() {
        assertThat(alert(h.article("old").published(h.clock.instant().minus(Duration.ofDays(3))).store())).isZero();
        assertThat(h.mail()).isEmpty();
    }

    @Test
    void overTheHourlyCapAlertsWaitAndGoOutAsOneBatchedMessage() {
        h.deliveries.savePreferences(new DeliveryPreferences(ann.id(), null, null, 2));
        for (int i = 1; i <= 5; i++) {
            alert(h.article("a" + i).store());
            h.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(h.mail()).hasSize(2);
        assertThat(h.deliveries.held(ann.id())).hasSize(3);

        assertThat(h.alerts.releaseHeld()).as("still within the hour").isZero();
        h.clock.advance(Duration.ofHours(1));
        assertThat(h.alerts.releaseHeld()).isEqualTo(1);
        assertThat(h.alerts.releaseHeld()).isZero();

        List<String> mail = h.mail();
        assertThat(mail).hasSize(3);
        String batch = mail.stream().map(Maildir::readable).filter(m -> m.startsWith("Subject: Alerts:"))
                .findFirst().orElseThrow();
        assertThat(batch).startsWith("Subject: Alerts: 3 stories while you were away — Title of a");
        assertThat(batch).contains("Title of a3").contains("Title of a4").contains("Title of a5");
        assertThat(h.deliveries.held(ann.id())).isEmpty();
    }

    @Test
    void aBurstInOneBatchDecidesAsItWouldOneArticleAtATime() {
        // All written in one transaction: what the batch's first articles did must still count for the later ones.
        h.deliveries.savePreferences(new DeliveryPreferences(ann.id(), null, null, 3));
        String quote = "We will not accept this at our border.";
        int queued = alert(h.article("a1").story("s1").store(),
                h.article("a2").story("s1").store(),
                h.article("a3").story("s1").quote("Ylva Johansson", quote).store(),
                h.article("a4").story("s1").quote("Ylva Johansson", quote).store(),
                h.article("b1").story("s2").store(),
                h.article("c1").story("s3").store());

        assertThat(queued).as("s1 first, s1 update, s2; s3 over the cap of 3").isEqualTo(3);
        assertThat(h.mail()).extracting(m -> m.lines().filter(l -> l.startsWith("Message-ID:")).findFirst().orElseThrow())
                .containsExactlyInAnyOrder("Message-ID: <alert.ann.s1@news.example.org>",
                        "Message-ID: <alert.ann.s1.u1@news.example.org>", "Message-ID: <alert.ann.s2@news.example.org>");
        assertThat(h.deliveries.held(ann.id())).extracting(d -> d.articleId()).containsExactly("c1");
        assertThat(h.deliveries.alerted(ann.id(), "s1")).hasValueSatisfying(a -> assertThat(a.updates()).isEqualTo(1));
    }

    @Test
    void duringQuietHoursInTheReadersZoneAlertsWaitUntilTheQuietEnds() {
        // 10:00 UTC is 11:00 in London (summer time): quiet from 10:30 to 12:00 local
        h.deliveries.savePreferences(new DeliveryPreferences(ann.id(), LocalTime.of(10, 30), LocalTime.of(12, 0), 6));
        assertThat(alert(h.article("a1").store())).isEqualTo(0);
        assertThat(alert(h.article("a2").store())).isEqualTo(0);
        assertThat(h.mail()).isEmpty();

        h.clock.advance(Duration.ofMinutes(59)); // 11:59 local
        assertThat(h.alerts.releaseHeld()).isZero();
        h.clock.advance(Duration.ofMinutes(1)); // 12:00 local
        assertThat(h.alerts.releaseHeld()).isEqualTo(1);
        assertThat(h.mail()).singleElement()
                .satisfies(m -> assertThat(Maildir.readable(m)).contains("2 stories while you were away"));
    }

    @Test
    void aSuppressedAddressGetsNoAlertQueued() {
        h.deliveries.suppress(ann.email(), "complaint");
        assertThat(alert(h.article("a1").store())).isZero();
        assertThat(h.deliveries.recentOutbox(10)).isEmpty();
    }

    @Test
    void anAlertedArticleIsNotRepeatedInTheDigest() throws Exception {
        alert(h.article("a1").story("s1").store());
        h.follow(ann, "place/belarus", "Belarus", false);
        var result = h.digests.run(ann, h.clock.instant().plus(Duration.ofHours(1)), false);
        assertThat(result.status()).isEqualTo(DigestDispatcher.Status.NOTHING_NEW);
    }
}
