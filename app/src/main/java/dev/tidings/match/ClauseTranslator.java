package dev.tidings.match;

import dev.tidings.match.Clause.AutomatonClause;
import dev.tidings.match.Clause.BoolClause;
import dev.tidings.match.Clause.LuceneClause;
import dev.tidings.match.Clause.NoMatch;
import dev.tidings.match.Clause.PhraseClause;
import dev.tidings.match.Clause.PrefixClause;
import dev.tidings.match.Clause.TermClause;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a {@link SavedQuery} into {@link Clause}s: its {@link PlainQuery} nodes when it has them (the
 * same clauses as from its Lucene query, at a fraction of the cost; a test holds the two to it), its
 * Lucene query otherwise. Equal clauses are made one
 * instance (hash-consing), so a word that a hundred thousand searches contain costs memory once.
 * Anything it does not know stays a {@link LuceneClause}, which is slower but never wrong.
 * Not thread-safe: the matcher calls it under its write lock.
 */
final class ClauseTranslator {
    private final Map<Clause, Clause> shared = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();
    /**
     * Words already translated, by term: most words recur in many searches, and a hit spares decoding
     * the term and three look-ups. Grows like {@link #shared}, which never forgets a clause either.
     */
    private final Map<Term, Clause> byTerm = new HashMap<>();
    /** The same for the words of {@link PlainQuery}s. */
    private final Map<PlainQuery.Word, Clause> byWord = new HashMap<>();
    /**
     * The same for boolean nodes of words only: above all a bare word, which is any of three fields
     * (one look-up instead of four and a new clause).
     */
    private final Map<PlainQuery.Bool, Clause> byWords = new HashMap<>();
    private final TermIds ids;

    ClauseTranslator(TermIds ids) {
        this.ids = ids;
    }

    /** A search translated: its clause, and how each positive leaf is shown and its clause, in query order. */
    record Translated(Clause clause, String[] displays, Clause[] leaves) {}

    /** The clauses of a search and of its positive leaves. */
    Translated translate(SavedQuery query) {
        if (query.plain() != null) return translate(query.plain(), query.plainLeaves());
        List<QueryCompiler.Leaf> written = query.leaves();
        String[] displays = new String[written.size()];
        Clause[] leaves = new Clause[displays.length];
        Map<Query, Clause> seen = newSeen();
        Clause clause = translate(query.query(), seen);
        for (int i = 0; i < displays.length; i++) {
            displays[i] = written.get(i).display();
            leaves[i] = translate(written.get(i).query(), seen);
        }
        return new Translated(clause, displays, leaves);
    }

    /**
     * The clauses of plain nodes and of their leaves (nodes of the tree): what {@link #translate(Query, Map)}
     * gives for the Lucene query the nodes stand for, step by step.
     */
    Translated translate(PlainQuery root, List<PlainQuery.Leaf> written) {
        String[] displays = new String[written.size()];
        PlainQuery[] nodes = new PlainQuery[displays.length];
        Clause[] leaves = new Clause[displays.length];
        for (int i = 0; i < displays.length; i++) {
            displays[i] = written.get(i).display();
            nodes[i] = written.get(i).node();
        }
        Clause clause = translate(root, nodes, leaves);
        for (int i = 0; i < leaves.length; i++) {
            // every leaf is a node of the tree, so this is only a safeguard
            if (leaves[i] == null) leaves[i] = translate(nodes[i], nodes, leaves);
        }
        return new Translated(clause, displays, leaves);
    }

    /** The clause of a node, and of each of the leaf nodes met on the way (by identity, as they are few). */
    private Clause translate(PlainQuery node, PlainQuery[] leafNodes, Clause[] leafClauses) {
        Clause c;
        if (node instanceof PlainQuery.Word w) {
            c = word(w);
        } else if (node instanceof PlainQuery.Phrase p) {
            c = share(phrase(p));
        } else if (node instanceof PlainQuery.Prefix p) {
            int field = ArticleTerms.field(p.field());
            c = share(field < 0 ? new NoMatch() : new PrefixClause(field, text(p.prefix())));
        } else {
            c = bool((PlainQuery.Bool) node, leafNodes, leafClauses);
        }
        for (int i = 0; i < leafNodes.length; i++) if (leafNodes[i] == node) leafClauses[i] = c;
        return c;
    }

