package dev.tidings.understand;

import dev.tidings.model.Document;

import java.nio.file.Path;

/**
 * Measures analyze() throughput on one article (not a test; run by hand):
 * {@code java -cp app/target/classes:app/target/test-classes:<deps> dev.tidings.understand.AnalyzerThroughput FILE}
 * where FILE is in the golden-case format. Prints articles per second on one thread after warm-up.
 */
public final class AnalyzerThroughput {
    private AnalyzerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        ArticleAnalyzer analyzer = new ArticleAnalyzer(Taxonomy.bundled());
        System.out.printf("taxonomy + analyzer built in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        Document d = TestArticles.read(Path.of(args[0]));
        for (int i = 0; i < 2000; i++) analyzer.analyze(d);
        int n = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 5_000_000_000L) {
            analyzer.analyze(d);
            n++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d chars: %.0f articles/s (%.2f ms each)%n", d.text().length(), n / seconds, 1000 * seconds / n);
    }
}
