package dev.tidings.bench;

import dev.tidings.deliver.MimeComposer;
import dev.tidings.digest.DigestBuilder;
import dev.tidings.digest.DigestRenderer;
import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.OutgoingMail;
import dev.tidings.model.Published;
import dev.tidings.model.Quote;
import dev.tidings.model.Reader;
import dev.tidings.model.Relevance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The digest benchmark: 100,000 personal digests built ({@link DigestBuilder#compose}: one entry per
 * story, ranked, capped per section and in all), rendered ({@link DigestRenderer}: subject, HTML and plain
 * text) and composed into the MIME bytes the outbox stores ({@link MimeComposer}), on as many threads as
 * there are cores. Goal: 60 s or less on 2 cores. Prints the time, digests per second and MIME bytes per
 * digest; with {@code --quick} or {@code --readers N} other than 100k, also the 100k time extrapolated from that rate.
 *
 * <p>The day's news: 6,000 articles in 1,500 stories over 200 concepts, each article tagged with two or three
 * of them, with quotes on a third. Each reader follows 3 to 8 concepts (popular ones more often), so a
 * digest holds from a handful to the cap of 40 entries. What matched each follow comes from a concept →
 * articles table, as a follow index would give it: matching is measured in the match benches, not here.
 *
 * <p>Not JMH: one timed pass over 100k readers is the figure the issue asks for (after a warm-up pass of 10k).
 * Run: {@code java -cp bench/target/tidings-bench.jar dev.tidings.bench.DigestBench [--quick] [--readers N]}.
 */
public final class DigestBench {
    private static final Instant AT = Instant.parse("2021-08-11T05:00:00Z");
    private static final int CONCEPTS = 200;
    private static final int ARTICLES = 6_000;
    private static final int STORIES = 1_500;

    private DigestBench() {
    }

    public static void main(String[] args) throws Exception {
        int readers = Arrays.asList(args).contains("--quick") ? 10_000 : 100_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--readers")) readers = Integer.parseInt(args[i + 1]);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, List<Article>> byConcept = news(new Random(7));
        pass(byConcept, Math.min(readers, 10_000), threads, 1_000_000); // warm-up: class loading and the JIT
        long start = System.nanoTime();
        long[] totals = pass(byConcept, readers, threads, 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("%n%,d personal digests built, rendered and composed on %d threads: %.1f s (%,.0f digests/s;"
                        + " goal <= 60 s on 2 cores; load average %.1f)%n", readers, threads, seconds, readers / seconds, load);
        System.out.printf("  %,d entries in all (%.1f per digest), %,d MIME bytes (%.1f KB per digest)%n", totals[0],
                (double) totals[0] / readers, totals[1], totals[1] / 1024.0 / readers);
        if (readers != 100_000) {
            System.out.printf("  100,000 digests would take %.1f s at this rate (extrapolated from the %,d measured)%n",
                    100_000 / (readers / seconds), readers);
        }
    }

    /** Builds, renders and composes the digests of readers {@code first .. first+count}; returns entries and bytes. */
    private static long[] pass(Map<String, List<Article>> byConcept, int count, int threads, int first) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong entries = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    DigestBuilder builder = new DigestBuilder();
                    DigestRenderer renderer = new DigestRenderer("https://news.example.org", "Tidings <news@example.org>");
                    MimeComposer composer = new MimeComposer();
                    for (int r = first + thread; r < first + count; r += threads) {
                        Reader reader = reader(r);
                        DigestPeriod period = builder.period(reader, AT);
                        DigestBuilder.Composed composed = builder.compose(reader, period, matches(reader, r, byConcept),
                                Set.of());
                        OutgoingMail mail = renderer.render(composed, f -> "unfollow-" + f.id(), "unsubscribe-" + r, AT);
                        entries.addAndGet(composed.digest().articles().size());
                        bytes.addAndGet(composer.toBytes(mail).length);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        return new long[] {entries.get(), bytes.get()};
    }

    private static Reader reader(int r) {
        return new Reader("r" + r, "reader" + r + "@example.org", ZoneId.of("Europe/Berlin"), LocalTime.of(7, 0),
                DigestFrequency.DAILY, DayOfWeek.MONDAY, true, AT.minus(Duration.ofDays(30)));
    }

    /** The reader's follows (3 to 8 concepts, skewed to the popular) and what each matched. */
    private static List<DigestBuilder.Matched> matches(Reader reader, int r, Map<String, List<Article>> byConcept) {
        Random random = new Random(r);
        int follows = 3 + random.nextInt(6);
        // Keyed by article id: hashing the Article record would hash its whole text.
        Map<String, DigestBuilder.Matched> matches = new LinkedHashMap<>();
        for (int f = 0; f < follows; f++) {
            int concept = (int) (CONCEPTS * Math.pow(random.nextDouble(), 2)); // popular concepts more often
            Follow follow = new Follow(reader.id() + "-f" + f, reader.id(), Follow.Kind.CONCEPT, "topic/c" + concept,
                    "Concept " + concept, false, false, AT.minus(Duration.ofDays(20 - f)));
            FollowMatch match = new FollowMatch(follow, "About Concept " + concept);
            for (Article a : byConcept.getOrDefault(follow.target(), List.of())) {
                matches.computeIfAbsent(a.id(), k -> new DigestBuilder.Matched(a, new ArrayList<>(2))).matches().add(match);
            }
        }
        return new ArrayList<>(matches.values());
    }

    /** A day's articles, indexed by the concepts they are about. */
    private static Map<String, List<Article>> news(Random random) {
        String[] words = ("border guards reported crossings overnight officials said ministers met in the capital to discuss"
                + " the agreement on trade energy prices rose sharply after the storm while talks continued").split(" ");
        Map<String, List<Article>> byConcept = new HashMap<>();
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
            Instant published = AT.minus(Duration.ofMinutes(random.nextInt(24 * 60)));
            Article a = new Article("a" + i, "Headline " + i + ": " + words[random.nextInt(words.length)] + " and "
                    + words[random.nextInt(words.length)] + " in the news", Published.at(published), "en",
                    "https://wire.example.org/a" + i, "Wire " + (i % 40), null,
                    text.substring(0, 240), text.toString(), List.of(), List.copyOf(tags), quotes,
                    "s" + random.nextInt(STORIES), "h" + i, published);
            for (ConceptTag t : tags) byConcept.computeIfAbsent(t.conceptId(), k -> new ArrayList<>()).add(a);
        }
        return byConcept;
    }
}
