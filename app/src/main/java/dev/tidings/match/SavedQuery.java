package dev.tidings.match;

import dev.tidings.model.Article;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A parsed saved search, in the query language readers type (Google Alerts style):
 * <ul>
 *   <li>{@code Lukashenko border}: every word must be present (in the title, the text or a concept label);</li>
 *   <li>{@code "state of emergency"}: a phrase; {@code "migrants border"~5}: the words within 5 positions;</li>
 *   <li>{@code migrants OR refugees}, {@code border AND NOT fence}, {@code border -fence}, parentheses;
 *       operators are upper case ({@code and} is a word);</li>
 *   <li>{@code migra*}, {@code bord?r}: wildcards, never as the first character of a word (wildcards
 *       compare with stemmed words, so write the start of the stem: {@code immigr*}, not {@code immigration*});</li>
 *   <li>{@code title:}, {@code source:} and {@code lang:} limit a word or phrase to that part of the article;</li>
 *   <li>{@code concept:place/belarus} finds articles tagged with the concept at all (about it or
 *       mentioning it), {@code about:place/belarus} only those about it; with a {@link ConceptResolver}
 *       a label works too: {@code about:"EU immigration"}.</li>
 * </ul>
 * Words are compared in lower case, without accents and stemmed, so {@code migrant} finds
 * {@code Migrants}. Immutable and thread-safe.
 */
public final class SavedQuery {
    /**
     * One analyzer for all parsing: it keeps its token streams per thread, so sharing it is safe, and
     * reusing them makes parsing a million saved searches at start-up several times faster.
     */
    private static final Analyzer SHARED_ANALYZER = ArticleFields.analyzer();
    /** The analyses of words and phrases by the shared analyzer, made once for all the searches that use them. */
    private static final PlainQueryParser.Analyses SHARED_ANALYSES = new PlainQueryParser.Analyses();
    private final String text;
    private final QueryCompiler.Compiled compiled;
    private final Analyzer analyzer;
    /**
     * Terms of which an article must hold at least one to match, empty when wildcards make that unknown;
     * worked out on first use, since a start parses a million searches that are never matched one by one.
     */
    private volatile Optional<Set<Term>> anyOf;

    private SavedQuery(String text, QueryCompiler.Compiled compiled, Analyzer analyzer) {
        this.text = text;
        this.compiled = compiled;
        this.analyzer = analyzer;
    }

    /**
     * Parses a saved search.
     *
     * @throws QuerySyntaxException with the zero-based position and a sentence saying what is wrong,
     *                              e.g. {@code Query error at position 15: expected a word, a phrase or '(' after AND}
     */
    public static SavedQuery parse(String text) throws QuerySyntaxException {
        return parse(text, SHARED_ANALYZER);
    }

    /**
     * Parses a saved search whose {@code concept:} and {@code about:} references may name concepts by
     * label as well as by id: the resolver turns each into an id, and an unknown one is a syntax error
     * at its position.
     */
    public static SavedQuery parse(String text, ConceptResolver concepts) throws QuerySyntaxException {
        return parse(text, SHARED_ANALYZER, concepts);
    }

    static SavedQuery parse(String text, Analyzer analyzer) throws QuerySyntaxException {
        return parse(text, analyzer, ConceptResolver.IDS_AS_WRITTEN);
    }

    static SavedQuery parse(String text, Analyzer analyzer, ConceptResolver concepts) throws QuerySyntaxException {
        PlainQueryParser.Analyses analyses = analyzer == SHARED_ANALYZER ? SHARED_ANALYSES : null;
        return new SavedQuery(text, QueryCompiler.compile(text, analyzer, concepts, analyses), analyzer);
    }

    /** The text as the reader wrote it. */
    public String text() {
        return text;
    }

    /** The words, phrases and prefixes of the query not under a NOT, in query order. */
    List<QueryCompiler.Leaf> leaves() {
        return compiled.leaves();
    }

    /** The Lucene query over {@link ArticleFields}, for searching the index. */
    public Query query() {
        return compiled.query();
    }

    /**
     * The search as {@link PlainQueryParser} read it, or null when it is not of the plain forms: then
     * only {@link #query()} has it. What {@link ClauseTranslator} translates when it can, as building
     * the Lucene query first costs far more than the translation.
     */
    PlainQuery plain() {
        return compiled.plain();
    }

    /** The positive leaves of a {@linkplain #plain() plain} search, in query order; null for the others. */
    List<PlainQuery.Leaf> plainLeaves() {
        return compiled.plainLeaves();
    }

    /** What the text was parsed into, as a value: equal for two parses that give the same search. */
    Object parsed() {
        return compiled.plain() != null ? compiled.plain() : compiled.query();
    }

    public boolean matches(Article article) {
        return matches(new InMemoryArticle(article, analyzer));
    }

    /**
     * The words, phrases and prefixes of the query (as written, in query order) that the article contains,
     * excluding those under NOT: what to show as the reason for a match.
     */
    public List<String> firedTerms(Article article) {
        return firedTerms(new InMemoryArticle(article, analyzer));
    }

    boolean matches(InMemoryArticle article) {
        Optional<Set<Term>> required = anyOf;
        // racing threads work out the same set
        if (required == null) anyOf = required = Optional.ofNullable(requiredTerms(query()));
        return (required.isEmpty() || mayMatch(required.get(), article.terms())) && article.hits(query());
    }

    /**
     * False when the article certainly does not match: it holds none of the query's positive terms.
     * A cheap test before running the query, which costs far more than a few set look-ups.
     */
    private static boolean mayMatch(Set<Term> anyOf, Set<Term> articleTerms) {
        for (Term term : anyOf) {
            if (articleTerms.contains(term)) return true;
        }
        return false;
    }

    /**
     * Every positive clause of a query is made of words and phrases, so a match needs at least one of
     * their terms; prefixes and wildcards stand for terms unknown in advance, so then nothing is known.
     */
    private static Set<Term> requiredTerms(Query query) {
        Set<Term> terms = new HashSet<>();
        boolean[] open = {false};
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }

            @Override
            public void consumeTerms(Query q, Term... found) {
                terms.addAll(List.of(found));
            }

            @Override
            public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                open[0] = true;
            }

            @Override
            public void visitLeaf(Query q) {
                open[0] = true;
            }
        });
        return open[0] ? null : Set.copyOf(terms);
    }

    List<String> firedTerms(InMemoryArticle article) {
        Set<String> fired = new LinkedHashSet<>();
        for (QueryCompiler.Leaf leaf : leaves()) {
            if (!fired.contains(leaf.display()) && article.hits(leaf.query())) fired.add(leaf.display());
        }
        return List.copyOf(fired);
    }

    @Override
    public String toString() {
        return text;
    }
}
