package dev.tidings.bench;

import dev.tidings.ingest.BundledSamples;
import dev.tidings.model.Document;
import dev.tidings.model.Submission;
import dev.tidings.normalize.DocumentNormalizer;
import dev.tidings.understand.ArticleAnalyzer;
import dev.tidings.understand.Taxonomy;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tagging throughput in articles per second on one core: {@code ours} is the full
 * {@link ArticleAnalyzer#analyze} (language detection, names of the whole taxonomy, context rules,
 * datelines, discovery, quotes, relevance, every topic rule) over the bundled sample articles;
 * {@code baseline} is Lucene's {@link StandardAnalyzer} tokenizing the same title and text, the cost
 * of merely reading the words. The ratio says what tagging costs in tokenize passes. The samples
 * total {@link #BYTES} bytes, printed at setup, for MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TaggingBench {
    /** Benchmark invocations each process every sample once. */
    static final int ARTICLES = 24;
    static long BYTES;

    private List<Document> documents;
    private ArticleAnalyzer analyzer;
    private Analyzer tokenizer;

    @Setup
    public void setup() {
        documents = new ArrayList<>();
        DocumentNormalizer normalizer = new DocumentNormalizer();
        for (Submission s : BundledSamples.load()) {
            Document d = normalizer.normalize(s);
            if (!d.text().isBlank()) documents.add(d);
        }
        while (documents.size() < ARTICLES) documents.add(documents.get(documents.size() % Math.max(1, documents.size())));
        documents = documents.subList(0, ARTICLES);
        long bytes = 0;
        for (Document d : documents) bytes += (d.title() + "\n" + d.text()).getBytes(StandardCharsets.UTF_8).length;
        BYTES = bytes;
        long t0 = System.nanoTime();
        Taxonomy taxonomy = Taxonomy.bundled();
        analyzer = new ArticleAnalyzer(taxonomy);
        analyzer.analyze(documents.get(0)); // loads the language model
        System.out.printf("%n%d articles, %d bytes (%.0f bytes each); taxonomy of %d concepts ready in %d ms%n",
                documents.size(), bytes, bytes / (double) documents.size(), taxonomy.all().size(),
                (System.nanoTime() - t0) / 1_000_000);
        tokenizer = new StandardAnalyzer();
    }

    @Benchmark
    @OperationsPerInvocation(ARTICLES)
    public void ours(Blackhole bh) {
        for (Document d : documents) bh.consume(analyzer.analyze(d));
    }

    @Benchmark
    @OperationsPerInvocation(ARTICLES)
    public void baseline(Blackhole bh) {
        for (Document d : documents) {
            try (TokenStream ts = tokenizer.tokenStream("text", d.title() + "\n" + d.text())) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken()) bh.consume(term.length());
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
