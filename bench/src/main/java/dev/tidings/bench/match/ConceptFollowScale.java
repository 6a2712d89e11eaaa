package dev.tidings.bench.match;

import dev.tidings.match.ConceptIndex;
import dev.tidings.model.Article;
import dev.tidings.model.Follow;

import java.util.Arrays;
import java.util.List;

/**
 * Concept follows at scale: {@code readers} readers (default 1,000,000) with ten concept follows each,
 * concepts drawn with Zipf popularity from the bundled taxonomy, one follow in four about-only; for
 * each of the workload's articles, the time to find who to tell ({@link ConceptIndex#audience}) and,
 * separately, to walk every follow reached and count the distinct readers (what a dispatcher does
 * next, in proportion to the audience). Prints build time, heap, p50/p99 and the audience size.
 * Run: {@code java -Xmx4g -cp bench/target/tidings-bench.jar dev.tidings.bench.match.ConceptFollowScale 1000000}.
 */
public final class ConceptFollowScale {
    private static final int PER_READER = 10;

    private ConceptFollowScale() {
    }

    public static void main(String[] args) throws Exception {
        int readers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MatchingWorkload workload = MatchingWorkload.load(300);
        System.out.println(workload.describe());
        List<Follow> follows = workload.conceptFollows(readers, PER_READER);
        // follow number → reader number, as the dispatcher's own table would give it
        int[] readerOf = new int[follows.size()];
        for (int i = 0; i < follows.size(); i++) readerOf[i] = Integer.parseInt(follows.get(i).readerId().substring(1));

        long heapBefore = heap();
        long t0 = System.nanoTime();
        ConceptIndex index = new ConceptIndex();
        for (int i = 0; i < follows.size(); i++) {
            Follow f = follows.get(i);
            index.add(i, f.target(), f.aboutOnly());
        }
        double build = (System.nanoTime() - t0) / 1e9;
        long heapAfter = heap();
        System.out.printf("%,d readers, %,d concept follows: index built in %.2f s, %,d MB%n", readers,
                index.size(), build, (heapAfter - heapBefore) >> 20);

        List<Article> articles = workload.articles;
        int[] seenReader = new int[readers];
        long[] find = new long[articles.size()];
        long[] walk = new long[articles.size()];
        long reached = 0;
        long distinct = 0;
        for (int round = 0; round < 3; round++) {
            reached = 0;
            distinct = 0;
            for (int i = 0; i < articles.size(); i++) {
                long s = System.nanoTime();
                ConceptIndex.Audience audience = index.audience(articles.get(i).concepts());
                find[i] = System.nanoTime() - s;
                int stamp = round * articles.size() + i + 1;
                long[] count = {0};
                s = System.nanoTime();
                audience.forEach((int follow) -> {
                    int reader = readerOf[follow];
                    if (seenReader[reader] != stamp) {
                        seenReader[reader] = stamp;
                        count[0]++;
                    }
                });
                walk[i] = System.nanoTime() - s;
                reached += audience.size();
                distinct += count[0];
            }
        }
        System.out.printf("find who to tell (the follow arrays of the article's concepts): p50 %.4f ms, p99 %.4f ms%n",
                p(find, 0.5), p(find, 0.99));
        System.out.printf("walk them, counting distinct readers: p50 %.2f ms, p99 %.2f ms;"
                        + " per article %,d follows reached, %,d readers%n", p(walk, 0.5), p(walk, 0.99),
                reached / articles.size(), distinct / articles.size());
    }

    private static double p(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] / 1e6;
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
