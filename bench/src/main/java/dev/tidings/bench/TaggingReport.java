package dev.tidings.bench;

import dev.tidings.model.Document;
import dev.tidings.understand.ArticleAnalyzer;
import dev.tidings.understand.Taxonomy;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.openjdk.jol.info.GraphLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tagging figures in one process: the tagging stage ({@link ArticleAnalyzer#tag}), the full
 * analysis ({@link ArticleAnalyzer#analyze}) and Lucene's {@link StandardAnalyzer} tokenizing the
 * same text, over {@link TaggingBench}'s samples, taking turns round after round so that all three
 * see the same machine, and timed by the thread's CPU time so that a shared, loaded machine (the
 * other processes that take the core away) does not count against whichever ran at the busy moment.
 * Prints the median articles/s, MB/s per core and share of tokenize-only, then the heap the
 * taxonomy and the tagger built from it hold (walking the object graph with JOL).
 * {@link TaggingBench} is the JMH form of the same measurements, for {@code BenchMain}.
 *
 * <pre>{@code java -cp bench/target/tidings-bench.jar dev.tidings.bench.TaggingReport [--quick]}</pre>
 */
public final class TaggingReport {
    private static long sink;

    private TaggingReport() {
    }

    public static void main(String[] args) {
        // JOL cannot ask Unsafe for the field offsets of records (the taxonomy is made of them): let it find them itself
        System.setProperty("jol.magicFieldOffset", "true");
        boolean quick = List.of(args).contains("--quick");
        int warmup = quick ? 8 : 15;
        int rounds = quick ? 6 : 15;
        long slice = 1_000_000_000L; // CPU nanoseconds per workload per round

        List<Document> documents = TaggingBench.samples();
        Taxonomy taxonomy = Taxonomy.bundled();
        ArticleAnalyzer analyzer = new ArticleAnalyzer(taxonomy);
        List<Document> withLanguage = new ArrayList<>();
        for (Document d : documents) {
            withLanguage.add(new Document(d.origin(), d.title(), d.published(), d.url(), d.source(), d.author(),
                    analyzer.analyze(d).language(), d.text(), d.summary(), d.boilerplate()));
        }
        Analyzer tokenizer = new StandardAnalyzer();
        List<Runnable> workloads = List.of(
                () -> {
                    for (Document d : withLanguage) sink += analyzer.tag(d).concepts().size();
                },
                () -> {
                    for (Document d : documents) sink += analyzer.analyze(d).concepts().size();
                },
                () -> {
                    for (Document d : documents) sink += tokens(tokenizer, d);
                });
        double[][] perSecond = new double[workloads.size()][rounds];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = -warmup; round < rounds; round++) {
            for (int w = 0; w < workloads.size(); w++) {
                long start = cpu.getCurrentThreadCpuTime();
                long articles = 0;
                long used;
                do {
                    workloads.get(w).run();
                    articles += documents.size();
                    used = cpu.getCurrentThreadCpuTime() - start;
                } while (used < slice);
                if (round >= 0) perSecond[w][round] = articles / (used / 1e9);
            }
        }

        double bytesPerArticle = TaggingBench.bytes(documents) / (double) documents.size();
        double baseline = median(perSecond[2]);
        System.out.printf("%n%d articles of %.0f bytes on average; medians of %d rounds, CPU time of one thread%n",
                documents.size(), bytesPerArticle, rounds);
        System.out.printf("%-46s %12s %10s %12s%n", "", "articles/s", "MB/s", "vs tokenize");
        row("ours: tagging stage (ArticleAnalyzer.tag)", median(perSecond[0]), bytesPerArticle, baseline);
        row("full analysis (ArticleAnalyzer.analyze)", median(perSecond[1]), bytesPerArticle, baseline);
        row("baseline: Lucene StandardAnalyzer tokenize", baseline, bytesPerArticle, baseline);

        long taxonomyBytes = GraphLayout.parseInstance(taxonomy).totalSize();
        long allBytes = GraphLayout.parseInstance(analyzer).totalSize();
        System.out.printf("%nheap: taxonomy of %d concepts %.1f MB; with the name and term indexes built from it %.1f MB%n",
                taxonomy.all().size(), taxonomyBytes / 1e6, allBytes / 1e6);
        if (sink == 42) System.out.println(); // keeps the work observable
    }

    private static int tokens(Analyzer tokenizer, Document d) {
        int n = 0;
        try (TokenStream ts = tokenizer.tokenStream("text", d.title() + "\n" + d.text())) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) n += term.length();
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void row(String name, double articlesPerSecond, double bytesPerArticle, double baseline) {
        System.out.printf("%-46s %,12.0f %10.1f %11.0f %%%n", name, articlesPerSecond,
                articlesPerSecond * bytesPerArticle / 1e6, 100 * articlesPerSecond / baseline);
    }
}
