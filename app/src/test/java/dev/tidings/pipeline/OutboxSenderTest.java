package dev.tidings.pipeline;

import dev.tidings.testing.MutableClock;
import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MailTransport;
import dev.tidings.deliver.MaildirTransport;
import dev.tidings.deliver.RetryPolicy;
import dev.tidings.deliver.WebhookPoster;
import dev.tidings.ingest.AddressGuard;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
import dev.tidings.store.Database;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.ReaderStore;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.testing.Maildir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox as a queue: crash safety, back-off, bounces and suppression, against a real Maildir. */
class OutboxSenderTest {
    static final Instant T0 = Instant.parse("2021-08-11T07:00:00Z");

    @TempDir
    Path dir;
    Database db;
    DeliveryStore deliveries;
    FailureLog failures;
    MutableClock clock = new MutableClock(T0);
    MaildirTransport maildir;
    ScriptedTransport scripted;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("tidings.db"));
        deliveries = new DeliveryStore(db, clock);
        failures = new FailureLog(db, clock);
        new ReaderStore(db).add(new Reader("r1", "ann@example.org", ZoneId.of("UTC"), LocalTime.of(7, 0),
                DigestFrequency.DAILY, DayOfWeek.MONDAY, true, T0));
        maildir = new MaildirTransport(dir.resolve("mail"));
        scripted = new ScriptedTransport(maildir);
    }

    @AfterEach
    void close() {
        maildir.close();
        db.close();
    }

    OutboxSender sender(MailTransport transport) {
        return new OutboxSender(deliveries, transport, new WebhookPoster(), new AddressGuard(false), failures,
                RetryPolicy.DEFAULT, clock);
    }

    byte[] mime(String messageId, String to) throws DeliveryException {
        return new MimeComposer().toBytes(new OutgoingMail(messageId, "Tidings <news@example.org>", to,
                "Your digest", "Hello", "<p>Hello</p>", null, null, T0));
    }

    void claimDigest(String messageId) throws DeliveryException {
        assertThat(deliveries.claimDigest("r1", T0.minus(Duration.ofDays(1)), T0, messageId, List.of("a1"), T0,
                "ann@example.org", mime(messageId, "ann@example.org"))).isTrue();
    }

    @Test
    void aDigestClaimedButNeverFlushedIsSentByTheNextFlushExactlyOnce() throws Exception {
        claimDigest("<digest.r1@news.example.org>"); // the process "died" here, before its flush

        OutboxSender afterRestart = sender(maildir);
        assertThat(afterRestart.flush()).isEqualTo(1);
        assertThat(afterRestart.flush()).isZero();

        assertThat(Maildir.messages(dir.resolve("mail"))).hasSize(1);
        assertThat(deliveries.recentRuns(5)).singleElement().extracting(DeliveryStore.DigestRun::outcome).isEqualTo("sent");
    }

    @Test
    void aSenderThatDiedAfterDeliveringButBeforeRecordingItLeavesOneCopyAfterTheLease() throws Exception {
        claimDigest("<digest.r1@news.example.org>");
        scripted.then(Step.DELIVER_THEN_DIE);

        try {
            sender(scripted).flush();
        } catch (IllegalStateException killed) {
            // stands in for kill -9 between the transport's success and the outbox update
        }
        assertThat(sender(maildir).flush()).as("leased by the dead sender").isZero();

        clock.advance(RetryPolicy.DEFAULT.lease());
        assertThat(sender(maildir).flush()).isEqualTo(1);
        assertThat(Maildir.messages(dir.resolve("mail"))).as("the Maildir recognises the Message-ID").hasSize(1);
    }

    @Test
    void aTransientFailureIsRetriedAfterADoublingWaitAndThenSentOnce() throws Exception {
        claimDigest("<digest.r1@news.example.org>");
        scripted.then(Step.DEFER, Step.DEFER, Step.DEFER);
        OutboxSender sender = sender(scripted);

        assertThat(sender.flush()).isZero();
        assertThat(nextAttempt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(sender.flush()).as("not due yet").isZero();
        assertThat(scripted.calls).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        sender.flush();
        assertThat(nextAttempt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        sender.flush();
        assertThat(nextAttempt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(4)));
        clock.advance(Duration.ofMinutes(4));
        assertThat(sender.flush()).isEqualTo(1);

        assertThat(Maildir.messages(dir.resolve("mail"))).hasSize(1);
        assertThat(deliveries.recentOutbox(1).get(0).attempts()).isEqualTo(3);
        assertThat(failures.recent(10)).extracting(FailureLog.Failure::kind).containsOnly("delivery");
    }

    @Test
    void aMessageThatKeepsFailingIsGivenUpAfterTheLastAttempt() throws Exception {
        deliveries.enqueue("<c1@x>", "r1", "ann@example.org", "confirm", mime("<c1@x>", "ann@example.org"));
        RetryPolicy policy = RetryPolicy.DEFAULT;
        for (int i = 0; i < policy.maxAttempts(); i++) scripted.then(Step.DEFER);
        OutboxSender sender = sender(scripted);
        for (int i = 0; i < policy.maxAttempts() + 2; i++) {
            sender.flush();
            clock.advance(policy.longest());
        }
        assertThat(scripted.calls).isEqualTo(policy.maxAttempts());
        assertThat(deliveries.recentOutbox(1).get(0).status()).isEqualTo("expired");
        assertThat(deliveries.pending(10)).isEmpty();
    }

    @Test
    void aPermanentRefusalIsABounceThatIsNotRetried() throws Exception {
        claimDigest("<digest.r1@news.example.org>");
        scripted.then(Step.REFUSE);
        OutboxSender sender = sender(scripted);

        sender.flush();
        clock.advance(Duration.ofDays(1));
        sender.flush();

        assertThat(scripted.calls).isEqualTo(1);
        assertThat(deliveries.recentOutbox(1).get(0).status()).isEqualTo("bounced");
        assertThat(deliveries.recentRuns(1).get(0).outcome()).isEqualTo("bounced");
        assertThat(deliveries.isSuppressed("ann@example.org")).as("one bounce is not enough").isFalse();
    }

    @Test
    void threeHardBouncesSuppressTheAddressAndNothingMoreIsQueuedOrSentToIt() throws Exception {
        for (int i = 1; i <= 4; i++) {
            deliveries.enqueue("<n" + i + "@x>", "r1", "ann@example.org", "confirm", mime("<n" + i + "@x>", "ann@example.org"));
            clock.advance(Duration.ofSeconds(1));
        }
        scripted.then(Step.REFUSE, Step.REFUSE, Step.REFUSE);
        sender(scripted).flush();

        assertThat(scripted.calls).as("the fourth was dropped, not sent").isEqualTo(3);
        assertThat(deliveries.isSuppressed("ann@example.org")).isTrue();
        assertThat(deliveries.suppressions()).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("3 hard bounces").contains("550"));
        assertThat(deliveries.recentOutbox(10)).extracting(DeliveryStore.OutboxItem::status)
                .containsExactlyInAnyOrder("bounced", "bounced", "bounced", "suppressed");
        assertThat(deliveries.enqueue("<n5@x>", "r1", "ann@example.org", "alert", mime("<n5@x>", "ann@example.org")))
                .isFalse();
        assertThat(deliveries.claimDigest("r1", T0, T0.plus(Duration.ofDays(1)), "<d@x>", List.of(), null,
                "ann@example.org", mime("<d@x>", "ann@example.org"))).isFalse();

        assertThat(deliveries.unsuppress("ann@example.org")).isTrue();
        assertThat(deliveries.enqueue("<n6@x>", "r1", "ann@example.org", "alert", mime("<n6@x>", "ann@example.org")))
                .isTrue();
    }

    private Instant nextAttempt() {
        return deliveries.pending(1).get(0).nextAttemptAt();
    }

    enum Step { DEFER, REFUSE, DELIVER_THEN_DIE }

    /** Fails as scripted, then delivers to the Maildir. */
    static final class ScriptedTransport implements MailTransport {
        private final MailTransport real;
        private final Deque<Step> steps = new ArrayDeque<>();
        int calls;

        ScriptedTransport(MailTransport real) {
            this.real = real;
        }

        void then(Step... more) {
            steps.addAll(List.of(more));
        }

        @Override
        public void send(OutgoingMail mail) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendMime(String messageId, String recipient, byte[] mime) throws DeliveryException {
            calls++;
            Step step = steps.poll();
            if (step == null) {
                real.sendMime(messageId, recipient, mime);
                return;
            }
            switch (step) {
                case DEFER -> throw new DeliveryException("451 4.7.1 try again later", false, null);
                case REFUSE -> throw new DeliveryException("550 5.1.1 no such user", true, null);
                case DELIVER_THEN_DIE -> {
                    real.sendMime(messageId, recipient, mime);
                    throw new IllegalStateException("killed");
                }
            }
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {
        }
    }
}
