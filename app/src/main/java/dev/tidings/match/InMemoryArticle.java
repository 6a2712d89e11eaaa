package dev.tidings.match;

import dev.tidings.model.Article;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One article analysed once into a Lucene {@code MemoryIndex}, for running many queries against it.
 * Remembers the outcome of each query, since the same words recur in many readers' saved searches.
 * Confined to one thread.
 */
final class InMemoryArticle {
    private final IndexSearcher searcher;
    private Set<Term> terms;
    private final Map<Query, Boolean> outcomes = new HashMap<>();

    InMemoryArticle(Article article, Analyzer analyzer) {
        this.searcher = ArticleFields.memorySearcher(article, analyzer);
    }

    /** True when the query matches the article. */
    boolean hits(Query query) {
        return outcomes.computeIfAbsent(query, q -> {
            try {
                return searcher.count(q) > 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot search an in-memory article", e);
            }
        });
    }

    /** Every term of the article, field by field. */
    Set<Term> terms() {
        if (terms == null) terms = ArticleFields.terms(searcher);
        return terms;
    }
}
