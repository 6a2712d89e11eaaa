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
        return queueBatch(fresh, false).queued();
    }

    /**
     * Queues the alerts for these newly stored articles with their outbox rows already leased to this
     * process's sender, and returns those rows for {@link OutboxSender#sendLeased}: the sender then neither
     * reads them back nor leases them in a transaction of its own. Should this process die before sending
     * them, their lease is broken or runs out and any sender takes them.
     */
    public synchronized List<DeliveryStore.OutboxItem> queueForSender(List<Article> fresh) {
        return queueBatch(fresh, true).leased();
    }

    private record Queued(int queued, List<DeliveryStore.OutboxItem> leased) {}

    /**
     * Decides every article of the batch for every matching reader first (reads only), then writes all the
     * alerts in one transaction: one commit and one wait for the SQLite write lock per batch, not per alert.
     * What the decisions of the batch change (the stories alerted, the alerts queued this hour) is carried in
     * memory from one decision to the next, so two articles of one story in a batch decide as they would one
     * after the other.
     */
    private Queued queueBatch(List<Article> fresh, boolean lease) {
        FollowMatcher m = currentMatcher();
        Instant now = clock.instant();
        // What is looked up per reader is looked up once per batch: a burst of articles matching the same
        // readers would otherwise repeat the same queries for every article.
        BatchLookups lookups = new BatchLookups(now);
        List<java.util.function.Supplier<DeliveryStore.PendingAlert>> decided = new ArrayList<>();
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
                decide(reader.get(), article, e.getValue(), now, lookups).ifPresent(decided::add);
            }
        }
        // Rendering and composing the MIME is most of an alert's CPU: on a busy machine a second thread gets
        // a second share of it. Decisions were taken in order above; only the independent rendering runs in parallel.
        List<DeliveryStore.PendingAlert> pending = (decided.size() > 1 ? decided.parallelStream() : decided.stream())
                .map(java.util.function.Supplier::get).filter(java.util.Objects::nonNull).toList();
        if (pending.isEmpty()) return new Queued(0, List.of());
        DeliveryStore.WrittenAlerts written = deliveries.writeAlerts(pending,
                lease ? now.plus(outbox.policy().lease()) : null, OutboxSender.LeaseOwner.SELF);
        int queued = 0;
        for (int i = 0; i < pending.size(); i++) {
            if (written.written().get(i) && !pending.get(i).isHeld()) queued++;
        }
        return new Queued(queued, written.leased());
    }

    /**
     * Per-reader facts read once for a batch of articles: the reader, mutes, preferences, suppression, webhooks,
     * the unsubscribe token; and what the batch's own decisions change (what each reader was alerted of per
     * story, how many alerts were queued for them this hour), read once and then kept up to date here.
     */
    private final class BatchLookups {
        private final Instant now;
        private final Map<String, Optional<Reader>> readersById = new HashMap<>();
        private final Map<String, List<dev.tidings.model.Mute>> mutesByReader = new HashMap<>();
        private final Map<String, DeliveryPreferences> preferences = new HashMap<>();
        private final Map<String, Boolean> suppressed = new HashMap<>();
        private final Map<String, List<Webhook>> webhooks = new HashMap<>();
        private final Map<String, String> tokens = new HashMap<>();
        private final Map<List<String>, Optional<DeliveryStore.AlertedStory>> alerted = new HashMap<>();
        private final Map<String, Integer> queuedThisHour = new HashMap<>();

        BatchLookups(Instant now) {
            this.now = now;
        }

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

        Optional<DeliveryStore.AlertedStory> alerted(String readerId, String story) {
            return alerted.computeIfAbsent(List.of(readerId, story), k -> deliveries.alerted(readerId, story));
        }

        /** Records what the reader will have seen of the story once this batch is written. */
        void alert(String readerId, String story, Set<String> seen, int updates) {
            alerted.put(List.of(readerId, story),
                    Optional.of(new DeliveryStore.AlertedStory(readerId, story, seen, updates, now)));
        }

        int queuedThisHour(String readerId) {
            return queuedThisHour.computeIfAbsent(readerId,
                    id -> deliveries.queuedSince(id, "alert", now.minus(CAP_WINDOW)));
        }

        void queued(String readerId) {
            queuedThisHour.merge(readerId, 1, Integer::sum);
        }
    }

    /**
     * The alert to write for this reader and article, if any, as a supplier that renders it (null when it
     * cannot be composed); everything the batch's later decisions depend on is settled here, in order.
     */
    private Optional<java.util.function.Supplier<DeliveryStore.PendingAlert>> decide(Reader reader, Article article,
                                                                                     String reason, Instant now,
                                                                                     BatchLookups lookups) {
        if (lookups.suppressed(reader.email())) return Optional.empty();
        Set<String> keys = StoryNews.keys(article);
        Optional<DeliveryStore.AlertedStory> before = lookups.alerted(reader.id(), article.story());
        List<String> news = List.of();
        Set<String> seen = keys;
        int update = 0;
        int expected = -1;
        if (before.isPresent()) {
            news = StoryNews.whatIsNew(article, before.get().seen());
            if (news.isEmpty()) return Optional.empty();
            Set<String> union = new LinkedHashSet<>(before.get().seen());
            union.addAll(keys);
            seen = union;
            update = before.get().updates() + 1;
            expected = before.get().updates();
        }
        lookups.alert(reader.id(), article.story(), seen, expected + 1);
        DeliveryPreferences prefs = lookups.preferences(reader.id());
        if (prefs.isQuiet(now.atZone(reader.zone())) || lookups.queuedThisHour(reader.id()) >= prefs.alertsPerHour()) {
            DeliveryStore.PendingAlert held = DeliveryStore.PendingAlert.held(reader.id(), article.id(), reason,
                    article.story(), seen, expected);
            return Optional.of(() -> held);
        }
        lookups.queued(reader.id());
        String token = lookups.unsubscribeToken(reader.id());
        List<Webhook> hooks = lookups.webhooks(reader.id());
        Set<String> seenAfter = seen;
        int updateNumber = update;
        int expectedUpdates = expected;
        List<String> whatIsNew = news;
        return Optional.of(() -> {
            OutgoingMail mail = renderer.alert(reader, article, reason, updateNumber, whatIsNew, token, now);
            try {
                List<DeliveryStore.Companion> companions = companions(hooks, mail,
                        renderer.alertJson(reader, article, reason, whatIsNew, mail));
                return DeliveryStore.PendingAlert.queued(mail.messageId(), reader.id(), reader.email(),
                        composer.toBytes(mail), article.id(), article.ingestedAt(), article.story(), seenAfter,
                        expectedUpdates, companions);
            } catch (DeliveryException e) {
                failures.record(reader.email(), "alert", e.getMessage());
                return null;
            }
        });
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
                        ids, newestIngest(toSend), hooks)) {
                    queued++;
                }
            } catch (DeliveryException e) {
                failures.record(reader.get().email(), "alert", e.getMessage());
            }
        }
        if (queued > 0) outbox.flush();
        return queued;
    }

    /**
     * The latest {@code ingestedAt} among the articles of a batch. The batch's other held ids are either sent
     * already (in a list of their own) or of articles deleted since, which no digest asks about again.
     */
    private static Instant newestIngest(List<DigestRenderer.HeldAlert> batch) {
        return batch.stream().map(h -> h.article().ingestedAt()).max(java.util.Comparator.naturalOrder()).orElseThrow();
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
