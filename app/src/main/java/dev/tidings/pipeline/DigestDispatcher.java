package dev.tidings.pipeline;

import dev.tidings.auth.SignedTokens;
import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.digest.DigestBuilder;
import dev.tidings.digest.DigestRenderer;
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

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a reader's digest for an instant and, unless it is a dry run, records it and sends it.
 *
 * <p>Exactly once: the digest is claimed in the database by (reader, instant) in the same
 * transaction that stores the message in the outbox and marks its articles as sent, so a second run
 * for the same instant finds the claim and sends nothing, and a crash after the claim leaves the
 * message in the outbox for the next flush.
 */
public final class DigestDispatcher {
    /** Token purpose of a reader's private feed. */
    static final String FEED = "feed";

    public enum Status { SENT, QUEUED, NOTHING_NEW, ALREADY_SENT, NOT_CONFIRMED, SUPPRESSED }

    /**
     * @param status what happened
     * @param digest the digest (empty when nothing was new)
     * @param mail   the rendered message, or null when there was nothing to send
     * @param mime   the composed message, or null when there was nothing to send
     */
    public record Result(Status status, Digest digest, OutgoingMail mail, byte[] mime) {}

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
        return build(reader, at);
    }

    /** Builds the digest for {@code at}; records and sends it unless {@code dryRun}. */
    public Result run(Reader reader, Instant at, boolean dryRun) throws DeliveryException {
        if (!dryRun) {
            var earlier = deliveries.digest(reader.id(), at);
            if (earlier.isPresent()) {
                return new Result(Status.ALREADY_SENT, new Digest(reader, builder.period(reader, at), List.of()),
                        null, null);
            }
        }
        DigestBuilder.Composed composed = compose(reader, at);
        Digest digest = composed.digest();
        if (digest.isEmpty()) return new Result(Status.NOTHING_NEW, digest, null, null);
        OutgoingMail mail = renderer.render(composed, f -> unfollowToken(reader, f), unsubscribeToken(reader),
                clock.instant());
        byte[] mime = composer.toBytes(mail);
        if (dryRun) return new Result(Status.QUEUED, digest, mail, mime);
        if (!reader.confirmed()) return new Result(Status.NOT_CONFIRMED, digest, mail, mime);
        if (deliveries.isSuppressed(reader.email())) return new Result(Status.SUPPRESSED, digest, mail, mime);
        List<String> ids = digest.articles().stream().map(Article::id).toList();
        List<DeliveryStore.Companion> hooks = new ArrayList<>();
        for (Webhook hook : deliveries.webhooksFor(reader.id())) {
            hooks.add(new DeliveryStore.Companion(AlertDispatcher.webhookMessageId(hook, mail), hook.id(),
                    OutboxSender.WEBHOOK, renderer.digestJson(digest, mail)));
        }
        boolean claimed = deliveries.claimDigest(reader.id(), digest.period().start(), digest.period().end(),
                mail.messageId(), ids, reader.email(), mime, hooks);
        if (!claimed) return new Result(Status.ALREADY_SENT, digest, mail, mime);
        outbox.flush();
        return new Result(Status.SENT, digest, mail, mime);
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
    public List<Article> matched(Reader reader, java.time.Duration span, int limit) {
        List<Follow> theirs = follows.ofReader(reader.id());
        if (theirs.isEmpty()) return List.of();
        FollowMatcher matcher = new FollowMatcher(theirs);
        Instant now = clock.instant();
        List<Article> found = new ArrayList<>();
        for (Article a : articles.overlapping(now.minus(span), now.plusSeconds(1))) {
            if (!matcher.match(a).isEmpty()) found.add(a);
        }
        found.sort(java.util.Comparator.comparing((Article a) -> a.effectivePublished().instant()).reversed()
                .thenComparing(Article::id));
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    private Digest build(Reader reader, Instant at) {
        return compose(reader, at).digest();
    }

    private DigestBuilder.Composed compose(Reader reader, Instant at) {
        DigestPeriod period = builder.period(reader, at);
        List<Follow> theirs = follows.ofReader(reader.id());
        if (theirs.isEmpty()) return new DigestBuilder.Composed(new Digest(reader, period, List.of()), List.of());
        FollowMatcher matcher = new FollowMatcher(theirs);
        List<Mute> muted = mutes.ofReader(reader.id());
        Map<Article, List<FollowMatch>> matched = new LinkedHashMap<>();
        for (Article a : articles.overlapping(period.start().minus(DigestBuilder.GRACE), period.end())) {
            if (muted.stream().anyMatch(mute -> mute.silences(a))) continue;
            List<FollowMatch> m = matcher.match(a);
            if (!m.isEmpty()) matched.put(a, m);
        }
        Set<String> sent = deliveries.sentArticleIds(reader.id());
        return builder.compose(reader, period, matched, sent);
    }
}
