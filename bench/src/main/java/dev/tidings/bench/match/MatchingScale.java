package dev.tidings.bench.match;

import dev.tidings.match.MonitorMatcher;
import dev.tidings.match.QueryHit;
import dev.tidings.match.QuerySyntaxException;
import dev.tidings.match.SavedQuery;
import dev.tidings.match.SearchMatcher;
import dev.tidings.match.TermIndexMatcher;
import dev.tidings.model.Article;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The figures JMH does not give: for N saved searches, the time to register them, the heap the index
 * takes, per-article p50/p99 latency, throughput on one thread and the fraction of searches an article
 * matches, for ours and Lucene Monitor side by side in one process on the same searches and articles,
 * with identical match sets (ids and explanations) asserted on every article.
 *
 * <p>Arguments: sizes (default {@code 10000,100000}), {@code --monitor-max N} (Monitor runs only for
 * sizes up to N, default 100,000: at a million it takes minutes to register and over a gigabyte),
 * {@code --articles N} (default 300), {@code --ours-only}. Run: {@code java -Xmx10g -cp
 * bench/target/tidings-bench.jar dev.tidings.bench.match.MatchingScale 10000,100000,1000000}.
 *
 * <p>Latency is given twice: wall time, and the matching thread's own CPU time per article, which is
 * what to compare on a machine busy with other work (there wall time also counts waiting for a core).
 */
public final class MatchingScale {
    /** Time on the thread's own CPU: on a shared, loaded machine, wall time also counts waiting for a core. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private MatchingScale() {
    }

    /** One matcher's figures at one size. */
    record Figures(double registerSeconds, double registerCpuSeconds, long heapMb, double perSecond,
                   double perCpuSecond, double p50Ms, double p99Ms, double cpuP50Ms, double cpuP99Ms,
                   double matchesPerArticle) {}

    public static void main(String[] args) throws Exception {
        int[] sizes = {10_000, 100_000};
        int monitorMax = 100_000;
        int articleCount = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--monitor-max" -> monitorMax = Integer.parseInt(args[++i]);
                case "--articles" -> articleCount = Integer.parseInt(args[++i]);
                case "--ours-only" -> monitorMax = 0;
                default -> sizes = Arrays.stream(args[i].split(",")).mapToInt(Integer::parseInt).toArray();
            }
        }
        MatchingWorkload workload = MatchingWorkload.load(articleCount);
        System.out.println(workload.describe());
        for (int n : sizes) {
            List<String> texts = workload.searches(n);
            long t0 = System.nanoTime();
            Map<String, SavedQuery> parsed = parse(texts);
            System.out.printf("%n%,d searches (%,d parse), parsed in %.1f s on %d threads (both use the parsed form)%n",
                    n, parsed.size(), (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors());
            List<List<QueryHit>> oursHits = new ArrayList<>();
            Figures ours = run("ours", new TermIndexMatcher(), parsed, workload.articles, oursHits);
            if (n <= monitorMax) {
                List<List<QueryHit>> monitorHits = new ArrayList<>();
                Figures monitor = run("Lucene Monitor", new MonitorMatcher(), parsed, workload.articles, monitorHits);
                for (int i = 0; i < oursHits.size(); i++) {
                    if (!oursHits.get(i).equals(monitorHits.get(i))) {
                        throw new IllegalStateException("match sets differ on " + workload.articles.get(i).id());
                    }
                }
                System.out.printf("identical match sets and explanations on all %d articles; ours/Monitor throughput"
                        + " %.1fx (per CPU second %.1fx)%n", oursHits.size(), ours.perSecond() / monitor.perSecond(),
                        ours.perCpuSecond() / monitor.perCpuSecond());
            }
        }
    }

    private static Figures run(String name, SearchMatcher matcher, Map<String, SavedQuery> parsed,
                               List<Article> articles, List<List<QueryHit>> hits) throws Exception {
        long heapBefore = heap();
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        matcher.putAll(parsed);
        double register = (System.nanoTime() - t0) / 1e9;
        double registerCpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        long heapAfter = heap();
        // warm up: twice over the articles, or for ten seconds when that takes longer (Monitor at a million)
        long warmUntil = System.nanoTime() + 10_000_000_000L;
        for (int i = 0; i < 2 * articles.size() && (i < 10 || System.nanoTime() < warmUntil); i++) {
            matcher.match(articles.get(i % articles.size()));
        }
        long[] nanos = new long[articles.size()];
        long[] cpuNanos = new long[articles.size()];
        long total = 0;
        long cpu = 0;
        long matches = 0;
        for (int i = 0; i < articles.size(); i++) {
            long s = System.nanoTime();
            long c = CPU.getCurrentThreadCpuTime();
            List<QueryHit> h = matcher.match(articles.get(i));
            nanos[i] = System.nanoTime() - s;
            cpuNanos[i] = CPU.getCurrentThreadCpuTime() - c;
            cpu += cpuNanos[i];
            total += nanos[i];
            matches += h.size();
            hits.add(sorted(h));
        }
        Arrays.sort(nanos);
        Arrays.sort(cpuNanos);
        Figures f = new Figures(register, registerCpu, (heapAfter - heapBefore) >> 20,
                articles.size() / (total / 1e9), articles.size() / (cpu / 1e9),
                percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6,
                percentile(cpuNanos, 0.50) / 1e6, percentile(cpuNanos, 0.99) / 1e6,
                (double) matches / articles.size());
        System.out.printf("%-15s register %6.2f s (thread CPU %6.2f s), index heap %,6d MB, %,8.0f articles/s"
                        + " (%,8.0f per CPU second), p50 %6.2f ms, p99 %6.2f ms (thread CPU p50 %6.2f ms, p99"
                        + " %6.2f ms), %,.1f matches/article (%.3f %% of searches)%n", name, f.registerSeconds(),
                f.registerCpuSeconds(), f.heapMb(), f.perSecond(), f.perCpuSecond(), f.p50Ms(), f.p99Ms(),
                f.cpuP50Ms(), f.cpuP99Ms(), f.matchesPerArticle(), 100 * f.matchesPerArticle() / parsed.size());
        if (matcher instanceof AutoCloseable c) c.close();
        return f;
    }

    /** The value at or below which the fraction {@code q} of the sorted values lie. */
    private static long percentile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))];
    }

    /** The searches that parse, by id, parsed on every core. */
    static Map<String, SavedQuery> parse(List<String> texts) {
        Map<Integer, SavedQuery> byIndex = new ConcurrentHashMap<>();
        IntStream.range(0, texts.size()).parallel().forEach(i -> {
            try {
                byIndex.put(i, SavedQuery.parse(texts.get(i)));
            } catch (QuerySyntaxException e) {
                // a drawn form the language refuses: left out of both
            }
        });
        Map<String, SavedQuery> out = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            SavedQuery q = byIndex.get(i);
            if (q != null) out.put("s" + i, q);
        }
        return out;
    }

    static List<QueryHit> sorted(List<QueryHit> hits) {
        return hits.stream().sorted(Comparator.comparing(QueryHit::id)).toList();
    }

    private static long heap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