    private Clause bool(PlainQuery.Bool b, PlainQuery[] leafNodes, Clause[] leafClauses) {
        List<PlainQuery> clauses = b.clauses();
        boolean wordsOnly = true;
        for (PlainQuery child : clauses) {
            if (!(child instanceof PlainQuery.Word)) {
                wordsOnly = false;
                break;
            }
        }
        if (wordsOnly) {
            Clause known = byWords.get(b);
            if (known != null) {
                // its words are leaves themselves in "title:a OR title:b": translated then
                for (PlainQuery child : clauses) {
                    for (PlainQuery leaf : leafNodes) if (leaf == child) translate(child, leafNodes, leafClauses);
                }
                return known;
            }
        }
        int musts = 0;
        int shoulds = 0;
        for (Occur occur : b.occurs()) {
            if (occur == Occur.MUST || occur == Occur.FILTER) musts++;
            else if (occur == Occur.SHOULD) shoulds++;
        }
        Clause[] must = new Clause[musts];
        Clause[] should = new Clause[shoulds];
        Clause[] mustNot = new Clause[clauses.size() - musts - shoulds];
        int m = 0;
        int s = 0;
        int n = 0;
        for (int i = 0; i < clauses.size(); i++) {
            Clause child = translate(clauses.get(i), leafNodes, leafClauses);
            switch (b.occurs().get(i)) {
                case MUST, FILTER -> must[m++] = child;
                case SHOULD -> should[s++] = child;
                case MUST_NOT -> mustNot[n++] = child;
            }
        }
        Clause c = share(new BoolClause(Arrays.asList(must), Arrays.asList(should), Arrays.asList(mustNot), 0));
        if (wordsOnly) byWords.put(b, c);
        return c;
    }

    private Clause word(PlainQuery.Word w) {
        Clause known = byWord.get(w);
        if (known != null) return known;
        Clause c = termIn(w.field(), w.text());
        byWord.put(w, c);
        return c;
    }

