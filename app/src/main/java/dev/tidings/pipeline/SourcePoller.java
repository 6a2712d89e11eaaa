package dev.tidings.pipeline;

import dev.tidings.ingest.AddressGuard;
import dev.tidings.ingest.Feed;
import dev.tidings.ingest.FeedReader;
import dev.tidings.ingest.FetchResult;
import dev.tidings.ingest.Fetcher;
import dev.tidings.ingest.IngestException;
import dev.tidings.ingest.PageFetcher;
import dev.tidings.model.Submission;
import dev.tidings.store.FailureLog;
import dev.tidings.store.SourceStore;
import dev.tidings.store.SourceStore.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Polls feed sources and sends their items through the {@link ArticlePipeline}.
 *
 * <p>Polite: a conditional GET (the validators of the last fetch), a 304 costs nothing; a source that
 * publishes rarely is polled less often (its interval stretches up to {@link #MAX_STRETCH} times what was
 * asked); a failing source backs off exponentially (up to {@link #MAX_BACKOFF}); {@code Retry-After} is
 * honoured. Safe: every fetch goes through the {@link Fetcher} and its guard; a feed that cannot be parsed
 * is recorded on its source and in the {@link FailureLog}, and its raw bytes are kept in
 * {@code failed/<source id>/} (at most {@link #KEEP_RAW} files per source) to replay after a fix.
 *
 * <p>Thread-safe. Sources are polled concurrently on a small pool; each fetch is bounded by the
 * fetcher's deadline, so one slow source never holds the others up for long.
 */
public final class SourcePoller implements AutoCloseable {
    /** The interval of a quiet source stretches at most this many times. */
    static final int MAX_STRETCH = 4;
    /** The longest wait after failures. */
    static final Duration MAX_BACKOFF = Duration.ofHours(24);
    /** Raw copies kept per source. */
    static final int KEEP_RAW = 20;
    /** The shortest interval an operator may ask for. */
    public static final Duration MIN_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(SourcePoller.class);
    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, "
            + "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    /** What one item came to: the stored article, or the reason it was not stored. */
    public record ItemOutcome(ArticlePipeline.Ingested ingested, String error) {
    }

    /** What one poll of one source came to. */
    public record Poll(long sourceId, String result, int newItems, int updatedItems, int failedItems) {
    }

    private final SourceStore sources;
    private final ArticlePipeline pipeline;
    private final Fetcher fetcher;
    private final FeedReader feeds = new FeedReader();
    private final FailureLog failures;
    private final Path failedDir;
    private final InstantSource clock;
    private final ExecutorService pool;

    /**
     * @param failedDir where raw copies of unreadable feeds go ({@code DATA/failed})
     * @param threads   how many sources are fetched at once
     */
    public SourcePoller(SourceStore sources, ArticlePipeline pipeline, Fetcher fetcher, FailureLog failures,
                        Path failedDir, InstantSource clock, int threads) {
        this.sources = sources;
        this.pipeline = pipeline;
        this.fetcher = fetcher;
        this.failures = failures;
        this.failedDir = failedDir;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tidings-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Adds a source after checking its URL (http or https, and not private unless allowed); empty when
     * the URL is already a source.
     */
    public Optional<Source> add(String url, Duration every, boolean allowPrivate) throws RejectedInput {
        String u = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new RejectedInput("'" + u + "' is not a valid URL", true);
        }
        if (every.compareTo(MIN_EVERY) < 0) {
            throw new RejectedInput("a source is polled at most once a minute, not every " + every.toSeconds() + " s", true);
        }
        try {
            new AddressGuard(allowPrivate).check(uri);
        } catch (IngestException e) {
            throw new RejectedInput(e.getMessage(), uri.getScheme() == null || !uri.getScheme().startsWith("http"));
        }
        return sources.add(u, null, every, allowPrivate, clock.instant());
    }

    /** Polls every due source, concurrently, and waits for them all. */
    public List<Poll> pollDue() throws InterruptedException {
        List<Future<Poll>> running = new ArrayList<>();
        for (Source s : sources.due(clock.instant())) {
            running.add(pool.submit(() -> poll(s)));
        }
        List<Poll> done = new ArrayList<>();
        for (Future<Poll> f : running) {
            try {
                done.add(f.get());
            } catch (ExecutionException e) {
                // poll() records its own failures; anything here is a bug, logged and survived.
                LOG.warn("polling failed unexpectedly", e.getCause());
            }
        }
        return done;
    }

    /** Fetches one source once and records what happened on it. */
    public Poll poll(Source source) {
        Instant started = clock.instant();
        FetchResult result = fetcher.fetch(source.url(), new Fetcher.Validators(source.etag(), source.lastModified()),
                source.allowPrivate(), ACCEPT);
        Instant now = clock.instant();
        if (result instanceof FetchResult.NotModified) {
            sources.recordNotModified(source.id(), now, now.plus(quietInterval(source, now)));
            return new Poll(source.id(), "not modified", 0, 0, 0);
        }
        if (result instanceof FetchResult.RateLimited r) {
            Duration wait = r.retryAfter().filter(d -> d.compareTo(source.every()) > 0).orElse(backoff(source));
            String message = source.url() + " asks to slow down (HTTP " + r.status() + ")"
                    + r.retryAfter().map(d -> "; retrying after " + d.toSeconds() + " s").orElse("");
            fail(source, now, "RATE_LIMITED", message, now.plus(wait));
            return new Poll(source.id(), "rate limited", 0, 0, 0);
        }
        if (result instanceof FetchResult.Failed f) {
            fail(source, now, f.kind().name(), f.message(), now.plus(backoff(source)));
            return new Poll(source.id(), "failed: " + f.kind(), 0, 0, 0);
        }
        FetchResult.Fetched fetched = (FetchResult.Fetched) result;
        Feed feed;
        try {
            feed = feeds.read(fetched.body(), fetched.contentType(), fetched.url(), source.url());
        } catch (IngestException e) {
            keepRaw(source, fetched.body(), started);
            fail(source, now, FetchResult.Kind.UNREADABLE.name(), e.getMessage(), now.plus(backoff(source)));
            return new Poll(source.id(), "failed: " + FetchResult.Kind.UNREADABLE, 0, 0, 0);
        }
        int fresh = 0;
        int updated = 0;
        int broken = 0;
        for (ItemOutcome o : ingest(feed, source.url(), source.allowPrivate())) {
            if (o.ingested() == null) broken++;
            else if (o.ingested().outcome() == ArticlePipeline.Outcome.NEW) fresh++;
            else if (o.ingested().outcome() == ArticlePipeline.Outcome.UPDATED) updated++;
        }
        Instant end = clock.instant();
        Duration next = fresh > 0 ? source.every() : quietInterval(source, end);
        sources.recordSuccess(source.id(), end, fetched.etag(), fetched.lastModified(), feed.title(), fresh, end.plus(next));
        if (fresh + updated > 0) LOG.info("{}: {} new, {} updated", source.name(), fresh, updated);
        return new Poll(source.id(), "fetched", fresh, updated, broken);
    }

    /**
     * Sends a feed's items through the pipeline, in feed order. An item that carries only a teaser gets
     * the text of its page (fetched through the same guard); when that fails the teaser is used.
     */
    public List<ItemOutcome> ingest(Feed feed, String origin, boolean allowPrivate) {
        PageFetcher pages = new PageFetcher(fetcher, allowPrivate);
        List<ItemOutcome> out = new ArrayList<>();
        for (Feed.Item item : feed.items()) {
            Submission fromFeed = null;
            String error = null;
            try {
                fromFeed = feeds.submission(feed, item, origin);
            } catch (IngestException e) {
                error = e.getMessage();
            }
            Submission chosen = fromFeed;
            if (FeedReader.isTeaser(item) || (fromFeed == null && item.link() != null)) {
                try {
                    Submission page = pages.fetch(item.link());
                    chosen = fromFeed == null
                            ? new Submission(origin + " item " + item.link(), item.title(), item.published(), item.link(),
                                    feed.title(), item.author(), null, "-", List.of())
                            : fromFeed;
                    chosen = FeedReader.withPage(chosen, page);
                } catch (IngestException e) {
                    failures.record(item.link(), "full text", e.getMessage());
                    if (fromFeed == null) error = e.getMessage();
                }
            }
            if (chosen == null) {
                failures.record(origin, "feed item", error);
                out.add(new ItemOutcome(null, error));
                continue;
            }
            try {
                out.add(new ItemOutcome(pipeline.ingest(chosen), null));
            } catch (IngestException e) {
                out.add(new ItemOutcome(null, e.getMessage()));
            }
        }
        return out;
    }

    /**
     * The wait after a poll without new items: the asked interval, stretched in proportion to how long the
     * source has been quiet (a quarter of the quiet time), bounded by {@link #MAX_STRETCH} times the interval.
     */
    static Duration quietInterval(Source source, Instant now) {
        Instant since = source.lastNewAt() != null ? source.lastNewAt() : source.addedAt();
        Duration quiet = Duration.between(since, now);
        Duration stretched = quiet.dividedBy(4);
        Duration max = source.every().multipliedBy(MAX_STRETCH);
        if (stretched.compareTo(source.every()) < 0) return source.every();
        return stretched.compareTo(max) > 0 ? max : stretched;
    }

    /** The wait after the next failure: the interval doubled per consecutive failure, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(Source source) {
        int n = Math.min(source.failures() + 1, 20);
        Duration d = source.every().multipliedBy(1L << Math.min(n, 16));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void fail(Source source, Instant now, String kind, String message, Instant next) {
        sources.recordFailure(source.id(), now, kind, message, next);
        failures.record(source.url(), "poll " + kind.toLowerCase(java.util.Locale.ROOT), message);
        LOG.warn("{}: {}", source.name(), message);
    }

    /** Keeps what could not be processed, newest {@link #KEEP_RAW} per source, for a replay after a fix. */
    private void keepRaw(Source source, byte[] body, Instant at) {
        Path dir = failedDir.resolve(String.valueOf(source.id()));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(at.toEpochMilli() + ".raw"), body);
            List<Path> kept;
            try (Stream<Path> files = Files.list(dir)) {
                kept = files.filter(p -> p.toString().endsWith(".raw"))
                        .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
            }
            for (Path old : kept.subList(Math.min(KEEP_RAW, kept.size()), kept.size())) Files.deleteIfExists(old);
        } catch (IOException e) {
            LOG.warn("cannot keep a raw copy for {}: {}", source.url(), e.toString());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
