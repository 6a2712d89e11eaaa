package dev.tidings.pipeline;

import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.digest.DigestRenderer;
import dev.tidings.digest.StoryNews;
import dev.tidings.match.FollowMatcher;
import dev.tidings.model.Article;
import dev.tidings.model.DeliveryPreferences;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
import dev.tidings.model.Webhook;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.FollowStore;
import dev.tidings.store.MuteStore;
import dev.tidings.store.ReaderStore;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Instant alerts: checks new articles against the follows marked instant and queues alerts.
 *
 * <ul>
 *   <li><b>Once per story</b>: the first article of a story that matches alerts; later ones alert again only
 *       when they bring something new to the reader (a concept the story was not about, a quote not seen,
 *       see {@link StoryNews}), as an update with its own Message-ID and "Update:" in the subject. What the
 *       reader has seen of a story is recorded in the transaction that queues the alert.</li>
 *   <li><b>Fresh only</b>: an article published more than {@link #FRESHNESS} ago never alerts, so an archive
 *       import floods nobody.</li>
 *   <li><b>Quiet hours and an hourly cap</b> ({@link DeliveryPreferences}): what comes in quiet hours or over
 *       the cap is held and goes out later as one batched message ({@link #releaseHeld}).</li>
 *   <li><b>Suppressed addresses</b> get nothing queued; the reader's webhooks get a signed JSON copy.</li>
 * </ul>
 */
public final class AlertDispatcher {
    /** Articles published longer ago than this never alert: an archive import floods nobody. */
    public static final Duration FRESHNESS = Duration.ofDays(1);
    /** The window of the hourly cap. */
    static final Duration CAP_WINDOW = Duration.ofHours(1);

    private final ReaderStore readers;
    private final FollowStore follows;
    private final DeliveryStore deliveries;
    private final MuteStore mutes;
    private final ArticleStore articles;
    private final DigestRenderer renderer;
    private final MimeComposer composer;
    private final OutboxSender outbox;
    private final FailureLog failures;
    private final String unsubscribePurpose;
    private final dev.tidings.auth.SignedTokens tokens;
    private final InstantSource clock;

    private long matcherVersion = Long.MIN_VALUE;
    private FollowMatcher matcher;

    public AlertDispatcher(ReaderStore readers, FollowStore follows, DeliveryStore deliveries, MuteStore mutes,
                           ArticleStore articles,
                           DigestRenderer renderer, MimeComposer composer, OutboxSender outbox, FailureLog failures,
                           dev.tidings.auth.SignedTokens tokens, InstantSource clock) {
        this.readers = readers;
        this.follows = follows;
        this.deliveries = deliveries;
        this.mutes = mutes;
        this.articles = articles;
        this.renderer = renderer;
        this.composer = composer;
        this.outbox = outbox;
        this.failures = failures;
        this.unsubscribePurpose = ReaderAccounts.UNSUBSCRIBE;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** What became of one article for one reader. */
    public enum Outcome { QUEUED, HELD, NOTHING_NEW, NOT_SENT }

    /** Queues and sends the alerts for these newly stored articles; returns how many were queued. */
    public int alert(List<Article> fresh) {
        int queued = queue(fresh);
        if (queued > 0) outbox.flush();
        return queued;
    }

    /**
     * Queues the alerts for these newly stored articles without sending them, for a caller that flushes the
     * outbox on another thread (the server, so rendering the next alerts overlaps writing the last ones);
     * returns how many were queued.
     */
    public synchronized int queue(List<Article> fresh) {
        FollowMatcher m = currentMatcher();
        Instant now = clock.instant();
        int queued = 0;
        // What is looked up per reader is looked up once per batch: a burst of articles matching the same
        // readers would otherwise repeat the same queries for every article.
        BatchLookups lookups = new BatchLookups();
        for (Article article : fresh) {
            if (article.effectivePublished().end().isBefore(now.minus(FRESHNESS))) continue;
            // One decision per reader and article, however many of their follows matched.
            Map<String, String> reasonByReader = new LinkedHashMap<>();
            for (FollowMatch match : m.match(article)) {
                reasonByReader.putIfAbsent(match.follow().readerId(), match.reason());
            }
            for (Map.Entry<String, String> e : reasonByReader.entrySet()) {
                Optional<Reader> reader = lookups.reader(e.getKey());
                if (reader.isEmpty() || !reader.get().confirmed()) continue;
                if (lookups.mutes(reader.get().id()).stream().anyMatch(mute -> mute.silences(article))) continue;
                if (decide(reader.get(), article, e.getValue(), now, lookups) == Outcome.QUEUED) queued++;
            }
        }
        return queued;
    }

    /**
     * Per-reader facts read once for a batch of articles. Only facts this dispatcher does not change while it
     * works through the batch are cached (the reader, mutes, preferences, suppression, webhooks, the
     * unsubscribe token); what queueing changes (stories alerted, alerts queued this hour) is read each time.
     */
    private final class BatchLookups {
        private final Map<String, Optional<Reader>> readersById = new HashMap<>();
        private final Map<String, List<dev.tidings.model.Mute>> mutesByReader = new HashMap<>();
        private final Map<String, DeliveryPreferences> preferences = new HashMap<>();
        private final Map<String, Boolean> suppressed = new HashMap<>();
        private final Map<String, List<Webhook>> webhooks = new HashMap<>();
        private final Map<String, String> tokens = new HashMap<>();

        Optional<Reader> reader(String id) {
            return readersById.computeIfAbsent(id, readers::byId);
        }

        List<dev.tidings.model.Mute> mutes(String readerId) {
            return mutesByReader.computeIfAbsent(readerId, mutes::ofReader);
        }

        DeliveryPreferences preferences(String readerId) {
            return preferences.computeIfAbsent(readerId, deliveries::preferences);
        }

        boolean suppressed(String address) {
            return suppressed.computeIfAbsent(address, deliveries::isSuppressed);
        }

        List<Webhook> webhooks(String readerId) {
            return webhooks.computeIfAbsent(readerId, deliveries::webhooksFor);
        }

        String unsubscribeToken(String readerId) {
            return tokens.computeIfAbsent(readerId, id -> AlertDispatcher.this.tokens.issuePermanent(unsubscribePurpose, id));
        }
    }

    private Outcome decide(Reader reader, Article article, String reason, Instant now, BatchLookups lookups) {
        if (lookups.suppressed(reader.email())) return Outcome.NOT_SENT;
        Set<String> keys = StoryNews.keys(article);
        Optional<DeliveryStore.AlertedStory> before = deliveries.alerted(reader.id(), article.story());
        List<String> news = List.of();
        Set<String> seen = keys;
        int update = 0;
        int expected = -1;
        if (before.isPresent()) {
            news = StoryNews.whatIsNew(article, before.get().seen());
            if (news.isEmpty()) return Outcome.NOTHING_NEW;
            Set<String> union = new LinkedHashSet<>(before.get().seen());
            union.addAll(keys);
            seen = union;
            update = before.get().updates() + 1;
            expected = before.get().updates();
        }
        DeliveryPreferences prefs = lookups.preferences(reader.id());
        if (prefs.isQuiet(now.atZone(reader.zone()))
                || deliveries.queuedSince(reader.id(), "alert", now.minus(CAP_WINDOW)) >= prefs.alertsPerHour()) {
            return deliveries.holdAlert(reader.id(), article.id(), reason, article.story(), seen, expected)
                    ? Outcome.HELD : Outcome.NOT_SENT;
        }
        String token = lookups.unsubscribeToken(reader.id());
        OutgoingMail mail = renderer.alert(reader, article, reason, update, news, token, now);
        try {
            List<DeliveryStore.Companion> hooks = companions(lookups.webhooks(reader.id()), mail,
                    renderer.alertJson(reader, article, reason, news, mail));
            return deliveries.enqueueAlert(mail.messageId(), reader.id(), reader.email(), composer.toBytes(mail),
                    List.of(article.id()), article.story(), seen, expected, hooks) ? Outcome.QUEUED : Outcome.NOT_SENT;
        } catch (DeliveryException e) {
            failures.record(reader.email(), "alert", e.getMessage());
            return Outcome.NOT_SENT;
        }
    }

    /**
     * Sends what was held for each reader whose quiet hours are over and who is under the hourly cap, as one
     * message per reader; returns how many messages were queued.
     */
    public synchronized int releaseHeld() {
        Instant now = clock.instant();
        int queued = 0;
        for (String readerId : deliveries.readersWithHeldAlerts()) {
            Optional<Reader> reader = readers.byId(readerId);
            List<DeliveryStore.HeldAlert> held = deliveries.held(readerId);
            List<String> ids = held.stream().map(DeliveryStore.HeldAlert::articleId).toList();
            if (reader.isEmpty() || deliveries.isSuppressed(reader.get().email())) {
                deliveries.dropHeld(readerId, ids);
                continue;
            }
            DeliveryPreferences prefs = deliveries.preferences(readerId);
            if (prefs.isQuiet(now.atZone(reader.get().zone()))
                    || deliveries.queuedSince(readerId, "alert", now.minus(CAP_WINDOW)) >= prefs.alertsPerHour()) {
                continue;
            }
            Set<String> sent = deliveries.sentArticleIds(readerId);
            List<DigestRenderer.HeldAlert> toSend = new ArrayList<>();
            for (DeliveryStore.HeldAlert h : held) {
                if (sent.contains(h.articleId())) continue; // a digest carried it meanwhile
                articles.byId(h.articleId()).ifPresent(a -> toSend.add(new DigestRenderer.HeldAlert(a, h.reason())));
            }
            if (toSend.isEmpty()) {
                deliveries.dropHeld(readerId, ids);
                continue;
            }
            String token = tokens.issuePermanent(unsubscribePurpose, readerId);
            OutgoingMail mail = renderer.alertBatch(reader.get(), toSend, held.get(0).heldAt(), token, now);
            try {
                List<DeliveryStore.Companion> hooks = companions(deliveries.webhooksFor(readerId), mail,
                        renderer.alertBatchJson(reader.get(), toSend, mail));
                if (deliveries.releaseHeld(mail.messageId(), readerId, reader.get().email(), composer.toBytes(mail),
                        ids, hooks)) {
                    queued++;
                }
            } catch (DeliveryException e) {
                failures.record(reader.get().email(), "alert", e.getMessage());
            }
        }
        if (queued > 0) outbox.flush();
        return queued;
    }

    private List<DeliveryStore.Companion> companions(List<Webhook> webhooks, OutgoingMail mail, byte[] json) {
        List<DeliveryStore.Companion> all = new ArrayList<>();
        for (Webhook hook : webhooks) {
            all.add(new DeliveryStore.Companion(webhookMessageId(hook, mail), hook.id(), OutboxSender.WEBHOOK, json));
        }
        return all;
    }

    /** The id of a webhook's copy of a message: stable like the message's own. */
    static String webhookMessageId(Webhook hook, OutgoingMail mail) {
        return "<webhook." + hook.id() + "." + mail.messageId().substring(1);
    }

    private FollowMatcher currentMatcher() {
        if (matcher == null) {
            // built once from every follow; afterwards only what the change feed names is re-indexed
            FollowStore.Snapshot all = follows.snapshot();
            matcher = new FollowMatcher(all.follows().stream().filter(Follow::instant).toList());
            matcherVersion = all.version();
            return matcher;
        }
        if (follows.version() == matcherVersion) return matcher;
        Optional<FollowStore.Changes> changes = follows.changesSince(matcherVersion);
        if (changes.isPresent()) {
            changes.get().removed().forEach(matcher::remove);
            for (Follow f : changes.get().current()) {
                if (f.instant()) matcher.put(f);
                else matcher.remove(f.id());
            }
            matcherVersion = changes.get().version();
        } else {
            // a change the feed cannot name (e.g. a reader erased): compare with every follow
            FollowStore.Snapshot all = follows.snapshot();
            matcher.sync(all.follows().stream().filter(Follow::instant).toList());
            matcherVersion = all.version();
        }
        return matcher;
    }
}
