package dev.tidings.match;

import dev.tidings.model.Article;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed saved search, in the query language readers type (Google Alerts style):
 * <ul>
 *   <li>{@code Lukashenko border}: every word must be present (in the title, the text or a concept label);</li>
 *   <li>{@code "state of emergency"}: a phrase; {@code "migrants border"~5}: the words within 5 positions;</li>
 *   <li>{@code migrants OR refugees}, {@code border AND NOT fence}, {@code border -fence}, parentheses;
 *       operators are upper case ({@code and} is a word);</li>
 *   <li>{@code migra*}: words starting with {@code migra} (not at the start of a word);</li>
 *   <li>{@code title:}, {@code source:}, {@code lang:} and {@code concept:} (a concept id, e.g.
 *       {@code concept:place/belarus}) limit a word or phrase to that part of the article.</li>
 * </ul>
 * Words are compared in lower case, without accents and stemmed, so {@code migrant} finds
 * {@code Migrants}. Immutable and thread-safe.
 */
public final class SavedQuery {
    private final String text;
    private final Query query;
    private final List<QueryCompiler.Leaf> leaves;
    private final Analyzer analyzer;

    private SavedQuery(String text, QueryCompiler.Compiled compiled, Analyzer analyzer) {
        this.text = text;
        this.query = compiled.query();
        this.leaves = compiled.leaves();
        this.analyzer = analyzer;
    }

    /**
     * Parses a saved search.
     *
     * @throws QuerySyntaxException with the zero-based position and a sentence saying what is wrong,
     *                              e.g. {@code Query error at position 15: expected a word, a phrase or '(' after AND}
     */
    public static SavedQuery parse(String text) throws QuerySyntaxException {
        return parse(text, ArticleFields.analyzer());
    }

    static SavedQuery parse(String text, Analyzer analyzer) throws QuerySyntaxException {
        return new SavedQuery(text, QueryCompiler.compile(text, analyzer), analyzer);
    }

    /** The text as the reader wrote it. */
    public String text() {
        return text;
    }

    /** The Lucene query over {@link ArticleFields}, for searching the index. */
    public Query query() {
        return query;
    }

    public boolean matches(Article article) {
        return matches(ArticleFields.memorySearcher(article, analyzer));
    }

    /**
     * The words, phrases and prefixes of the query (as written, in query order) that the article contains,
     * excluding those under NOT: what to show as the reason for a match.
     */
    public List<String> firedTerms(Article article) {
        return firedTerms(ArticleFields.memorySearcher(article, analyzer));
    }

    boolean matches(IndexSearcher article) {
        return count(article, query) > 0;
    }

    List<String> firedTerms(IndexSearcher article) {
        Set<String> fired = new LinkedHashSet<>();
        for (QueryCompiler.Leaf leaf : leaves) {
            if (!fired.contains(leaf.display()) && count(article, leaf.query()) > 0) fired.add(leaf.display());
        }
        return List.copyOf(fired);
    }

    private static int count(IndexSearcher searcher, Query q) {
        try {
            return searcher.count(q);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search an in-memory article", e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
