package dev.tidings.pipeline;

import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.digest.DigestRenderer;
import dev.tidings.match.FollowMatcher;
import dev.tidings.model.Article;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.FollowStore;
import dev.tidings.store.ReaderStore;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Instant alerts: checks new articles against the follows marked instant and queues one alert per
 * reader and story. The alert's Message-ID is derived from (reader, story), and the outbox refuses a
 * second message with the same id, so a story alerts a reader once however many articles it gets.
 */
public final class AlertDispatcher {
    /** Articles published longer ago than this never alert: an archive import floods nobody. */
    public static final Duration FRESHNESS = Duration.ofDays(1);

    private final ReaderStore readers;
    private final FollowStore follows;
    private final DeliveryStore deliveries;
    private final DigestRenderer renderer;
    private final MimeComposer composer;
    private final OutboxSender outbox;
    private final FailureLog failures;
    private final String unsubscribePurpose;
    private final dev.tidings.auth.SignedTokens tokens;
    private final InstantSource clock;

    private long matcherVersion = Long.MIN_VALUE;
    private FollowMatcher matcher;

    public AlertDispatcher(ReaderStore readers, FollowStore follows, DeliveryStore deliveries, DigestRenderer renderer,
                           MimeComposer composer, OutboxSender outbox, FailureLog failures,
                           dev.tidings.auth.SignedTokens tokens, InstantSource clock) {
        this.readers = readers;
        this.follows = follows;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.composer = composer;
        this.outbox = outbox;
        this.failures = failures;
        this.unsubscribePurpose = ReaderAccounts.UNSUBSCRIBE;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Queues and sends the alerts for these newly stored articles; returns how many were queued. */
    public synchronized int alert(List<Article> fresh) {
        FollowMatcher m = currentMatcher();
        int queued = 0;
        for (Article article : fresh) {
            if (article.effectivePublished().end().isBefore(clock.instant().minus(FRESHNESS))) continue;
            for (FollowMatch match : m.match(article)) {
                Optional<Reader> reader = readers.byId(match.follow().readerId());
                if (reader.isEmpty() || !reader.get().confirmed()) continue;
                if (queue(reader.get(), article, match.reason())) queued++;
            }
        }
        if (queued > 0) outbox.flush();
        return queued;
    }

    private boolean queue(Reader reader, Article article, String reason) {
        String token = tokens.issuePermanent(unsubscribePurpose, reader.id());
        OutgoingMail mail = renderer.alert(reader, article, reason, token, clock.instant());
        try {
            return deliveries.enqueue(mail.messageId(), reader.id(), reader.email(), "alert", composer.toBytes(mail));
        } catch (DeliveryException e) {
            failures.record(reader.email(), "alert", e.getMessage());
            return false;
        }
    }

    private FollowMatcher currentMatcher() {
        long v = follows.version();
        if (matcher == null || v != matcherVersion) {
            List<Follow> instant = follows.all().stream().filter(Follow::instant).toList();
            // built once; afterwards only the follows that changed are re-indexed
            if (matcher == null) matcher = new FollowMatcher(instant);
            else matcher.sync(instant);
            matcherVersion = v;
        }
        return matcher;
    }
}
