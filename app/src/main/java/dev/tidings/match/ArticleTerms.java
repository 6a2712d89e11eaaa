package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One article analysed once into its terms and their positions, field by field: what
 * {@link TermIndexMatcher} looks up anchors in and verifies candidate searches against. It sees the
 * article exactly as {@link ArticleFields#memorySearcher} does (same fields, same analysis, same gap
 * between the values of one field), so a clause evaluated here agrees with Lucene on the same article.
 * Confined to one thread.
 */
final class ArticleTerms {
    /** The fields a saved search can name, by index; {@link #field} maps names to these. */
    static final List<String> FIELDS = List.of(ArticleFields.TITLE, ArticleFields.TEXT, ArticleFields.LABEL,
            ArticleFields.SOURCE, ArticleFields.LANGUAGE, ArticleFields.CONCEPT, ArticleFields.ABOUT);
    private static final int NO_POSITIONS = -1;

    private final Article article;
    private final Analyzer analyzer;
    /** Per field: term → positions, ascending. */
    private final Map<String, int[]>[] terms;
    private final int[] lastPosition;
    private BytesRef[][] bytes;
    private InMemoryArticle memory;
    /** Numbers of the article's terms that searches use: {@code marks[id] == stamp} when present. */
    private int[] marks;
    private int stamp;
    private int[] present;
    private int presentCount;

    @SuppressWarnings("unchecked")
    private ArticleTerms(Article article, Analyzer analyzer) {
        this.article = article;
        this.analyzer = analyzer;
        this.terms = new Map[FIELDS.size()];
        this.lastPosition = new int[FIELDS.size()];
        Arrays.fill(lastPosition, NO_POSITIONS);
        for (int i = 0; i < terms.length; i++) terms[i] = new HashMap<>();
    }

    static ArticleTerms of(Article article, Analyzer analyzer) {
        ArticleTerms a = new ArticleTerms(article, analyzer);
        // the order of ArticleFields.memorySearcher, so positions and gaps come out the same
        a.add(ArticleFields.TITLE, article.title());
        a.add(ArticleFields.TEXT, article.text());
        if (article.source() != null) a.add(ArticleFields.SOURCE, article.source());
        a.add(ArticleFields.LANGUAGE, article.language());
        for (ConceptTag tag : article.concepts()) {
            a.add(ArticleFields.CONCEPT, tag.conceptId());
            if (tag.isAbout()) a.add(ArticleFields.ABOUT, tag.conceptId());
            a.add(ArticleFields.LABEL, tag.label());
        }
        return a;
    }

    /** The index of a field in {@link #FIELDS}, or -1 for a field no article has. */
    static int field(String name) {
        return FIELDS.indexOf(name);
    }

    /** Positions of the term in the field, ascending; null when absent. */
    int[] positions(int field, String term) {
        return terms[field].get(term);
    }

    boolean has(int field, String term) {
        return terms[field].containsKey(term);
    }

    /**
     * Looks up the article's terms in the numbers searches use, marking them in {@code marks} (a
     * scratch array of the calling thread, at least {@code ids.size()} long) with {@code stamp}, a
     * value no earlier article of that thread marked with; then {@link #has(int)} and
     * {@link #present} answer for numbers.
     */
    void number(TermIds ids, int[] marks, int stamp, int[] scratch) {
        this.marks = marks;
        this.stamp = stamp;
        int[] found = scratch;
        int count = 0;
        for (int field = 0; field < terms.length; field++) {
            if (ids.size(field) == 0) continue;
            for (String term : terms[field].keySet()) {
                int id = ids.get(field, term);
                if (id == TermIds.ABSENT) continue;
                marks[id] = stamp;
                if (count == found.length) found = Arrays.copyOf(found, count * 2);
                found[count++] = id;
            }
        }
        present = found;
        presentCount = count;
    }

    /** True when the term with this number is in the article; only after {@link #number}. */
    boolean has(int id) {
        return marks[id] == stamp;
    }

    /** The numbers of the terms present (the first {@link #presentCount} entries); after {@link #number}. */
    int[] present() {
        return present;
    }

    int presentCount() {
        return presentCount;
    }

    /** The distinct terms of a field with their positions; do not modify. */
    Map<String, int[]> terms(int field) {
        return terms[field];
    }

    /** The distinct terms of a field as UTF-8, for automata (wildcards, fuzzy words). */
    BytesRef[] bytes(int field) {
        if (bytes == null) bytes = new BytesRef[FIELDS.size()][];
        if (bytes[field] == null) {
            bytes[field] = terms[field].keySet().stream().map(BytesRef::new).toArray(BytesRef[]::new);
        }
        return bytes[field];
    }

    /** The article in a Lucene {@code MemoryIndex}, built on first use, for clauses only Lucene evaluates. */
    InMemoryArticle memory() {
        if (memory == null) memory = new InMemoryArticle(article, analyzer);
        return memory;
    }

    private void add(String fieldName, String value) {
        int field = field(fieldName);
        Map<String, int[]> into = terms[field];
        // a later value of the same field starts a gap after the previous one, as in MemoryIndex
        int position = lastPosition[field] == NO_POSITIONS ? -1
                : lastPosition[field] + analyzer.getPositionIncrementGap(fieldName);
        Map<String, Positions> found = new HashMap<>();
        try (TokenStream stream = analyzer.tokenStream(fieldName, value)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                found.computeIfAbsent(term.toString(), t -> new Positions()).add(position);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse an article", e);
        }
        if (found.isEmpty()) return;
        lastPosition[field] = position;
        found.forEach((t, p) -> into.merge(t, p.toArray(), ArticleTerms::concat));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A growing list of positions. */
    private static final class Positions {
        private int[] values = new int[2];
        private int size;

        void add(int position) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = position;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
