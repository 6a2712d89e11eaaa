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
 * Tagging throughput in articles per second on one core, over the bundled sample articles with
 * the full bundled taxonomy:
 * <ul>
 *   <li>{@code ours}: the tagging stage, {@link ArticleAnalyzer#tag} — every taxonomy name in the
 *   text, context rules (disambiguation), datelines, about/mentions relevance and every topic rule —
 *   on documents whose language is known (detected once at setup, as a feed usually states it);</li>
 *   <li>{@code full}: the whole {@link ArticleAnalyzer#analyze} — language detection, tagging,
 *   discovery of people and organisations, quotes with speakers — on the same documents without a
 *   language;</li>
 *   <li>{@code baseline}: Lucene's {@link StandardAnalyzer} tokenizing the same title and text, the
 *   cost of merely reading the words.</li>
 * </ul>
 * {@link TaggingReport} runs the three in one process and prints MB/s, the ratio and the
 * taxonomy's memory; the samples total {@link #bytes} UTF-8 bytes.
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

    private List<Document> documents;
    private List<Document> withLanguage;
    private ArticleAnalyzer analyzer;
    private Analyzer tokenizer;

    /** The sample articles the benchmarks read, normalised, {@link #ARTICLES} of them. */
    static List<Document> samples() {
        List<Document> out = new ArrayList<>();
        DocumentNormalizer normalizer = new DocumentNormalizer();
        for (Submission s : BundledSamples.load()) {
            Document d = normalizer.normalize(s);
            if (!d.text().isBlank()) out.add(d);
        }
        while (out.size() < ARTICLES) out.add(out.get(out.size() % Math.max(1, out.size())));
        return List.copyOf(out.subList(0, ARTICLES));
    }

    /** UTF-8 bytes of the title and text of the documents, as the tokenizer reads them. */
    static long bytes(List<Document> documents) {
        long bytes = 0;
        for (Document d : documents) bytes += (d.title() + "\n" + d.text()).getBytes(StandardCharsets.UTF_8).length;
        return bytes;
    }

    @Setup
    public void setup() {
        documents = samples();
        long t0 = System.nanoTime();
        Taxonomy taxonomy = Taxonomy.bundled();
        analyzer = new ArticleAnalyzer(taxonomy);
        withLanguage = new ArrayList<>();
        for (Document d : documents) {
            String language = analyzer.analyze(d).language(); // also loads the language model
            withLanguage.add(new Document(d.origin(), d.title(), d.published(), d.url(), d.source(), d.author(), language,
                    d.text(), d.summary(), d.boilerplate()));
        }
        long bytes = bytes(documents);
        System.out.printf("%n%d articles, %d bytes (%.0f bytes each); taxonomy of %d concepts ready in %d ms%n",
                documents.size(), bytes, bytes / (double) documents.size(), taxonomy.all().size(),
                (System.nanoTime() - t0) / 1_000_000);
        tokenizer = new StandardAnalyzer();
    }

    @Benchmark
    @OperationsPerInvocation(ARTICLES)
    public void ours(Blackhole bh) {
        for (Document d : withLanguage) bh.consume(analyzer.tag(d));
    }

    @Benchmark
    @OperationsPerInvocation(ARTICLES)
    public void full(Blackhole bh) {
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
