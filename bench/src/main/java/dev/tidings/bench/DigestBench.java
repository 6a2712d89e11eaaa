package dev.tidings.bench;

import dev.tidings.auth.SignedTokens;
import dev.tidings.deliver.ComposedMail;
import dev.tidings.deliver.DeliveryException;
import dev.tidings.deliver.MailTransport;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.deliver.RetryPolicy;
import dev.tidings.deliver.WebhookPoster;
import dev.tidings.digest.DigestBuilder;
import dev.tidings.digest.DigestRenderer;
import dev.tidings.ingest.AddressGuard;
import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Published;
import dev.tidings.model.Quote;
import dev.tidings.model.Reader;
import dev.tidings.model.Relevance;
import dev.tidings.pipeline.DigestDispatcher;
import dev.tidings.pipeline.OutboxSender;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.Database;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.FollowStore;
import dev.tidings.store.MuteStore;
import dev.tidings.store.ReaderStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The digest benchmark: N personal digests (100,000 by default) through the production path — a
 * round of {@link DigestDispatcher#runAll} over a SQLite store, as {@code serve}'s digest round runs it: the
 * period's articles, follows, mutes and what was sent read from the store, matched, built, rendered, composed,
 * claimed into the outbox in batches and flushed to a transport that counts the bytes and drops them (the
 * SMTP bench measures sending). {@code --dry-run} stops after composing, as a preview does. Goal: 100k in
 * 60 s or less on 2 cores.
 *
 * <p>Before the round, the same process runs {@code --baseline N} readers (default 100) one at a time through
 * {@link DigestDispatcher#run} — a reader's own scan of the period, as each digest was built before rounds —
 * in dry-run mode so that their digests stay unclaimed, and prints both rates per CPU second of the process
 * (all threads, GC and JIT included: {@code OperatingSystemMXBean.getProcessCpuTime}), which a loaded machine
 * disturbs far less than wall time. Both are printed, with the load average.
 *
 * <p>Steady state, not a first day: the round measured is today's, after yesterday's round of the same readers
 * (timed and printed too). A digest takes the articles published up to twelve hours before its period
 * ({@code DigestBuilder.GRACE}), so yesterday's digests already carried part of today's candidates, which
 * today's round must find and leave out; {@code --first-day} measures a round with nothing sent before it.
 *
 * <p>Each day's news: 6,000 articles, from 1,500 stories that run over both days, about 200 concepts, each
 * article tagged with two or three of them, with quotes on a third. Each reader follows 3 to 8 concepts (popular ones more often), so a digest
 * holds from a handful to the cap of 40 entries. Readers and follows are written with plain batched SQL (the
 * stores add them one transaction each, which would make the setup, not the round, the slow part);
 * articles go through {@link ArticleStore#save}.
 *
 * <p>Run: {@code java -cp bench/target/tidings-bench.jar dev.tidings.bench.DigestBench [--readers N]
 * [--baseline N] [--dry-run] [--first-day] [--keep DIR]}.
 */
public final class DigestBench {
    private static final Instant AT = Instant.parse("2021-08-11T05:00:00Z");
    private static final int CONCEPTS = 200;
    private static final int ARTICLES = 6_000;
    private static final int STORIES = 1_500;

    private DigestBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        int readers = intOption(list, "--readers", 100_000);
        int baseline = intOption(list, "--baseline", 100);
        boolean dryRun = list.contains("--dry-run");
        boolean firstDay = list.contains("--first-day");
        Path dir = option(list, "--keep").map(Path::of).orElse(null);
        boolean temporary = dir == null;
        if (temporary) dir = Files.createTempDirectory("digest-bench");
        Files.createDirectories(dir);
        int threads = Runtime.getRuntime().availableProcessors();

        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("bench.db"))) {
            long setup = System.nanoTime();
            ArticleStore news = new ArticleStore(db);
            Random random = new Random(7);
            storeNews(news, random, "y", AT.minus(Duration.ofDays(1))); // yesterday's
            storeNews(news, random, "a", AT);
            storeReaders(db, readers + baseline);
            System.out.printf("setup: %,d articles over two days, %,d readers with their follows, in %.1f s%n",
                    2 * ARTICLES, readers + baseline, (System.nanoTime() - setup) / 1e9);

            CountingTransport transport = new CountingTransport();
            SettableClock clock = new SettableClock(AT);
            DeliveryStore deliveries = new DeliveryStore(db, clock);
            OutboxSender outbox = new OutboxSender(deliveries, transport, new WebhookPoster(), new AddressGuard(false),
                    new FailureLog(db, clock), RetryPolicy.DEFAULT, clock);
            DigestDispatcher dispatcher = new DigestDispatcher(new ArticleStore(db), new FollowStore(db), deliveries,
                    new MuteStore(db), new DigestBuilder(),
                    new DigestRenderer("https://news.example.org", "Tidings <news@example.org>"), new MimeComposer(),
                    outbox, new SignedTokens("bench-secret-of-enough-length-0123456789", clock), clock);
            List<Reader> all = new ReaderStore(db).all().stream().sorted(Comparator.comparing(Reader::id)).toList();
            List<Reader> round = all.subList(0, readers);
            List<Reader> single = all.subList(readers, all.size());

            // warm-up of both paths: class loading and the JIT, on readers the measured runs do not use
            int warm = Math.min(20, single.size());
            for (Reader r : single.subList(0, warm)) dispatcher.run(r, AT, true);
            dispatcher.runAll(single.subList(warm, single.size()).stream()
                    .map(r -> new DigestDispatcher.Due(r, AT)).toList(), true);

            if (!firstDay) {
                // Yesterday's round, as serve ran it: its digests carried the articles published in the last
                // twelve hours before today's period (DigestBuilder.GRACE), which today's round must leave out.
                Instant yesterday = AT.minus(Duration.ofDays(1));
                clock.set(yesterday);
                Measure m = Measure.start();
                List<DigestDispatcher.Run> runs = dispatcher.runAll(all.stream()
                        .map(r -> new DigestDispatcher.Due(r, yesterday)).toList(), false);
                Measure first = m.stop(all.size());
                Map<DigestDispatcher.Status, Integer> statuses = outcomes(runs);
                System.out.printf("%nyesterday: the first round (nothing sent before it): %,d digests, %s%n  outcomes %s%n",
                        all.size(), first.describe(), statuses);
                clock.set(AT);
            }

            Measure before = null;
            if (single.size() > warm) {
                Measure m = Measure.start();
                long entries = 0;
                for (Reader r : single.subList(warm, single.size())) entries += dispatcher.run(r, AT, true).digest().articles().size();
                before = m.stop(single.size() - warm);
                System.out.printf("%nbefore: one reader at a time (DigestDispatcher.run, dry run): %,d digests, %s%n",
                        single.size() - warm, before.describe());
                if (entries == 0) throw new IllegalStateException("the baseline digests were empty");
            }

            long sentBefore = transport.messages.get();
            long bytesBefore = transport.bytes.get();
            Measure m = Measure.start();
            List<DigestDispatcher.Run> runs = dispatcher.runAll(round.stream().map(r -> new DigestDispatcher.Due(r, AT)).toList(), dryRun);
            Measure after = m.stop(readers);
            Map<DigestDispatcher.Status, Integer> statuses = outcomes(runs);
            long entries = 0;
            for (DigestDispatcher.Run run : runs) {
                entries += run.result().digest().sections().stream().mapToInt(s -> s.entries().size()).sum();
            }
            long messages = transport.messages.get() - sentBefore;
            long bytes = transport.bytes.get() - bytesBefore;
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("after: %s (DigestDispatcher.runAll%s) on %d threads: %,d digests, %s%n",
                    firstDay ? "one round" : "today's round, with yesterday's digests sent",
                    dryRun ? ", dry run" : ": claimed into the outbox and flushed", threads, readers, after.describe());
            System.out.printf("  outcomes %s; %.1f stories per digest; %,d messages sent, %.1f KB each%n", statuses,
                    (double) entries / readers, messages, messages == 0 ? 0 : bytes / 1024.0 / messages);
            if (before != null) {
                System.out.printf("  per CPU second: %.1fx the one-at-a-time path%n", after.perCpuSecond() / before.perCpuSecond());
            }
            System.out.printf("  100,000 digests: %.1f s wall at this rate%s, %.1f s on %d fully used cores by CPU time"
                            + " (goal <= 60 s on 2 cores); load average %.1f%n",
                    100_000 / after.perWallSecond(), readers == 100_000 ? " (measured)" : " (extrapolated)",
                    100_000 / after.perCpuSecond() / threads, threads, load);
        } finally {
            if (temporary) deleteTree(dir);
        }
    }

    /** How many digests of a round ended each way; a failed one stops the benchmark. */
    private static Map<DigestDispatcher.Status, Integer> outcomes(List<DigestDispatcher.Run> runs) {
        Map<DigestDispatcher.Status, Integer> statuses = new EnumMap<>(DigestDispatcher.Status.class);
        for (DigestDispatcher.Run run : runs) {
            if (run.failed()) throw new IllegalStateException("a digest failed", run.failure());
            statuses.merge(run.result().status(), 1, Integer::sum);
        }
        return statuses;
    }

    /** The time the stores, tokens and messages see: yesterday's round runs at yesterday's hour. */
    private static final class SettableClock implements InstantSource {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * Wall and process CPU time over a span, and the CPU time of the round's claim threads (the serial part: the
     * writes to the database), read by a watcher every 100 ms while they live.
     */
    private record Measure(long wallNanos, long cpuNanos, int digests, ClaimWatch claims) {
        static Measure start() {
            return new Measure(System.nanoTime(), cpu(), 0, ClaimWatch.start());
        }

        Measure stop(int digests) {
            return new Measure(System.nanoTime() - wallNanos, cpu() - cpuNanos, digests, null).with(claims.stop());
        }

        private Measure with(ClaimWatch watched) {
            return new Measure(wallNanos, cpuNanos, digests, watched);
        }

        double perWallSecond() {
            return digests / (wallNanos / 1e9);
        }

        double perCpuSecond() {
            return digests / (cpuNanos / 1e9);
        }

        String describe() {
            String serial = claims == null || claims.cpuNanos() == 0 ? ""
                    : String.format("; the claim thread %.1f CPU s of it", claims.cpuNanos() / 1e9);
            return String.format("%.1f s wall (%,.0f digests/s), %.1f CPU s (%,.0f digests per CPU second)%s",
                    wallNanos / 1e9, perWallSecond(), cpuNanos / 1e9, perCpuSecond(), serial);
        }

        private static long cpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    /** Watches the threads named {@code tidings-digest-claims} and keeps the last CPU time seen of each. */
    private static final class ClaimWatch {
        private final java.util.concurrent.ConcurrentHashMap<Long, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean running = true;
        private Thread watcher;

        static ClaimWatch start() {
            ClaimWatch watch = new ClaimWatch();
            watch.watcher = new Thread(watch::watch, "bench-claim-watch");
            watch.watcher.setDaemon(true);
            watch.watcher.start();
            return watch;
        }

        private void watch() {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            while (running) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (!t.getName().equals("tidings-digest-claims")) continue;
                    long cpu = threads.getThreadCpuTime(t.getId());
                    if (cpu > 0) seen.merge(t.getId(), cpu, Math::max);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        ClaimWatch stop() {
            running = false;
            watcher.interrupt();
            try {
                watcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return this;
        }

        long cpuNanos() {
            return seen.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A transport that takes every message and keeps only the count and the bytes. */
    private static final class CountingTransport implements MailTransport {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void send(OutgoingMail mail) {
            throw new UnsupportedOperationException("the outbox sends composed messages");
        }

        @Override
        public void sendMime(String messageId, String recipient, byte[] mime) {
            messages.incrementAndGet();
            bytes.addAndGet(mime.length);
        }

        @Override
        public List<Optional<DeliveryException>> sendAll(List<ComposedMail> batch) {
            List<Optional<DeliveryException>> outcomes = new ArrayList<>(batch.size());
            for (ComposedMail mail : batch) {
                sendMime(mail.messageId(), mail.recipient(), mail.mime());
                outcomes.add(Optional.empty());
            }
            return outcomes;
        }

        @Override
        public String describe() {
            return "counting";
        }

        @Override
        public void close() {
        }
    }

    /**
     * Readers {@code r000000…}, all due at {@link #AT} (07:00 in Berlin, daily), each following 3 to 8 concepts
     * (popular ones more often).
     */
    private static void storeReaders(Database db, int count) {
        db.jdbi().useTransaction(h -> {
            var readers = h.prepareBatch("INSERT INTO readers (id, email, zone, digest_at, frequency, weekly_on,"
                    + " confirmed, created_at) VALUES (:id, :email, 'Europe/Berlin', '07:00', 'DAILY', 'MONDAY', TRUE, :created)");
            var follows = h.prepareBatch("INSERT INTO follows (id, reader_id, kind, target, label, instant, about_only,"
                    + " created_at, position) VALUES (:id, :reader, 'CONCEPT', :target, :label, FALSE, FALSE, :created, :position)");
            long position = 0;
            for (int r = 0; r < count; r++) {
                String id = String.format("r%06d", r);
                readers.bind("id", id).bind("email", "reader" + r + "@example.org")
                        .bind("created", AT.minus(Duration.ofDays(30)).toEpochMilli()).add();
                Random random = new Random(r);
                int n = 3 + random.nextInt(6);
                java.util.Set<Integer> chosen = new java.util.HashSet<>();
                for (int f = 0; f < n; f++) {
                    int concept = (int) (CONCEPTS * Math.pow(random.nextDouble(), 2)); // popular concepts more often
                    if (!chosen.add(concept)) continue; // one follow per concept, as the store keeps it
                    follows.bind("id", id + "-f" + f).bind("reader", id).bind("target", "topic/c" + concept)
                            .bind("label", "Concept " + concept)
                            .bind("created", AT.minus(Duration.ofDays(20 - f)).toEpochMilli())
                            .bind("position", ++position).add();
                }
                if (r % 10_000 == 9_999) {
                    readers.execute();
                    follows.execute();
                }
            }
            if (readers.size() > 0) readers.execute();
            if (follows.size() > 0) follows.execute();
        });
    }

    /**
     * A day's articles, published (and stored) in the day before {@code end}; ids {@code prefix + i}. Both days
     * draw from the same stories, as news runs on from one day into the next.
     */
    private static void storeNews(ArticleStore store, Random random, String prefix, Instant end) {
        String[] words = ("border guards reported crossings overnight officials said ministers met in the capital to discuss"
                + " the agreement on trade energy prices rose sharply after the storm while talks continued").split(" ");
        for (int i = 0; i < ARTICLES; i++) {
            List<ConceptTag> tags = new ArrayList<>();
            int n = 2 + random.nextInt(2);
            for (int k = 0; k < n; k++) {
                int c = (int) (CONCEPTS * Math.pow(random.nextDouble(), 2));
                tags.add(new ConceptTag("topic/c" + c, "Concept " + c, ConceptType.TOPIC,
                        k == 0 ? Relevance.ABOUT : Relevance.MENTIONS, 0.5 + random.nextDouble() / 2, 1 + random.nextInt(5)));
            }
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 300; w++) text.append(words[random.nextInt(words.length)]).append(w % 15 == 14 ? ". " : " ");
            List<Quote> quotes = i % 3 == 0 ? List.of(new Quote("person/p" + (i % 50), "Speaker " + (i % 50),
                    "We will keep the border open for trade but closed to smuggling, and talks will go on.")) : List.of();
            Instant published = end.minus(Duration.ofMinutes(1 + random.nextInt(24 * 60)));
            store.save(new Article(prefix + i, "Headline " + i + ": " + words[random.nextInt(words.length)] + " and "
                    + words[random.nextInt(words.length)] + " in the news", Published.at(published), "en",
                    "https://wire.example.org/" + prefix + i, "Wire " + (i % 40), null,
                    text.substring(0, 240), text.toString(), List.of(), List.copyOf(tags), quotes,
                    "s" + random.nextInt(STORIES), "h" + prefix + i, published));
        }
    }

    private static int intOption(List<String> args, String name, int otherwise) {
        return option(args, name).map(Integer::parseInt).orElse(otherwise);
    }

    private static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
