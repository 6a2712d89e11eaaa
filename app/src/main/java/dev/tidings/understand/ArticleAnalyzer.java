package dev.tidings.understand;

import dev.tidings.model.Document;
import dev.tidings.model.Understanding;

/** STUB: to be implemented by the understand work. */
public final class ArticleAnalyzer {
    public ArticleAnalyzer(Taxonomy taxonomy) {
    }

    public Understanding analyze(Document document) {
        throw new UnsupportedOperationException("stub");
    }
}
