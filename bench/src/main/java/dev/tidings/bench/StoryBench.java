package dev.tidings.bench;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHasher;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import dev.tidings.model.Article;
import dev.tidings.model.Published;
import dev.tidings.pipeline.ArticlePipeline;
import dev.tidings.pipeline.StoryIndexFile;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.Database;
import dev.tidings.store.StorySignatureStore;
import dev.tidings.story.StoryAssigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Story assignment per article with a large archive already indexed.
 *
 * <p>{@code ours}: {@link StoryAssigner#place} of a new article (three signatures, LSH look-up, verification
 * of the candidates, union of stories) against an index of {@code archive} articles spread over a year.
 * {@code baseline}: a classic MinHash-128 signature of the same article's word 3-shingles alone (hash4j
 * {@code minHash(128, 64)}), the figure the issue quotes. One thread: the scores are articles/s per core.
 *
 * <p>Input is generated (the archive must be large): 400-word articles from a Zipf-distributed vocabulary
 * of 30,000 words, with each story's names, figures and topic words mixed in; stories of one to six
 * articles. The setup prints the heap the index holds per article.
 *
 * <p>Start-up (a one-off, timed by {@link #main} rather than JMH): {@code java -cp tidings-bench.jar
 * dev.tidings.bench.StoryBench 100000 1000000} stores that many articles with their signatures in a fresh
 * SQLite file and times building the story index from the kept signatures, writing the index file of the
 * data folder ({@link StoryIndexFile}) and a start from that file; it also times the old way, reading and
 * hashing every article, on 10,000 fully stored articles.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
// Short iterations: every call of ours adds an article, so long runs would measure a growing archive and,
// once the pool of new articles comes round again, copies piling onto copies.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StoryBench {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int WORDS = 400;

    /** Makes articles; deterministic for a seed. */
    public static final class Generator {
        private final String[] vocabulary = new String[30_000];
        private final String[] names = new String[200_000];
        private final double[] cumulative = new double[vocabulary.length];
        private final SplittableRandom random;

        public Generator(long seed) {
            random = new SplittableRandom(seed);
            for (int i = 0; i < vocabulary.length; i++) vocabulary[i] = word(4 + random.nextInt(7), false);
            for (int i = 0; i < names.length; i++) names[i] = word(5 + random.nextInt(6), true);
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) cumulative[i] = sum += 1.0 / (i + 1);
            for (int i = 0; i < cumulative.length; i++) cumulative[i] /= sum;
        }

        private Generator(Generator words, long seed) {
            random = new SplittableRandom(seed);
            System.arraycopy(words.vocabulary, 0, vocabulary, 0, vocabulary.length);
            System.arraycopy(words.names, 0, names, 0, names.length);
            System.arraycopy(words.cumulative, 0, cumulative, 0, cumulative.length);
        }

        /** Another generator over the same words, with its own random sequence. */
        public Generator fork(long seed) {
            return new Generator(this, seed);
        }

        private String word(int length, boolean capital) {
            char[] c = new char[length];
            for (int i = 0; i < length; i++) c[i] = (char) ('a' + random.nextInt(26));
            if (capital) c[0] = Character.toUpperCase(c[0]);
            return new String(c);
        }

        private String common() {
            double u = random.nextDouble();
            int lo = 0, hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) lo = mid + 1; else hi = mid;
            }
            return vocabulary[lo];
        }

        /** One story: its names, figures and topic words. */
        public String[] story() {
            String[] s = new String[24];
            for (int i = 0; i < 8; i++) s[i] = names[random.nextInt(names.length)];
            for (int i = 8; i < 11; i++) s[i] = Integer.toString(10 + random.nextInt(5000));
            for (int i = 11; i < s.length; i++) s[i] = vocabulary[200 + random.nextInt(vocabulary.length - 200)];
            return s;
        }

        public Article article(String id, String[] story, Instant at) {
            StringBuilder text = new StringBuilder(WORDS * 8);
            for (int i = 0; i < WORDS; i++) {
                if (i > 0) text.append(i % 18 == 0 ? ". " : " ");
                text.append(random.nextInt(5) == 0 ? story[random.nextInt(story.length)] : common());
            }
            text.append('.');
            String body = text.toString();
            return new Article(id, story[0] + " " + story[11], Published.at(at), "en", null, null, null, body, body,
                    List.of(), List.of(), List.of(), id, id, at);
        }
    }

    @State(Scope.Benchmark)
    public static class Archive {
        @Param("1000000")
        public int archive;

        StoryAssigner stories;
        Article[] fresh;
        int next;

        @Setup(Level.Trial)
        public void build() {
            Generator g = new Generator(42);
            long before = usedHeap();
            // Sized as a start sizes it for the stored articles, with room for those that arrive.
            stories = new StoryAssigner(archive + archive / 4);
            long span = Duration.ofDays(365).toMillis();
            long started = System.nanoTime();
            // In chunks on several threads (the index is thread-safe and its stories do not depend on the
            // order), each chunk from its own generator, so the archive is the same however they interleave.
            int chunk = 10_000;
            java.util.concurrent.atomic.AtomicInteger nextChunk = new java.util.concurrent.atomic.AtomicInteger();
            Runnable filler = () -> {
                for (int c; (c = nextChunk.getAndIncrement()) * (long) chunk < archive; ) {
                    Generator cg = g.fork(1000 + c);
                    int made = c * chunk, end = Math.min(archive, made + chunk);
                    while (made < end) {
                        String[] story = cg.story();
                        int size = 1 + cg.random.nextInt(6);
                        long at = START.toEpochMilli() + (long) ((double) made / archive * span);
                        for (int i = 0; i < size && made < end; i++, made++) {
                            stories.place(cg.article("a" + made, story, Instant.ofEpochMilli(at + i * 3_600_000L)));
                        }
                    }
                }
            };
            List<Thread> fillers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(filler, "archive-" + t);
                thread.start();
                fillers.add(thread);
            }
            for (Thread t : fillers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long after = usedHeap();
            System.out.printf("%n[StoryBench] indexed %,d articles in %.1f s (%,.0f/s); index heap %,d MB, %,.0f bytes per article%n",
                    archive, seconds, archive / seconds, (after - before) >> 20, (double) (after - before) / archive);
            fresh = new Article[1 << 16];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = g.article("n" + i, g.story(), START.plus(Duration.ofDays(364)).plusSeconds(i * 60L));
            }
        }

        private static long usedHeap() {
            for (int i = 0; i < 3; i++) System.gc();
            Runtime r = Runtime.getRuntime();
            return r.totalMemory() - r.freeMemory();
        }
    }

    @State(Scope.Thread)
    public static class Plain {
        /** Unused by the baseline (it indexes nothing); declared so the two runs pair up in the report. */
        @Param("1000000")
        public int archive;

        Article[] articles;
        int next;
        final SimilarityHasher minHash = SimilarityHashing.minHash(128, 64).createHasher();
        final Hasher64 hash = Hashing.komihash5_0();

        @Setup(Level.Trial)
        public void make() {
            Generator g = new Generator(7);
            articles = new Article[8192];
            for (int i = 0; i < articles.length; i++) articles[i] = g.article("p" + i, g.story(), START);
        }
    }

    @Benchmark
    public StoryAssigner.Placement ours(Archive a) {
        Article article = a.fresh[a.next++ & (a.fresh.length - 1)];
        return a.stories.place(article);
    }

    @Benchmark
    public byte[] baseline(Plain p) {
        Article article = p.articles[p.next++ & (p.articles.length - 1)];
        String[] words = (article.title() + " " + article.text()).toLowerCase().split("[^\\p{L}\\p{N}]+");
        long[] shingles = new long[Math.max(1, words.length - 2)];
        for (int i = 0; i + 2 < words.length; i++) {
            shingles[i] = p.hash.hashCharsToLong(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]);
        }
        return p.minHash.compute(ElementHashProvider.ofValues(shingles));
    }

    /**
     * {@code side N}: ours and the baseline in alternating one-second slices in this one process, with N
     * articles indexed, so that load from elsewhere on the machine falls on both alike; prints the median
     * of each per CPU second of the measuring thread (ThreadMXBean: the per-core figure, meaningful on a
     * loaded machine) and per wall second, with the load average. {@code pause N}: with N articles indexed, the
     * longest and 99th-percentile time of a placement while the index file is written on another thread, the
     * write holding the index's lock throughout (as before) and as it does now, alternately. Otherwise: times building the story index at start for each article count given.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("side")) {
            sideBySide(Integer.parseInt(args[1]));
            return;
        }
        if (args.length == 2 && args[0].equals("pause")) {
            pauses(Integer.parseInt(args[1]));
            return;
        }
        Path dir = Files.createTempDirectory("story-start");
        try {
            rehash(dir.resolve("rehash.db"), 10_000);
            for (String a : args) fromSignatures(dir.resolve("sig-" + a + ".db"), Integer.parseInt(a));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void sideBySide(int n) {
        Archive archive = new Archive();
        archive.archive = n;
        archive.build();
        Plain plain = new Plain();
        plain.make();
        StoryBench bench = new StoryBench();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Double> ours = new ArrayList<>(), baseline = new ArrayList<>();
        List<Double> oursCpu = new ArrayList<>(), baselineCpu = new ArrayList<>();
        long sink = 0;
        for (int round = 0; round < 24; round++) {
            boolean mine = round % 2 == 0;
            long start = System.nanoTime(), end = start + 1_000_000_000L;
            long cpuStart = threads.getCurrentThreadCpuTime();
            int done = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 16; i++) sink += mine ? bench.ours(archive).linked().size() : bench.baseline(plain).length;
                done += 16;
            }
            double perSecond = done / ((System.nanoTime() - start) / 1e9);
            // CPU time of this thread alone: on a loaded machine the wall clock also counts the time other
            // processes held the core, the CPU time does not.
            double perCpuSecond = done / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            // The first rounds of each are warm-up.
            if (round >= 4) {
                (mine ? ours : baseline).add(perSecond);
                (mine ? oursCpu : baselineCpu).add(perCpuSecond);
            }
        }
        double o = median(ours), b = median(baseline), oc = median(oursCpu), bc = median(baselineCpu);
        System.out.printf("[StoryBench side by side] %,d indexed, load average %.2f on %d cores (median of %d one-second"
                        + " slices each; %d)%n", n, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors(), ours.size(), sink & 1);
        System.out.printf("  per CPU second: ours %,.0f articles/s, MinHash-128 %,.0f/s: %.2fx%n", oc, bc, oc / bc);
        System.out.printf("  per wall second: ours %,.0f articles/s, MinHash-128 %,.0f/s: %.2fx%n", o, b, o / b);
    }

    /**
     * A placement waits for the index's lock while another thread holds it; a write of the index file that
     * held it throughout paused every placement for the whole write. Wall time per placement, since waiting is
     * what is measured; the same without a write shows what the loaded machine adds by itself.
     */
    private static void pauses(int n) throws Exception {
        Archive archive = new Archive();
        archive.archive = n;
        archive.build();
        StoryBench bench = new StoryBench();
        // Time spent waiting to enter a monitor, which the machine's load does not add to (wall time it does).
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        threads.setThreadContentionMonitoringEnabled(true);
        Path scratch = Files.createTempFile("story-index", ".bin");
        try {
            for (int round = 0; round < 6; round++) {
                for (String way : List.of("none", "locked", "now")) {
                    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
                    long[] took = new long[1 << 20];
                    int[] done = {0};
                    long[] blocked = {0, 0};
                    Thread placer = new Thread(() -> {
                        long id = Thread.currentThread().getId();
                        while (writing.get() && done[0] < took.length) {
                            long b0 = threads.getThreadInfo(id).getBlockedTime();
                            long t0 = System.nanoTime();
                            bench.ours(archive);
                            took[done[0]++] = System.nanoTime() - t0;
                            long b = threads.getThreadInfo(id).getBlockedTime() - b0;
                            blocked[0] = Math.max(blocked[0], b);
                            blocked[1] += b;
                        }
                    }, "placer");
                    placer.start();
                    long w0 = System.nanoTime();
                    if (way.equals("none")) {
                        Thread.sleep(2000);
                    } else {
                        try (var channel = java.nio.channels.FileChannel.open(scratch, java.nio.file.StandardOpenOption.WRITE,
                                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                            if (way.equals("locked")) {
                                synchronized (archive.stories) {
                                    archive.stories.writeTo(channel, new byte[0]);
                                }
                            } else {
                                archive.stories.writeTo(channel, new byte[0]);
                            }
                            channel.force(false);
                        }
                    }
                    double wrote = (System.nanoTime() - w0) / 1e9;
                    writing.set(false);
                    placer.join();
                    long[] sorted = java.util.Arrays.copyOf(took, done[0]);
                    java.util.Arrays.sort(sorted);
                    // The first round warms up.
                    if (round == 0 || sorted.length == 0) continue;
                    System.out.printf("[StoryBench pause] %,d indexed, write %-6s %.2f s: %,d placed meanwhile; wall per placement"
                                    + " p50 %.2f ms, p99 %.2f ms, longest %.1f ms; waiting for the lock longest %d ms, in all %d ms"
                                    + " (load average %.1f)%n", n, way, wrote, sorted.length,
                            sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                            sorted[sorted.length - 1] / 1e6, blocked[0], blocked[1],
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static void rehash(Path file, int n) {
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            ArticleStore articles = new ArticleStore(db);
            StorySignatureStore signatures = new StorySignatureStore(db);
            Generator g = new Generator(3);
            for (int i = 0; i < n; i++) {
                Article a = g.article("r" + i, g.story(), START.plusSeconds(i * 60L)).withStory("r" + i);
                articles.save(a);
                signatures.save(a.id(), a.contentHash(), StoryAssigner.signature(a));
            }
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                StoryAssigner old = ArticlePipeline.storiesOf(articles);
                long t1 = System.nanoTime();
                StoryAssigner kept = ArticlePipeline.storiesOf(articles, signatures);
                long t2 = System.nanoTime();
                System.out.printf("[StoryBench start] %,d articles: re-read and hash %.2f s, from kept signatures %.2f s (%d/%d)%n",
                        n, (t1 - t0) / 1e9, (t2 - t1) / 1e9, old.size(), kept.size());
            }
        }
    }

    private static void fromSignatures(Path file, int n) throws java.io.IOException {
        // As the article store writes its bodies.
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.IS_GETTER,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE);
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            Generator g = new Generator(5);
            long built = System.nanoTime();
            for (int from = 0; from < n; from += 10_000) {
                List<Article> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 10_000); i++) {
                    batch.add(g.article("s" + i, g.story(), START.plusSeconds(i * 30L)));
                }
                int first = from;
                // Rows straight into the tables: the articles' bodies are never read on this path.
                db.jdbi().useTransaction(h -> {
                    var articles = h.prepareBatch("INSERT INTO articles (id, url, content_hash, title, published_start,"
                            + " published_end, date_only, ingested_at, language, story, seq, body) VALUES (:id, NULL,"
                            + " :hash, :title, :at, :at, FALSE, :at, 'en', :story, :seq, :body)");
                    var signatures = h.prepareBatch("INSERT INTO story_signatures (article_id, content_hash, signature)"
                            + " VALUES (:id, :hash, :signature)");
                    for (int i = 0; i < batch.size(); i++) {
                        Article a = batch.get(i);
                        long at = a.effectivePublished().instant().toEpochMilli();
                        String story = "s" + ((first + i) / 3 * 3);
                        // Bodies are read only for the articles a start from the index file files again (those
                        // stored last); the others keep an empty one.
                        String body = first + i >= n - 2 * 1000 ? json.writeValueAsString(a.withStory(story)) : "{}";
                        articles.bind("id", a.id()).bind("hash", a.contentHash()).bind("title", a.title())
                                .bind("at", at).bind("story", story).bind("seq", first + i + 1L).bind("body", body).add();
                        signatures.bind("id", a.id()).bind("hash", a.contentHash())
                                .bind("signature", StoryAssigner.signature(a)).add();
                    }
                    articles.execute();
                    signatures.execute();
                });
            }
            System.out.printf("[StoryBench start] stored %,d articles with signatures in %.0f s (%,d MB file)%n", n,
                    (System.nanoTime() - built) / 1e9, file.toFile().length() >> 20);
            ArticleStore articles = new ArticleStore(db);
            StorySignatureStore signatures = new StorySignatureStore(db);
            StoryAssigner kept = null;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                kept = ArticlePipeline.storiesOf(articles, signatures);
                System.out.printf("[StoryBench start] %,d articles from kept signatures: %.2f s (%d indexed)%n",
                        n, (System.nanoTime() - t0) / 1e9, kept.size());
            }
            Path scratch = file.resolveSibling("scratch-" + n + ".bin");
            long w0 = System.nanoTime();
            try (var channel = java.nio.channels.FileChannel.open(scratch, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE)) {
                kept.writeTo(channel, new byte[0]);
                channel.force(false);
            }
            System.out.printf("[StoryBench start] %,d articles: index image written in %.2f s (%,d MB, %,.0f bytes per article)%n",
                    n, (System.nanoTime() - w0) / 1e9, scratch.toFile().length() >> 20, (double) scratch.toFile().length() / n);
            Files.delete(scratch);
            kept = null;
            // The index file of the data folder: a first start builds from the database and writes it, later ones read it.
            Path image = file.resolveSibling("story-index-" + n + ".bin");
            StoryIndexFile.open(image, articles, signatures).close();
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                try (StoryIndexFile restarted = StoryIndexFile.open(image, articles, signatures)) {
                    System.out.printf("[StoryBench start] %,d articles from the index file: %.2f s (%d indexed, read from the file: %s)%n",
                            n, (System.nanoTime() - t0) / 1e9, restarted.stories().size(), restarted.restored());
                }
            }
        }
    }
}
