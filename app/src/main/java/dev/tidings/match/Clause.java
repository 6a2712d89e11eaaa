package dev.tidings.match;

import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A saved search compiled for {@link TermIndexMatcher}: a small tree that evaluates directly over an
 * {@link ArticleTerms}, with the same outcome as the Lucene query it came from on the same article.
 * Clauses are values (equal when they mean the same), so the matcher can share one instance between
 * the many searches that contain the same word. Immutable and thread-safe.
 */
sealed interface Clause {
    boolean matches(ArticleTerms article);

    /** The term is in the field; {@code id} is the pair's number in the matcher's {@link TermIds}. */
    record TermClause(int field, String term, int id) implements Clause {
        @Override
        public boolean matches(ArticleTerms article) {
            return article.has(id);
        }
    }

    /**
     * Terms at given relative positions, within {@code slop} moves, as Lucene's phrase query counts
     * them: some choice of one position per term whose (position − offset) values span at most slop.
     * Built only for phrases whose terms are all different (Lucene treats repeats specially; those
     * phrases stay a {@link LuceneClause}).
     */
    record PhraseClause(int field, String[] terms, int[] offsets, int slop) implements Clause {
        @Override
        public boolean matches(ArticleTerms article) {
            int n = terms.length;
            int[][] positions = new int[n][];
            for (int i = 0; i < n; i++) {
                positions[i] = article.positions(field, terms[i]);
                if (positions[i] == null) return false;
            }
            return slop == 0 ? exact(positions) : sloppy(positions);
        }

        private boolean exact(int[][] positions) {
            // walk the rarest term's positions and look the others up
            int rarest = 0;
            for (int i = 1; i < positions.length; i++) if (positions[i].length < positions[rarest].length) rarest = i;
            outer:
            for (int p : positions[rarest]) {
                int start = p - offsets[rarest];
                for (int i = 0; i < positions.length; i++) {
                    if (i != rarest && Arrays.binarySearch(positions[i], start + offsets[i]) < 0) continue outer;
                }
                return true;
            }
            return false;
        }

        /**
         * The smallest window over the lists of (position − offset): repeatedly advance the list whose
         * current value is lowest; the best window is seen on the way.
         */
        private boolean sloppy(int[][] positions) {
            int n = positions.length;
            int[] at = new int[n];
            while (true) {
                int low = 0;
                int max = Integer.MIN_VALUE;
                int min = Integer.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    int v = positions[i][at[i]] - offsets[i];
                    if (v < min) {
                        min = v;
                        low = i;
                    }
                    if (v > max) max = v;
                }
                if (max - min <= slop) return true;
                if (++at[low] == positions[low].length) return false;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PhraseClause p && field == p.field && slop == p.slop && Arrays.equals(terms, p.terms)
                    && Arrays.equals(offsets, p.offsets);
        }

        @Override
        public int hashCode() {
            return Objects.hash(field, slop, Arrays.hashCode(terms), Arrays.hashCode(offsets));
        }

        @Override
        public String toString() {
            return "PhraseClause[" + ArticleTerms.FIELDS.get(field) + ":" + Arrays.toString(terms) + "~" + slop + "]";
        }
    }

    /** Some term of the field starts with the prefix. */
    record PrefixClause(int field, String prefix) implements Clause {
        @Override
        public boolean matches(ArticleTerms article) {
            for (String term : article.terms(field).keySet()) {
                if (term.startsWith(prefix)) return true;
            }
            return false;
        }
    }

    /**
     * Some term of the field is accepted by the automaton (wildcards, fuzzy words). {@code anchor} is a
     * prefix every accepted term starts with, or null when there is none.
     */
    record AutomatonClause(int field, String description, ByteRunAutomaton automaton, String anchor) implements Clause {
        @Override
        public boolean matches(ArticleTerms article) {
            for (BytesRef term : article.bytes(field)) {
                if (automaton.run(term.bytes, term.offset, term.length)) return true;
            }
            return false;
        }

        // automata have no value equality; the Lucene query's text stands for it
        @Override
        public boolean equals(Object o) {
            return o instanceof AutomatonClause a && field == a.field && description.equals(a.description);
        }

        @Override
        public int hashCode() {
            return Objects.hash(field, description);
        }
    }

    /**
     * Lucene's boolean logic: every {@code must}, no {@code mustNot}, and at least {@code minShould} of
     * {@code should} — at least one when there is no {@code must}; only exclusions match nothing. Arrays,
     * and a hash worked out once, because a million searches are made of these and hash-consed.
     */
    final class BoolClause implements Clause {
        private final Clause[] must;
        private final Clause[] should;
        private final Clause[] mustNot;
        private final int minShould;
        private final int hash;

        BoolClause(List<Clause> must, List<Clause> should, List<Clause> mustNot, int minShould) {
            this.must = must.toArray(Clause[]::new);
            this.should = should.toArray(Clause[]::new);
            this.mustNot = mustNot.toArray(Clause[]::new);
            this.minShould = minShould;
            this.hash = Objects.hash(Arrays.hashCode(this.must), Arrays.hashCode(this.should),
                    Arrays.hashCode(this.mustNot), minShould);
        }

        List<Clause> must() {
            return Arrays.asList(must);
        }

        List<Clause> should() {
            return Arrays.asList(should);
        }

        List<Clause> mustNot() {
            return Arrays.asList(mustNot);
        }

        int minShould() {
            return minShould;
        }

        @Override
        public boolean matches(ArticleTerms article) {
            for (Clause c : must) if (!c.matches(article)) return false;
            int needed = must.length == 0 ? Math.max(1, minShould) : minShould;
            if (needed > should.length) return false;
            if (needed > 0) {
                int found = 0;
                int left = should.length;
                for (Clause c : should) {
                    left--;
                    if (c.matches(article) && ++found >= needed) break;
                    if (found + left < needed) return false;
                }
                if (found < needed) return false;
            }
            for (Clause c : mustNot) if (c.matches(article)) return false;
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BoolClause b && hash == b.hash && minShould == b.minShould
                    && Arrays.equals(must, b.must) && Arrays.equals(should, b.should) && Arrays.equals(mustNot, b.mustNot);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "BoolClause[must=" + Arrays.toString(must) + ", should=" + Arrays.toString(should)
                    + ", mustNot=" + Arrays.toString(mustNot) + ", minShould=" + minShould + "]";
        }
    }

    /** What only Lucene knows how to evaluate: run on the article's {@code MemoryIndex}. Rare. */
    record LuceneClause(Query query) implements Clause {
        @Override
        public boolean matches(ArticleTerms article) {
            return article.memory().hits(query);
        }
    }

    /** Matches nothing (e.g. a phrase whose words all analyse away). */
    record NoMatch() implements Clause {
        @Override
        public boolean matches(ArticleTerms article) {
            return false;
        }
    }
}
