package dev.tidings.bench.match;

import dev.tidings.match.MonitorMatcher;
import dev.tidings.match.QueryHit;
import dev.tidings.match.SavedQuery;
import dev.tidings.match.SearchMatcher;
import dev.tidings.match.TermIndexMatcher;
import dev.tidings.model.Article;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Articles per second matched against {@code searches} saved searches: ours ({@link TermIndexMatcher})
 * beside Lucene Monitor ({@link MonitorMatcher}), on the same articles and searches. Setting up checks
 * that both find the same matches on the first articles, so a speed-up cannot come from skipping work.
 * For a million searches, registration time, heap and latency percentiles use {@link MatchingScale}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchingBench {
    @Param({"10000", "100000"})
    public int searches;

    private List<Article> articles;
    private SearchMatcher ours;
    private SearchMatcher baseline;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        MatchingWorkload workload = MatchingWorkload.load(200);
        articles = workload.articles;
        var parsed = MatchingScale.parse(workload.searches(searches));
        long t0 = System.nanoTime();
        ours = new TermIndexMatcher();
        ours.putAll(parsed);
        long t1 = System.nanoTime();
        baseline = new MonitorMatcher();
        baseline.putAll(parsed);
        long t2 = System.nanoTime();
        System.out.printf("%n%d searches over %d articles (%s): registered in %.2f s (ours), %.2f s (Monitor)%n",
                parsed.size(), articles.size(), workload.describe(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        int hits = 0;
        for (Article a : articles.subList(0, Math.min(20, articles.size()))) {
            List<QueryHit> o = MatchingScale.sorted(ours.match(a));
            if (!o.equals(MatchingScale.sorted(baseline.match(a)))) {
                throw new IllegalStateException("ours and Monitor disagree on " + a.id());
            }
            hits += o.size();
        }
        System.out.printf("identical match sets on 20 articles (%d matches)%n", hits);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (baseline instanceof AutoCloseable c) c.close();
    }

    @Benchmark
    public int ours() {
        return ours.match(articles.get(next++ % articles.size())).size();
    }

    @Benchmark
    public int baseline() {
        return baseline.match(articles.get(next++ % articles.size())).size();
    }
}
