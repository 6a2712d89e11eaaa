package dev.tidings.match;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A saved search of the plain forms as {@link PlainQueryParser} reads it: the shape of the Lucene
 * query, without the Lucene objects. A start with a million saved searches turns each straight into
 * {@link Clause}s ({@link ClauseTranslator}), which costs a fraction of building Lucene queries (their
 * boolean queries hash every clause into multisets) and translating those; the Lucene query is built
 * from the nodes only when something asks for it ({@link #toLucene}), and is then exactly the query
 * the parser used to build.
 *
 * <p>Each occurrence of a word in a search is its own node (which leaves are positive is told by
 * identity, as for Lucene queries); nodes are values otherwise. Immutable.
 */
sealed interface PlainQuery {
    /** A word, phrase or prefix as the reader wrote it, and its node (a node of the search's tree). */
    record Leaf(String display, PlainQuery node) {}

    /** The Lucene query of this node; {@code built} maps nodes already built to their query (so leaves share them). */
    Query toLucene(Map<PlainQuery, Query> built);

    /** One analysed term in a field: a {@link TermQuery}. */
    record Word(String field, String text) implements PlainQuery {
        @Override
        public Query toLucene(Map<PlainQuery, Query> built) {
            return built.computeIfAbsent(this, n -> new TermQuery(new Term(field, text)));
        }

        // spelled out: looked up a few million times at a start, faster than the generated ones
        @Override
        public boolean equals(Object o) {
            return o instanceof Word w && text.equals(w.text) && field.equals(w.field);
        }

        @Override
        public int hashCode() {
            return field.hashCode() * 31 + text.hashCode();
        }
    }

    /** Terms at positions within a slop: a {@link PhraseQuery} (of two terms or more). */
    record Phrase(String field, String[] terms, int[] positions, int slop) implements PlainQuery {
        @Override
        public Query toLucene(Map<PlainQuery, Query> built) {
            return built.computeIfAbsent(this, n -> {
                PhraseQuery.Builder phrase = new PhraseQuery.Builder();
                phrase.setSlop(slop);
                for (int i = 0; i < terms.length; i++) phrase.add(new Term(field, terms[i]), positions[i]);
                return phrase.build();
            });
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Phrase p && field.equals(p.field) && slop == p.slop && Arrays.equals(terms, p.terms)
                    && Arrays.equals(positions, p.positions);
        }

        @Override
        public int hashCode() {
            return Objects.hash(field, slop, Arrays.hashCode(terms), Arrays.hashCode(positions));
        }
    }

    /** Terms of the field starting with the (normalised) prefix: a {@link PrefixQuery}. */
    record Prefix(String field, String prefix) implements PlainQuery {
        @Override
        public Query toLucene(Map<PlainQuery, Query> built) {
            return built.computeIfAbsent(this, n -> new PrefixQuery(new Term(field, prefix)));
        }
    }

    /** Clauses with their occurrence, in query order: a {@link BooleanQuery}. */
    record Bool(List<PlainQuery> clauses, List<Occur> occurs) implements PlainQuery {
        @Override
        public Query toLucene(Map<PlainQuery, Query> built) {
            Query done = built.get(this);
            if (done != null) return done;
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            for (int i = 0; i < clauses.size(); i++) all.add(clauses.get(i).toLucene(built), occurs.get(i));
            Query q = all.build();
            built.put(this, q);
            return q;
        }

        /** True when this or a boolean part has only excluded clauses (which match nothing). */
        boolean hasOnlyExclusions() {
            boolean allExcluded = true;
            for (int i = 0; i < clauses.size(); i++) {
                if (occurs.get(i) != Occur.MUST_NOT) allExcluded = false;
                if (clauses.get(i) instanceof Bool b && b.hasOnlyExclusions()) return true;
            }
            return allExcluded;
        }
    }
}