    /** As {@link #phrase(PhraseQuery)}: plain phrases have two terms or more. */
    private Clause phrase(PlainQuery.Phrase p) {
        int field = ArticleTerms.field(p.field());
        if (field < 0) return new NoMatch();
        String[] texts = new String[p.terms().length];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = text(p.terms()[i]);
            for (int j = 0; j < i; j++) {
                if (texts[j].equals(texts[i])) return new LuceneClause(p.toLucene(new IdentityHashMap<>()));
            }
        }
        return new PhraseClause(field, texts, p.positions(), p.slop());
    }

    /** The clause for a query; {@code seen} maps the query objects already translated in this search. */
    Clause translate(Query query, Map<Query, Clause> seen) {
        Clause done = seen.get(query);
        if (done != null) return done;
        Clause c = query instanceof TermQuery t ? term(t.getTerm()) : share(build(query, seen));
        seen.put(query, c);
        return c;
    }

    static Map<Query, Clause> newSeen() {
        return new IdentityHashMap<>();
    }

    /** How many distinct clauses are kept (for memory reports). */
    int size() {
        return shared.size();
    }

    private Clause build(Query query, Map<Query, Clause> seen) {
        if (query instanceof BoostQuery b) return translate(b.getQuery(), seen);
        if (query instanceof ConstantScoreQuery c) return translate(c.getQuery(), seen);
        if (query instanceof MatchNoDocsQuery) return new NoMatch();
        if (query instanceof TermQuery t) return term(t.getTerm());
        if (query instanceof PhraseQuery p) return phrase(p);
        if (query instanceof PrefixQuery p) {
            int field = ArticleTerms.field(p.getField());
            return field < 0 ? new NoMatch() : new PrefixClause(field, text(p.getPrefix().text()));
        }
        if (query instanceof MultiTermQuery m) return automaton(m);
        if (query instanceof BooleanQuery b) {
            List<Clause> must = new ArrayList<>();
            List<Clause> should = new ArrayList<>();
            List<Clause> mustNot = new ArrayList<>();
            for (BooleanClause clause : b.clauses()) {
                Clause c = translate(clause.getQuery(), seen);
                switch (clause.getOccur()) {
                    case MUST, FILTER -> must.add(c);
                    case SHOULD -> should.add(c);
                    case MUST_NOT -> mustNot.add(c);
                }
            }
            return new BoolClause(List.copyOf(must), List.copyOf(should), List.copyOf(mustNot),
                    b.getMinimumNumberShouldMatch());
        }
        return new LuceneClause(query);
    }

    /** The shared clause of the term. */
    private Clause term(Term term) {
        Clause known = byTerm.get(term);
        if (known != null) return known;
        Clause c = termIn(term.field(), term.text());
        byTerm.put(term, c);
        return c;
    }

    /** The shared clause of a term in a field; a field articles do not have matches nothing. */
    private Clause termIn(String fieldName, String term) {
        int field = ArticleTerms.field(fieldName);
        if (field < 0) return share(new NoMatch());
        String text = text(term);
        return share(new TermClause(field, text, ids.add(field, text)));
    }

    private Clause phrase(PhraseQuery p) {
        Term[] terms = p.getTerms();
        if (terms.length == 0) return new NoMatch();
        if (terms.length == 1) return term(terms[0]);
        int field = ArticleTerms.field(p.getField());
        if (field < 0) return new NoMatch();
        Set<String> distinct = new HashSet<>();
        String[] texts = new String[terms.length];
        for (int i = 0; i < terms.length; i++) {
            texts[i] = text(terms[i].text());
            if (!distinct.add(texts[i])) return new LuceneClause(p);
        }
        return new PhraseClause(field, texts, p.getPositions(), p.getSlop());
    }

    /** Wildcards and fuzzy words: the automaton Lucene itself would run over the terms. */
    private Clause automaton(MultiTermQuery m) {
        int field = ArticleTerms.field(m.getField());
        if (field < 0) return new NoMatch();
        Term[] single = new Term[1];
        @SuppressWarnings("unchecked") Supplier<ByteRunAutomaton>[] run = new Supplier[1];
        boolean[] other = {false};
        m.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... terms) {
                if (terms.length == 1 && single[0] == null) single[0] = terms[0];
                else other[0] = true;
            }

            @Override
            public void consumeTermsMatching(Query q, String f, Supplier<ByteRunAutomaton> automaton) {
                if (run[0] == null) run[0] = automaton;
                else other[0] = true;
            }

            @Override
            public void visitLeaf(Query q) {
                other[0] = true;
            }
        });
        if (other[0] || (single[0] == null) == (run[0] == null)) return new LuceneClause(m);
        if (single[0] != null) return term(single[0]);
        String anchor = m instanceof WildcardQuery w ? literalPrefix(w.getTerm().text()) : null;
        return new AutomatonClause(field, m.toString(), run[0].get(), anchor);
    }

    /** The characters before the first wildcard or escape: every term the pattern accepts starts so. */
    private String literalPrefix(String pattern) {
        int end = 0;
        while (end < pattern.length() && "*?\\".indexOf(pattern.charAt(end)) < 0) end++;
        return end == 0 ? null : text(pattern.substring(0, end));
    }

    private String text(String s) {
        return strings.computeIfAbsent(s, k -> k);
    }

    private Clause share(Clause c) {
        Clause existing = shared.putIfAbsent(c, c);
        return existing == null ? c : existing;
    }
}
