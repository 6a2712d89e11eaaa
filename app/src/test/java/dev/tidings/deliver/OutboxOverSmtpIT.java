package dev.tidings.deliver;

import dev.tidings.ingest.AddressGuard;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
import dev.tidings.pipeline.OutboxSender;
import dev.tidings.store.Database;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.ReaderStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox over real SMTP conversations: a 4xx reply is retried later, 5xx replies bounce and suppress. */
class OutboxOverSmtpIT {
    @TempDir
    Path dir;
    Database db;
    DeliveryStore deliveries;
    FailureLog failures;
    Instant now = Instant.parse("2021-08-11T07:00:00Z");
    final InstantSource clock = () -> now;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("tidings.db"));
        deliveries = new DeliveryStore(db, clock);
        failures = new FailureLog(db, clock);
        new ReaderStore(db).add(new Reader("r1", "reader@example.org", ZoneId.of("UTC"), LocalTime.of(7, 0),
                DigestFrequency.DAILY, DayOfWeek.MONDAY, true, now));
    }

    @AfterEach
    void close() {
        db.close();
    }

    void queue(String id) throws DeliveryException {
        OutgoingMail mail = new OutgoingMail("<" + id + "@news.example.org>", "Tidings <news@example.org>",
                "reader@example.org", "Alert", "text", "<p>html</p>", null, null, now);
        deliveries.enqueue(mail.messageId(), "r1", "reader@example.org", "alert", new MimeComposer().toBytes(mail));
    }

    OutboxSender sender(MailTransport smtp) {
        return new OutboxSender(deliveries, smtp, new WebhookPoster(), new AddressGuard(false), failures,
                RetryPolicy.DEFAULT, clock);
    }

    @Test
    void aGreylisting451IsTriedAgainAfterTheBackOff() throws Exception {
        queue("grey");
        try (FakeSmtpServer server = new FakeSmtpServer("451 4.7.1 Greylisted", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            assertThat(sender(smtp).flush()).isZero();
        }
        DeliveryStore.OutboxItem waiting = deliveries.pending(1).get(0);
        assertThat(waiting.lastError()).contains("451");
        assertThat(waiting.nextAttemptAt()).isEqualTo(now.plus(RetryPolicy.DEFAULT.first()));

        now = now.plus(Duration.ofMinutes(1));
        try (FakeSmtpServer server = new FakeSmtpServer("250 OK", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            assertThat(sender(smtp).flush()).isEqualTo(1);
            assertThat(server.accepted.get()).isEqualTo(1);
        }
    }

    @Test
    void threeRefusalsWith550SuppressTheAddressAndTheRestIsNotSent() throws Exception {
        for (int i = 1; i <= 5; i++) {
            queue("gone." + i);
            now = now.plusSeconds(1);
        }
        try (FakeSmtpServer server = new FakeSmtpServer("550 5.1.1 No such user here", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            sender(smtp).flush();
        }
        assertThat(deliveries.isSuppressed("reader@example.org")).isTrue();
        assertThat(deliveries.recentOutbox(10)).extracting(DeliveryStore.OutboxItem::status)
                .containsExactlyInAnyOrder("bounced", "bounced", "bounced", "suppressed", "suppressed");
        assertThat(failures.recent(10)).extracting(FailureLog.Failure::kind).contains("bounce", "suppressed");
    }
}
