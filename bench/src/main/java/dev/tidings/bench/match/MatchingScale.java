package dev.tidings.bench.match;

import dev.tidings.match.MonitorMatcher;
import dev.tidings.match.QueryHit;
import dev.tidings.match.QuerySyntaxException;
import dev.tidings.match.SavedQuery;
import dev.tidings.match.SearchMatcher;
import dev.tidings.match.TermIndexMatcher;
import dev.tidings.model.Article;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The figures JMH does not give: for N saved searches, the time to parse and register them, the heap
 * they take, and per-article p50/p99 latency and throughput over the workload's articles, for ours and
 * (unless {@code --ours-only}) Lucene Monitor, with identical match sets asserted on every article.
 * Run: {@code java -Xmx6g -cp bench/target/tidings-bench.jar dev.tidings.bench.match.MatchingScale 1000000}.
 */
public final class MatchingScale {
    private MatchingScale() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean oursOnly = Arrays.asList(args).contains("--ours-only");
        MatchingWorkload workload = MatchingWorkload.load();
        List<String> texts = workload.searches(n, 42);
        System.out.printf("%,d searches, %d articles (%s)%n", n, workload.articles.size(), workload.origin);

        long t0 = System.nanoTime();
        Map<String, SavedQuery> parsed = parse(texts);
        double parseSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("parse (both use it; 2 threads): %.1f s%n", parseSeconds);

        List<List<QueryHit>> oursHits = run("ours", new TermIndexMatcher(), parsed, workload.articles);
        if (!oursOnly) {
            List<List<QueryHit>> monitorHits = run("Lucene Monitor", new MonitorMatcher(), parsed, workload.articles);
            for (int i = 0; i < oursHits.size(); i++) {
                if (!oursHits.get(i).equals(monitorHits.get(i))) {
                    throw new IllegalStateException("match sets differ on " + workload.articles.get(i).id());
                }
            }
            System.out.println("identical match sets on every article");
        }
    }

    private static List<List<QueryHit>> run(String name, SearchMatcher matcher, Map<String, SavedQuery> parsed,
                                            List<Article> articles) throws Exception {
        long heapBefore = heap();
        long t0 = System.nanoTime();
        matcher.putAll(parsed);
        double register = (System.nanoTime() - t0) / 1e9;
        long heapAfter = heap();
        // warm up, then time each article
        for (int i = 0; i < Math.min(50, articles.size()); i++) matcher.match(articles.get(i));
        long[] nanos = new long[articles.size()];
        List<List<QueryHit>> hits = new ArrayList<>();
        long total = 0;
        long matches = 0;
        for (int i = 0; i < articles.size(); i++) {
            long s = System.nanoTime();
            List<QueryHit> h = matcher.match(articles.get(i));
            nanos[i] = System.nanoTime() - s;
            total += nanos[i];
            matches += h.size();
            hits.add(sorted(h));
        }
        Arrays.sort(nanos);
        System.out.printf("%-15s register %.1f s, index heap %,d MB, %.0f articles/s, p50 %.2f ms, p99 %.2f ms,"
                        + " %.1f matches/article%n", name, register, (heapAfter - heapBefore) >> 20,
                articles.size() / (total / 1e9), nanos[nanos.length / 2] / 1e6,
                nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)] / 1e6,
                (double) matches / articles.size());
        if (matcher instanceof AutoCloseable c) c.close();
        return hits;
    }

    /** The searches that parse, by id, parsed on every core. */
    static Map<String, SavedQuery> parse(List<String> texts) {
        Map<Integer, SavedQuery> byIndex = new ConcurrentHashMap<>();
        IntStream.range(0, texts.size()).parallel().forEach(i -> {
            try {
                byIndex.put(i, SavedQuery.parse(texts.get(i)));
            } catch (QuerySyntaxException e) {
                // a drawn word the language refuses: left out of both
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
