package dev.tidings.bench;

import dev.tidings.model.Document;
import dev.tidings.understand.ArticleAnalyzer;
import dev.tidings.understand.Taxonomy;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jol.info.GraphLayout;

import java.util.Collection;
import java.util.List;

/**
 * Runs {@link TaggingBench} in one JMH run (each benchmark in a fresh JVM of its own, one after
 * the other, so none inherits another's compiled code) and prints articles/s, MB/s per core, our
 * speed as a share of tokenize-only, and the heap the taxonomy and the tagger built from it hold
 * (measured in this process by walking the object graph with JOL).
 *
 * <pre>{@code java -cp bench/target/tidings-bench.jar dev.tidings.bench.TaggingReport [--quick]}</pre>
 */
public final class TaggingReport {
    private TaggingReport() {
    }

    public static void main(String[] args) throws RunnerException {
        // JOL cannot ask Unsafe for the field offsets of records (the taxonomy is made of them): let it find them itself
        System.setProperty("jol.magicFieldOffset", "true");
        boolean quick = List.of(args).contains("--quick");
        ChainedOptionsBuilder options = new OptionsBuilder().include(TaggingBench.class.getName() + "\\.")
                .forks(1).shouldFailOnError(true);
        if (quick) {
            // on a loaded machine the compiler needs several seconds before the tagger's loops are compiled
            options.warmupIterations(5).warmupTime(TimeValue.seconds(2)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(2));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        List<Document> samples = TaggingBench.samples();
        double bytesPerArticle = TaggingBench.bytes(samples) / (double) samples.size();
        double ours = score(results, "ours");
        double full = score(results, "full");
        double baseline = score(results, "baseline");
        System.out.printf("%n%-44s %12s %10s %10s%n", "tagging, one core", "articles/s", "MB/s", "vs tokenize");
        row("ours: tagging stage (ArticleAnalyzer.tag)", ours, bytesPerArticle, baseline);
        row("full analysis (ArticleAnalyzer.analyze)", full, bytesPerArticle, baseline);
        row("baseline: Lucene StandardAnalyzer tokenize", baseline, bytesPerArticle, baseline);

        Taxonomy taxonomy = Taxonomy.bundled();
        ArticleAnalyzer analyzer = new ArticleAnalyzer(taxonomy);
        long taxonomyBytes = GraphLayout.parseInstance(taxonomy).totalSize();
        long allBytes = GraphLayout.parseInstance(analyzer).totalSize();
        System.out.printf("%nheap: taxonomy of %d concepts %.1f MB; with the name and term indexes built from it %.1f MB%n",
                taxonomy.all().size(), taxonomyBytes / 1e6, allBytes / 1e6);
    }

    private static double score(Collection<RunResult> results, String method) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("." + method)) return r.getPrimaryResult().getScore();
        }
        return Double.NaN;
    }

    private static void row(String name, double articlesPerSecond, double bytesPerArticle, double baseline) {
        System.out.printf("%-44s %,12.0f %10.1f %9.0f %%%n", name, articlesPerSecond,
                articlesPerSecond * bytesPerArticle / 1e6, 100 * articlesPerSecond / baseline);
    }
}
