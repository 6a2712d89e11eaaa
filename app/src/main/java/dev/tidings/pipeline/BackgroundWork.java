package dev.tidings.pipeline;

import dev.tidings.digest.DigestSchedule;
import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.IngestException;
import dev.tidings.model.Article;
import dev.tidings.model.Reader;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.FollowStore;
import dev.tidings.store.ReaderStore;
import dev.tidings.store.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code serve} does on its own: ingests files dropped in the inbox, indexes and alerts on
 * articles stored by any process (a CLI import while the server runs is picked up here), sends due
 * digests and flushes the outbox. Each round catches and records its own failures so one bad file or
 * one unreachable mail server never stops the others.
 */
public final class BackgroundWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
    /** A file younger than this may still be being written; the inbox leaves it for the next round. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private final ArticlePipeline pipeline;
    private final ArticleStore articles;
    private final SearchIndex index;
    private final AlertDispatcher alerts;
    private final DigestDispatcher digests;
    private final DigestSchedule schedule;
    private final ReaderStore readers;
    private final FollowStore follows;
    private final OutboxSender outbox;
    private final FailureLog failures;
    private final Path inbox;
    private final InstantSource clock;
    private final Map<String, Instant> lastDigest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "tidings-background");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastSeq = -1;
    private volatile SourcePoller poller;
    /** Released when an article was stored in this process: the alert loop wakes at once instead of polling. */
    private final java.util.concurrent.Semaphore stored = new java.util.concurrent.Semaphore(0);
    private volatile Thread alertLoop;
    private volatile Thread senderLoop;
    /** Released when alerts were queued: the sender thread sends them. */
    private final java.util.concurrent.Semaphore queued = new java.util.concurrent.Semaphore(0);
    /**
     * Outbox rows the alert loop queued already leased to this process, handed to the sender in memory: it
     * neither reads them back nor leases them in a transaction of its own. Drained under its own monitor, so
     * whoever drains it next waits for a send in progress to finish.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<DeliveryStore.OutboxItem> handedOver =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int ALERT_BATCH = 10;
    /** How often, in milliseconds, the alert loop looks for articles that other processes stored. */
    public static final long ALERT_POLL_MILLIS = 250;
    static final Duration ALERT_POLL = Duration.ofMillis(ALERT_POLL_MILLIS);

    public BackgroundWork(ArticlePipeline pipeline, ArticleStore articles, SearchIndex index, AlertDispatcher alerts,
                          DigestDispatcher digests, DigestSchedule schedule, ReaderStore readers, FollowStore follows,
                          OutboxSender outbox, FailureLog failures, Path inbox, InstantSource clock) {
        this.pipeline = pipeline;
        this.articles = articles;
        this.index = index;
        this.alerts = alerts;
        this.digests = digests;
        this.schedule = schedule;
        this.readers = readers;
        this.follows = follows;
        this.outbox = outbox;
        this.failures = failures;
        this.inbox = inbox;
        this.clock = clock;
    }

    /**
     * Starts the rounds: the inbox and the search index every second; instant alerts as soon as
     * {@link #articlesStored()} says an article was stored, else every {@link #ALERT_POLL} for other
     * processes' writes; due digests every 20 seconds; held alerts and the outbox's due retries every 5 seconds.
     */
    public void start() {
        executor.scheduleWithFixedDelay(() -> guarded("inbox", this::scanInbox), 0, 1, TimeUnit.SECONDS);
        Thread loop = new Thread(this::alertLoop, "tidings-alerts");
        loop.setDaemon(true);
        alertLoop = loop;
        loop.start();
        Thread sender = new Thread(this::senderLoop, "tidings-sender");
        sender.setDaemon(true);
        senderLoop = sender;
        sender.start();
        executor.scheduleWithFixedDelay(() -> guarded("index", () -> index.catchUp(articles)), 0, 1, TimeUnit.SECONDS);
        executor.scheduleWithFixedDelay(() -> guarded("digests", this::sendDueDigests), 2, 20, TimeUnit.SECONDS);
        executor.scheduleWithFixedDelay(() -> guarded("held alerts", alerts::releaseHeld), 3, 5, TimeUnit.SECONDS);
        executor.scheduleWithFixedDelay(() -> guarded("outbox", outbox::flush), 5, 5, TimeUnit.SECONDS);
        if (poller != null) {
            executor.scheduleWithFixedDelay(() -> guarded("sources", poller::pollDue), 1, 5, TimeUnit.SECONDS);
        }
    }

    /** Adds a round that polls due sources every 5 seconds (each source has its own interval); call before {@link #start}. */
    public BackgroundWork withPolling(SourcePoller poller) {
        this.poller = poller;
        return this;
    }
    /**
     * Says that an article was stored in this process, so its instant alerts go out now rather than at the
     * next poll. Cheap and safe from any thread; several calls before the loop runs make one round.
     */
    public void articlesStored() {
        stored.release();
    }

    private void alertLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                stored.tryAcquire(ALERT_POLL.toMillis(), TimeUnit.MILLISECONDS);
                stored.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            guarded("new articles", () -> alertNewArticles(false));
        }
    }

    /** Ingests the files waiting in the inbox, moving each to {@code done/} or {@code failed/}. */
    public int scanInbox() throws IOException {
        Files.createDirectories(inbox);
        List<Path> waiting;
        try (Stream<Path> files = Files.list(inbox)) {
            waiting = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(this::settled).sorted().toList();
        }
        int ingested = 0;
        for (Path file : waiting) {
            try {
                ArticlePipeline.Ingested result = pipeline.ingest(file);
                articlesStored();
                move(file, "done");
                LOG.info("inbox: {} {} ({})", result.outcome().name().toLowerCase(), result.article().title(), file.getFileName());
                ingested++;
            } catch (IngestException e) {
                // The pipeline recorded the failure; keep the file for a replay after a fix.
                LOG.warn("inbox: {}", e.getMessage());
                move(file, "failed");
            }
        }
        return ingested;
    }

    /** Indexes articles stored since the last round (by any process) and sends their instant alerts. */
    public int followNewArticles() {
        int alerted = alertNewArticles(true);
        sendHandedOver();
        outbox.flush();
        queued.drainPermits();
        index.catchUp(articles);
        return alerted;
    }

    /**
     * Sends the instant alerts of articles stored since the last round (by any process). The search index
     * catches up in its own round: a Lucene commit must not delay an alert.
     */
    private synchronized int alertNewArticles(boolean storiesNow) {
        if (lastSeq < 0) {
            // Articles stored before this server started were alerted (or not) when they arrived.
            lastSeq = articles.maxSeq();
        }
        int total = 0;
        List<ArticleStore.Sequenced> batch;
        // Small batches, each handed to the sender as soon as it is queued: the first alert of a burst
        // need not wait for the last one to be rendered.
        while (!(batch = articles.after(lastSeq, ALERT_BATCH)).isEmpty()) {
            List<DeliveryStore.OutboxItem> leased = alerts.queueForSender(
                    batch.stream().map(ArticleStore.Sequenced::article).toList());
            if (!leased.isEmpty()) {
                handedOver.addAll(leased);
                queued.release();
            }
            // Articles another process stored (a CLI import) join this server's story index too: on the
            // background pool in the alert loop, so that neither the story work nor its lock delays an alert.
            List<Article> stored = batch.stream().map(ArticleStore.Sequenced::article).toList();
            if (storiesNow) stored.forEach(pipeline::knowStory);
            else executor.execute(() -> guarded("stories", () -> {
                stored.forEach(pipeline::knowStory);
                return null;
            }));
            lastSeq = batch.get(batch.size() - 1).seq();
            total += batch.size();
        }
        return total;
    }

    private void senderLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                queued.acquire();
                queued.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            guarded("outbox", this::sendHandedOver);
        }
    }

    /** Sends, in one batch, the alerts handed over so far; returns how many went out. */
    private int sendHandedOver() {
        synchronized (handedOver) {
            List<DeliveryStore.OutboxItem> items = new java.util.ArrayList<>();
            for (DeliveryStore.OutboxItem item; (item = handedOver.poll()) != null; ) items.add(item);
            return outbox.sendLeased(items);
        }
    }

    /**
     * Runs every confirmed reader's latest due digest once, as one round ({@link DigestDispatcher#runAll}):
     * readers due at the same instant share one pass over their period's articles.
     */
    public int sendDueDigests() {
        Instant now = clock.instant();
        List<DigestDispatcher.Due> due = new java.util.ArrayList<>();
        for (Reader reader : readers.all()) {
            if (!reader.confirmed()) continue;
            Optional<Instant> at = schedule.latestDue(reader, now);
            if (at.isEmpty() || at.get().equals(lastDigest.get(reader.id()))) continue;
            due.add(new DigestDispatcher.Due(reader, at.get()));
        }
        if (due.isEmpty()) return 0;
        int sent = 0;
        for (DigestDispatcher.Run run : digests.runAll(due, false)) {
            Reader reader = run.due().reader();
            if (run.failed()) {
                failures.record(reader.email(), "digest", String.valueOf(run.failure().getMessage()));
                LOG.warn("digest for {} failed: {}", reader.email(), run.failure().toString());
                continue;
            }
            if (run.result().status() == DigestDispatcher.Status.SENT) {
                sent++;
                LOG.info("digest for {} at {}: {} stories", reader.email(), run.due().at(),
                        run.result().digest().sections().stream().mapToInt(s -> s.entries().size()).sum());
            }
            lastDigest.put(reader.id(), run.due().at());
        }
        return sent;
    }

    private boolean settled(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(SETTLE));
        } catch (IOException e) {
            return false;
        }
    }

    private void move(Path file, String folder) throws IOException {
        Path dir = inbox.resolve(folder);
        Files.createDirectories(dir);
        Path target = dir.resolve(file.getFileName());
        if (Files.exists(target)) target = dir.resolve(clock.millis() + "-" + file.getFileName());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private void guarded(String round, Checked work) {
        try {
            work.run();
        } catch (Exception | LinkageError e) {
            LOG.warn("{} round failed: {}", round, e.toString());
            try {
                failures.record("serve", round, String.valueOf(e.getMessage()));
            } catch (RuntimeException ignored) {
                // The database itself may be what failed; the log line above is all we can do.
            }
        }
    }

    @FunctionalInterface
    private interface Checked {
        Object run() throws Exception;
    }

    @Override
    public void close() {
        for (Thread t : new Thread[] {alertLoop, senderLoop}) {
            if (t != null) t.interrupt();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
