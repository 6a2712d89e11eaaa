package dev.tidings.pipeline;

import dev.tidings.auth.SignedTokens;
import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.digest.DigestBuilder;
import dev.tidings.digest.DigestRenderer;
import dev.tidings.digest.SharedRanking;
import dev.tidings.match.FollowMatcher;
import dev.tidings.model.Article;
import dev.tidings.model.Digest;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.Mute;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Reader;
import dev.tidings.model.Webhook;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FollowStore;
import dev.tidings.store.MuteStore;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Builds readers' digests and, unless it is a dry run, records and sends them: one reader's
 * ({@link #run}) or a whole round's ({@link #runAll}), by the same path.
 *
 * <p><b>Exactly once.</b> A digest is claimed in the database by (reader, period end) in the same
 * transaction that stores the message in the outbox and marks its articles as sent, so a second run for
 * the same instant finds the claim and sends nothing, and a crash after the claim leaves the message in the
 * outbox for the next flush. A round claims its digests a batch at a time, each batch in one transaction,
 * with the messages leased to this process so that it sends them from memory; should it die first, the
 * next flush breaks the orphaned lease and sends them.
 *
 * <p><b>A round.</b> Readers due at the same instant share a period, and the work that does not depend on
 * the reader is done once per period: the period's articles are read once and matched once against the
 * distinct kinds of follow of the period's readers, and the stories each kind matched are ranked once
 * ({@link SharedRanking}); a reader's digest is then merged from the tops of their follows' lists, the
 * same digest their own ranking of every story they matched gives. Articles of the period already sent to a
 * reader (most readers have some: the previous digest's grace overlaps this period) are left out there too,
 * re-ranking only the stories they belong to. A reader with mutes is matched and ranked on their own
 * ({@value #READERS_PER_PASS} such readers at a time, so the candidates held at once stay bounded). What was
 * already sent, suppressions and webhooks are read once per period for the articles and readers in it.
 * Building, rendering and composing then run on every core, while the previous batch is claimed and sent;
 * what an entry says whoever reads it (an article's wording, an entry's text and HTML) is worked out once
 * per period ({@link DigestRenderer.Shared}).
 *
 * <p>Thread-safe; a round uses the common fork-join pool for its parallel part.
 */
public final class DigestDispatcher {
    /** Token purpose of a reader's private feed. */
    static final String FEED = "feed";
    /** Readers whose candidates are gathered in one pass over a period's articles (those not ranked shared). */
    static final int READERS_PER_PASS = 2_000;
    /**
     * Digests claimed in one transaction and then sent: one commit for many readers, memory bounded (two batches of
     * messages held at once). The claims are a round's serial part; a bigger commit writes the pages of the sent
     * items' article index that every digest touches fewer times.
     */
    static final int CLAIMS_PER_COMMIT = 1_000;
    /** Up to this many readers, their follows and mutes are read reader by reader rather than all at once. */
    private static final int FEW_READERS = 64;

    public enum Status { SENT, QUEUED, NOTHING_NEW, ALREADY_SENT, NOT_CONFIRMED, SUPPRESSED }

    /**
     * @param status what happened
     * @param digest the digest (empty when nothing was new)
     * @param mail   the rendered message, or null when there was nothing to send (and in a round's results)
     * @param mime   the composed message, or null when there was nothing to send (and in a round's results)
     */
    public record Result(Status status, Digest digest, OutgoingMail mail, byte[] mime) {}

    /** A reader whose digest at {@code at} is due. */
    public record Due(Reader reader, Instant at) {}

    /** What became of one due digest of a round: a result, or the failure that stopped it (then result is null). */
    public record Run(Due due, Result result, Exception failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    private final ArticleStore articles;
    private final FollowStore follows;
    private final DeliveryStore deliveries;
    private final MuteStore mutes;
    private final DigestBuilder builder;
    private final DigestRenderer renderer;
    private final MimeComposer composer;
    private final OutboxSender outbox;
    private final SignedTokens tokens;
    private final InstantSource clock;

    public DigestDispatcher(ArticleStore articles, FollowStore follows, DeliveryStore deliveries, MuteStore mutes,
                            DigestBuilder builder, DigestRenderer renderer, MimeComposer composer,
                            OutboxSender outbox, SignedTokens tokens, InstantSource clock) {
        this.articles = articles;
        this.follows = follows;
        this.deliveries = deliveries;
        this.mutes = mutes;
        this.builder = builder;
        this.renderer = renderer;
        this.composer = composer;
        this.outbox = outbox;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The digest the reader would get at {@code at}, without recording or sending anything. */
    public Digest preview(Reader reader, Instant at) {
        DigestPeriod period = builder.period(reader, at);
        List<Follow> theirs = follows.ofReader(reader.id());
        if (theirs.isEmpty()) return new Digest(reader, period, List.of());
        List<Article> news = articles.overlapping(period.start().minus(DigestBuilder.GRACE), period.end());
        // the reader's own follows matched as they are, one by one: what a round's shared matching must equal
        FollowMatcher matcher = new FollowMatcher(theirs);
        List<Mute> muted = mutes.ofReader(reader.id());
        List<DigestBuilder.Matched> candidates = new ArrayList<>();
        for (Article a : news) {
            if (silenced(muted, a)) continue;
            List<FollowMatch> m = matcher.match(a);
            if (!m.isEmpty()) candidates.add(new DigestBuilder.Matched(a, m));
        }
        return builder.compose(reader, period, candidates, deliveries.sentArticleIds(reader.id())).digest();
    }

    /** Builds the digest for {@code at}; records and sends it unless {@code dryRun}. */
    public Result run(Reader reader, Instant at, boolean dryRun) throws DeliveryException {
        Run run = runAll(List.of(new Due(reader, at)), dryRun, true).get(0);
        if (run.failure() instanceof DeliveryException e) throw e;
        if (run.failure() instanceof RuntimeException e) throw e;
        if (run.failure() != null) throw new IllegalStateException(run.failure());
        return run.result();
    }

    /**
     * Runs the digests of a round, as {@link #run} would one by one, and returns what became of each in the
     * order given. The messages go to the outbox (sent batch by batch, and flushed after each period), not into the results. A
     * failure stops only the digests it touched: a reader's own (rendering), or a batch's (its claim).
     */
    public List<Run> runAll(List<Due> due, boolean dryRun) {
        return runAll(due, dryRun, false);
    }

    private List<Run> runAll(List<Due> due, boolean dryRun, boolean keepMessages) {
        Run[] runs = new Run[due.size()];
        Map<DigestPeriod, List<Integer>> byPeriod = new LinkedHashMap<>();
        for (int i = 0; i < due.size(); i++) {
            Due d = due.get(i);
            byPeriod.computeIfAbsent(builder.period(d.reader(), d.at()), p -> new ArrayList<>()).add(i);
        }
        if (!dryRun) {
            for (Map.Entry<DigestPeriod, List<Integer>> group : byPeriod.entrySet()) {
                DigestPeriod period = group.getKey();
                Set<String> done = deliveries.digestsAmong(readerIds(due, group.getValue()), period.end());
                group.getValue().removeIf(i -> {
                    Reader reader = due.get(i).reader();
                    if (!done.contains(reader.id())) return false;
                    runs[i] = new Run(due.get(i), new Result(Status.ALREADY_SENT, new Digest(reader, period, List.of()),
                            null, null), null);
                    return true;
                });
            }
        }
        List<Integer> left = byPeriod.values().stream().flatMap(List::stream).toList();
        Map<String, List<Follow>> followsOf = followsOf(readerIds(due, left));
        Map<String, List<Mute>> mutesOf = mutesOf(readerIds(due, left));
        ExecutorService claimer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tidings-digest-claims");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Map.Entry<DigestPeriod, List<Integer>> group : byPeriod.entrySet()) {
                if (group.getValue().isEmpty()) continue;
                runPeriod(group.getKey(), group.getValue(), due, runs, followsOf, mutesOf, dryRun, keepMessages, claimer);
            }
        } finally {
            claimer.shutdown();
        }
        return List.of(runs);
    }

    /** One period's digests: its articles read and matched once, then built, claimed and flushed. */
    private void runPeriod(DigestPeriod period, List<Integer> indices, List<Due> due, Run[] runs,
                           Map<String, List<Follow>> followsOf, Map<String, List<Mute>> mutesOf, boolean dryRun,
                           boolean keepMessages, ExecutorService claimer) {
        List<Article> news = byStory(articles.overlapping(period.start().minus(DigestBuilder.GRACE), period.end()));
        Map<String, Set<String>> sent = news.isEmpty() ? Map.of()
                : deliveries.sentAmong(news.stream().map(Article::id).toList(),
                        news.stream().map(Article::ingestedAt).min(java.util.Comparator.naturalOrder()).orElseThrow(),
                        readerIds(due, indices));
        DigestRenderer.Shared shared = renderer.shared();
        // Readers with nothing muted get the shared ranking, what they were already sent left out by its
        // position in news; the others, whose candidates differ from what their follows matched, are matched
        // and ranked on their own.
        SharedRanking ranking = new SharedRanking(period, news);
        List<Follow> rankedFollows = new ArrayList<>();
        boolean anySent = false;
        for (int i : indices) {
            String reader = due.get(i).reader().id();
            if (ownRanking(reader, mutesOf)) continue;
            rankedFollows.addAll(followsOf.getOrDefault(reader, List.of()));
            anySent |= sent.containsKey(reader);
        }
        Map<String, Integer> positionOf = anySent ? positions(news) : Map.of();
        Map<Alike, SharedRanking.FollowStories> storiesOf = rankedFollows.isEmpty() || news.isEmpty() ? Map.of()
                : rank(ranking, rankedFollows, news);
        CompletableFuture<Void> claiming = CompletableFuture.completedFuture(null);
        boolean[] queued = {false}; // written on the claim thread, read after the last join
        for (int from = 0; from < indices.size(); from += READERS_PER_PASS) {
            List<Integer> pass = indices.subList(from, Math.min(indices.size(), from + READERS_PER_PASS));
            List<Follow> passFollows = new ArrayList<>();
            for (int i : pass) {
                String reader = due.get(i).reader().id();
                if (ownRanking(reader, mutesOf)) passFollows.addAll(followsOf.getOrDefault(reader, List.of()));
            }
            Map<String, List<DigestBuilder.Matched>> candidates = passFollows.isEmpty() || news.isEmpty() ? Map.of()
                    : candidates(passFollows, news, mutesOf);
            Set<String> suppressed = dryRun ? Set.of()
                    : deliveries.suppressedAmong(pass.stream().map(i -> due.get(i).reader().email()).toList());
            Map<String, List<Webhook>> hooks = dryRun ? Map.of() : deliveries.webhooksOf(readerIds(due, pass));
            for (int at = 0; at < pass.size(); at += CLAIMS_PER_COMMIT) {
                List<Integer> batch = pass.subList(at, Math.min(pass.size(), at + CLAIMS_PER_COMMIT));
                Prepared[] prepared = new Prepared[batch.size()];
                IntStream.range(0, batch.size()).parallel().forEach(k -> {
                    int i = batch.get(k);
                    Reader reader = due.get(i).reader();
                    try {
                        DigestBuilder.Composed composed;
                        if (ownRanking(reader.id(), mutesOf)) {
                            composed = builder.composeGrouped(reader, period,
                                    candidates.getOrDefault(reader.id(), List.of()),
                                    sent.getOrDefault(reader.id(), Set.of()));
                        } else {
                            List<Follow> theirs = followsOf.getOrDefault(reader.id(), List.of());
                            List<SharedRanking.FollowStories> stories = new ArrayList<>(theirs.size());
                            for (Follow f : theirs) {
                                stories.add(storiesOf.getOrDefault(Alike.of(f), SharedRanking.FollowStories.NONE));
                            }
                            composed = ranking.compose(reader, theirs, stories,
                                    positions(sent.getOrDefault(reader.id(), Set.of()), positionOf));
                        }
                        prepared[k] = prepare(reader, period, composed, dryRun, suppressed.contains(reader.email()),
                                hooks.getOrDefault(reader.id(), List.of()), shared);
                    } catch (RuntimeException | DeliveryException e) {
                        runs[i] = new Run(due.get(i), null, e);
                    }
                });
                claiming.join(); // the previous batch's claims are in before this one's start
                claiming = CompletableFuture.runAsync(() -> {
                    if (settle(batch, prepared, due, runs, keepMessages)) queued[0] = true;
                }, claimer);
            }
        }
        claiming.join();
        // anything else due: retries, and what a run that died left behind; once per period rather than per
        // batch, as each flush asks the database and the claims are what a round waits on
        if (queued[0]) outbox.flush();
    }

    /**
     * Whether the reader's digest cannot come from the shared ranking: they mute, and what a mute silences is
     * theirs alone. (What they were already sent can: the shared ranking leaves it out.)
     */
    private static boolean ownRanking(String reader, Map<String, List<Mute>> mutesOf) {
        return !mutesOf.getOrDefault(reader, List.of()).isEmpty();
    }

    /** Each article's position in the period's articles, by id: how the shared ranking names what was sent. */
    private static Map<String, Integer> positions(List<Article> news) {
        Map<String, Integer> positionOf = new HashMap<>(news.size() * 2);
        for (int i = 0; i < news.size(); i++) positionOf.put(news.get(i).id(), i);
        return positionOf;
    }

    /** The positions of the sent articles among the period's; an id not among them was not a candidate anyway. */
    private static int[] positions(Set<String> sent, Map<String, Integer> positionOf) {
        int[] positions = new int[sent.size()];
        int n = 0;
        for (String id : sent) {
            Integer at = positionOf.get(id);
            if (at != null) positions[n++] = at;
        }
        return n == positions.length ? positions : java.util.Arrays.copyOf(positions, n);
    }

    /** What makes two follows match the same articles for the same reason. */
    private record Alike(Follow.Kind kind, String target, String label, boolean aboutOnly) {
        static Alike of(Follow f) {
            return new Alike(f.kind(), f.target(), f.label(), f.aboutOnly());
        }

        Follow standIn(String id) {
            return new Follow(id, id, kind, target, label, false, aboutOnly, Instant.EPOCH);
        }
    }

    /**
     * What each kind of follow among {@code follows} matched in the period, ranked once for every reader with
     * such a follow: one {@link FollowMatcher} of one follow per kind, each article matched once.
     */
    private static Map<Alike, SharedRanking.FollowStories> rank(SharedRanking ranking, List<Follow> follows,
                                                               List<Article> news) {
        Map<Alike, Integer> numbers = new LinkedHashMap<>();
        for (Follow f : follows) numbers.putIfAbsent(Alike.of(f), numbers.size());
        List<Follow> standIns = new ArrayList<>(numbers.size());
        for (Alike k : numbers.keySet()) standIns.add(k.standIn(Integer.toString(standIns.size())));
        int[][] positions = new int[standIns.size()][];
        int[] counts = new int[standIns.size()];
        List<List<String>> reasons = new ArrayList<>(standIns.size());
        for (int k = 0; k < standIns.size(); k++) {
            positions[k] = new int[16];
            reasons.add(new ArrayList<>());
        }
        FollowMatcher matcher = new FollowMatcher(standIns);
        for (int a = 0; a < news.size(); a++) {
            for (FollowMatch hit : matcher.match(news.get(a))) {
                int k = Integer.parseInt(hit.follow().id()); // a stand-in's id is its number
                if (counts[k] > 0 && positions[k][counts[k] - 1] == a) continue; // one match per article is enough
                if (counts[k] == positions[k].length) positions[k] = java.util.Arrays.copyOf(positions[k], counts[k] * 2);
                positions[k][counts[k]++] = a;
                reasons.get(k).add(hit.reason());
            }
        }
        List<Alike> kinds = List.copyOf(numbers.keySet());
        List<SharedRanking.FollowStories> stories = IntStream.range(0, standIns.size()).parallel()
                .mapToObj(k -> ranking.rank(standIns.get(k), java.util.Arrays.copyOf(positions[k], counts[k]),
                        reasons.get(k)))
                .toList();
        Map<Alike, SharedRanking.FollowStories> ranked = new HashMap<>(kinds.size() * 2);
        for (int k = 0; k < kinds.size(); k++) ranked.put(kinds.get(k), stories.get(k));
        return ranked;
    }

    /** A reader's digest built, rendered and composed, and what is left to do with it. */
    private record Prepared(Result result, DeliveryStore.DigestClaim claim) {}

    private Prepared prepare(Reader reader, DigestPeriod period, DigestBuilder.Composed composed, boolean dryRun,
                             boolean suppressed, List<Webhook> hooks, DigestRenderer.Shared shared)
            throws DeliveryException {
        Digest digest = composed.digest();
        if (digest.isEmpty()) return new Prepared(new Result(Status.NOTHING_NEW, digest, null, null), null);
        OutgoingMail mail = renderer.render(composed, f -> unfollowToken(reader, f), unsubscribeToken(reader),
                clock.instant(), shared);
        byte[] mime = composer.toBytes(mail);
        if (dryRun) return new Prepared(new Result(Status.QUEUED, digest, mail, mime), null);
        if (!reader.confirmed()) return new Prepared(new Result(Status.NOT_CONFIRMED, digest, mail, mime), null);
        if (suppressed) return new Prepared(new Result(Status.SUPPRESSED, digest, mail, mime), null);
        List<DeliveryStore.Companion> companions = new ArrayList<>(hooks.size());
        for (Webhook hook : hooks) {
            companions.add(new DeliveryStore.Companion(AlertDispatcher.webhookMessageId(hook, mail), hook.id(),
                    OutboxSender.WEBHOOK, renderer.digestJson(digest, mail)));
        }
        DeliveryStore.DigestClaim claim = new DeliveryStore.DigestClaim(reader.id(), period.start(), period.end(),
                mail.messageId(), articleIds(digest), newestIngest(digest), reader.email(), mime, companions);
        return new Prepared(new Result(Status.SENT, digest, mail, mime), claim);
    }

    /**
     * Claims a batch's digests in one transaction, records each one's outcome and sends them; true when it got as
     * far as claiming (then the period ends with a flush).
     */
    private boolean settle(List<Integer> batch, Prepared[] prepared, List<Due> due, Run[] runs, boolean keepMessages) {
        List<DeliveryStore.DigestClaim> claims = new ArrayList<>();
        List<Integer> claimedAt = new ArrayList<>();
        for (int k = 0; k < batch.size(); k++) {
            if (prepared[k] == null) continue; // failed while being built: its run says why
            if (prepared[k].claim() != null) {
                claims.add(prepared[k].claim());
                claimedAt.add(k);
            } else {
                runs[batch.get(k)] = new Run(due.get(batch.get(k)), lean(prepared[k].result(), keepMessages), null);
            }
        }
        if (claims.isEmpty()) return false;
        DeliveryStore.ClaimedDigests done;
        try {
            // queued leased to this process and sent from memory below: not read back and leased row by row
            done = deliveries.claimDigests(claims, clock.instant().plus(outbox.policy().lease()),
                    OutboxSender.LeaseOwner.SELF);
        } catch (RuntimeException e) {
            for (int k : claimedAt) runs[batch.get(k)] = new Run(due.get(batch.get(k)), null, e);
            return false;
        }
        for (int c = 0; c < claims.size(); c++) {
            int k = claimedAt.get(c);
            Result r = prepared[k].result();
            if (!done.claimed().get(c)) r = new Result(Status.ALREADY_SENT, r.digest(), r.mail(), r.mime());
            runs[batch.get(k)] = new Run(due.get(batch.get(k)), lean(r, keepMessages), null);
        }
        outbox.sendLeased(done.leased());
        return true;
    }

    /** A round's results leave the messages out: they are in the outbox, and a round may have 100,000 of them. */
    private static Result lean(Result r, boolean keepMessages) {
        return keepMessages || r.mail() == null ? r : new Result(r.status(), r.digest(), null, null);
    }

    /**
     * Each reader's candidates: the articles that matched their follows (mutes aside), with those matches, in
     * the order of {@code news}. Follows alike for matching (kind, target, label, about-only) are matched once
     * as one: the {@link FollowMatcher} holds one follow per distinct kind of follow, each article is matched
     * once, and each of its hits is handed, with its reason, to every reader who has such a follow. Thousands
     * of readers follow the same popular concept; matched one follow each, an article would be matched, sorted
     * and worded for every one of them.
     */
    private static Map<String, List<DigestBuilder.Matched>> candidates(List<Follow> follows, List<Article> news,
                                                                       Map<String, List<Mute>> mutesOf) {
        /** A reader's candidates so far and their mutes. */
        record Slot(List<DigestBuilder.Matched> found, List<Mute> muted) {}
        /** A reader's follow and where its matches go. */
        record Follower(Follow follow, Slot slot) {}

        Map<String, Slot> slots = new HashMap<>();
        Map<Alike, List<Follower>> alike = new LinkedHashMap<>();
        for (Follow f : follows) {
            Slot slot = slots.computeIfAbsent(f.readerId(),
                    r -> new Slot(new ArrayList<>(64), mutesOf.getOrDefault(r, List.of())));
            alike.computeIfAbsent(Alike.of(f), k -> new ArrayList<>())
                    .add(new Follower(f, slot));
        }
        List<Follow> standIns = new ArrayList<>(alike.size());
        Map<String, List<Follower>> followersOf = new HashMap<>(alike.size() * 2);
        for (Map.Entry<Alike, List<Follower>> e : alike.entrySet()) {
            String id = "alike-" + standIns.size();
            standIns.add(e.getKey().standIn(id));
            followersOf.put(id, e.getValue());
        }
        FollowMatcher matcher = new FollowMatcher(standIns);
        for (Article article : news) {
            for (FollowMatch hit : matcher.match(article)) {
                for (Follower follower : followersOf.get(hit.follow().id())) {
                    Slot slot = follower.slot();
                    List<DigestBuilder.Matched> found = slot.found();
                    int last = found.size() - 1;
                    FollowMatch match = new FollowMatch(follower.follow(), hit.reason());
                    if (last >= 0 && found.get(last).article() == article) {
                        // a second follow of this reader matched the same article
                        List<FollowMatch> both = new ArrayList<>(found.get(last).matches());
                        both.add(match);
                        found.set(last, new DigestBuilder.Matched(article, both));
                    } else if (slot.muted().isEmpty() || !silenced(slot.muted(), article)) {
                        found.add(new DigestBuilder.Matched(article, List.of(match)));
                    }
                }
            }
        }
        Map<String, List<DigestBuilder.Matched>> byReader = new HashMap<>(slots.size() * 2);
        slots.forEach((reader, slot) -> {
            if (!slot.found().isEmpty()) byReader.put(reader, slot.found());
        });
        return byReader;
    }

    /** The articles in story order (then by id), so that each reader's candidates of a story come together. */
    private static List<Article> byStory(List<Article> news) {
        List<Article> sorted = new ArrayList<>(news);
        sorted.sort(Comparator.comparing(Article::story, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .thenComparing(Article::id));
        return sorted;
    }

    private static boolean silenced(List<Mute> muted, Article article) {
        for (Mute mute : muted) if (mute.silences(article)) return true;
        return false;
    }

    /** The readers' follows, each reader's in the order they were added. */
    private Map<String, List<Follow>> followsOf(Set<String> readers) {
        Map<String, List<Follow>> byReader = new HashMap<>();
        if (readers.size() <= FEW_READERS) {
            for (String reader : readers) byReader.put(reader, follows.ofReader(reader));
            return byReader;
        }
        for (Follow f : follows.all()) {
            if (readers.contains(f.readerId())) byReader.computeIfAbsent(f.readerId(), r -> new ArrayList<>()).add(f);
        }
        return byReader;
    }

    private Map<String, List<Mute>> mutesOf(Set<String> readers) {
        if (readers.size() > FEW_READERS) return mutes.byReader();
        Map<String, List<Mute>> byReader = new HashMap<>();
        for (String reader : readers) byReader.put(reader, mutes.ofReader(reader));
        return byReader;
    }

    private static Set<String> readerIds(List<Due> due, List<Integer> indices) {
        Set<String> ids = new HashSet<>(indices.size() * 2);
        for (int i : indices) ids.add(due.get(i).reader().id());
        return ids;
    }

    /** Every article the digest carries, shown or folded in, by id (without hashing whole articles). */
    private static List<String> articleIds(Digest digest) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (Digest.Section section : digest.sections()) {
            for (Digest.Entry entry : section.entries()) {
                ids.add(entry.article().id());
                for (Article other : entry.others()) ids.add(other.id());
            }
        }
        return List.copyOf(ids);
    }

    /** The latest {@code ingestedAt} among the articles the digest carries, shown or folded in; null if none. */
    private static Instant newestIngest(Digest digest) {
        Instant newest = null;
        for (Digest.Section section : digest.sections()) {
            for (Digest.Entry entry : section.entries()) {
                Instant at = entry.article().ingestedAt();
                if (newest == null || at.isAfter(newest)) newest = at;
                for (Article other : entry.others()) {
                    if (other.ingestedAt().isAfter(newest)) newest = other.ingestedAt();
                }
            }
        }
        return newest;
    }

    /** The token in a reader's unsubscribe links; it never expires. */
    public String unsubscribeToken(Reader reader) {
        return tokens.issuePermanent(ReaderAccounts.UNSUBSCRIBE, reader.id());
    }

    /** The token of the link in a digest section that stops that follow alone; it never expires. */
    public String unfollowToken(Reader reader, Follow follow) {
        return tokens.issuePermanent(ReaderAccounts.UNFOLLOW, reader.id() + " " + follow.target());
    }

    /** The token of a reader's private Atom feed; it never expires. */
    public String feedToken(Reader reader) {
        return tokens.issuePermanent(FEED, reader.id());
    }

    /** The reader a private feed token names. */
    public Optional<String> feedReader(String token) {
        return tokens.verify(FEED, token);
    }

    /**
     * What matched the reader's follows over the past {@code span}, newest first, at most {@code limit}
     * articles: the content of their private Atom feed (sent or not, muted follows aside).
     */
    public List<Article> matched(Reader reader, Duration span, int limit) {
        List<Follow> theirs = follows.ofReader(reader.id());
        if (theirs.isEmpty()) return List.of();
        FollowMatcher matcher = new FollowMatcher(theirs);
        Instant now = clock.instant();
        List<Article> found = new ArrayList<>();
        for (Article a : articles.overlapping(now.minus(span), now.plusSeconds(1))) {
            if (!matcher.match(a).isEmpty()) found.add(a);
        }
        found.sort(Comparator.comparing((Article a) -> a.effectivePublished().instant()).reversed()
                .thenComparing(Article::id));
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }
}
