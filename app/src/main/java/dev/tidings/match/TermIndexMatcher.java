package dev.tidings.match;

import dev.tidings.match.Clause.AutomatonClause;
import dev.tidings.match.Clause.BoolClause;
import dev.tidings.match.Clause.NoMatch;
import dev.tidings.match.Clause.PhraseClause;
import dev.tidings.match.Clause.PrefixClause;
import dev.tidings.match.Clause.TermClause;
import dev.tidings.model.Article;
import org.apache.lucene.analysis.Analyzer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Our reverse-search engine: an inverted index from terms to the saved searches that need them.
 *
 * <p><b>Registering</b> a search compiles it into a {@link Clause} tree and files it under its
 * <em>anchors</em>: terms of which every matching article must contain at least one. For a
 * conjunction that is the anchors of its cheapest required part (a rare, long word rather than a short
 * one; a title word rather than a body word); for a disjunction the anchors of every alternative; for
 * a phrase its rarest-looking word; for a prefix or wildcard its literal start (numbered like a term,
 * in its own range). A plain word of a search (the term in the title, the text or a label) is one
 * anchor, a <em>word</em> ({@link TermIds#WORDS}), not three. Searches with no anchor (a fuzzy word
 * alone) are checked against every article.
 *
 * <p>The hot paths work on numbers, not strings: every (field, term) a search uses has a number
 * ({@link TermIds}), postings are int arrays of search slots by term number, and a search is a slot
 * holding one {@code Search} object (id, clause, explanation leaves, and the numbers of the words it
 * requires or excludes). {@link #putAll} translates each distinct search of a batch once and files
 * searches in order of their first anchor, so one posting list points at neighbouring slots.
 *
 * <p><b>Matching</b> reads the article once into arrays of terms and positions ({@link ArticleTerms},
 * one reusable reader per thread), marks the numbers of its terms and words in a per-thread array and
 * walks the postings of those numbers. A posting is a (slot, check) pair: the check, a second word the
 * search requires (or one it excludes), is read from the marks right there, so most candidates that
 * cannot match are dropped without reading the search at all; only searches filed under several
 * anchors are marked as seen per article (no candidate list is built or sorted). The rest are
 * verified exactly: their required word numbers, then, unless they are only required and excluded
 * words, their clause tree (position lists for phrases). A search that matches whenever it passes the
 * walk (a word, a prefix, words OR-ed, "a -b", two words) needs no verification, and when its
 * explanation cannot vary (every match fires every leaf) its {@link QueryHit} is made once at
 * registration and handed out from an array by slot. No per-article Lucene index is built, and
 * nothing is allocated in proportion to the index.
 *
 * <p>Thread-safe: matches run in parallel under a read lock; {@link #put} and {@link #remove} take the
 * write lock briefly (a single search's postings), so the index is updated in place, never rebuilt.
 */
public final class TermIndexMatcher implements SearchMatcher {
    /**
     * One entry of a search's explanation: how the reader wrote it, its clause, and the number that
     * decides it alone (a term or a plain word) or {@link #NO_CHECK}.
     */
    record Leaf(String display, Clause clause, int id) {
        boolean fires(ArticleTerms article) {
            return id != NO_CHECK ? article.has(id) : clause.matches(article);
        }
    }

    /** A term (or a term prefix) in a field: where a search is filed. */
    private record Anchor(int field, String term, boolean prefix) {}

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TermIds termIds = new TermIds();
    private final ClauseTranslator translator = new ClauseTranslator(termIds);
    private final Map<String, Integer> slots = new HashMap<>();
    /** By slot: the search filed there, null for a free slot. */
    private Search[] searches = new Search[1024];
    /**
     * By slot: the hit of a search that matches whenever it is a candidate and always explains itself
     * the same way (a word, a prefix), else null. Immutable and handed out as is, so such a match costs
     * one array read: no look at the search, nothing allocated.
     */
    private QueryHit[] sureHits = new QueryHit[1024];
    private final Postings freeSlots = new Postings();
    private int nextSlot;
    /**
     * By term number: the searches filed under the term, as (slot, check) pairs (see {@link #walk}) in
     * the first {@link #postingSizes} ints.
     */
    private int[][] postings = new int[1024][];
    private int[] postingSizes = new int[1024];
    private final Postings always = new Postings();
    /** Leaves by clause instance (clauses are shared, so this is how leaves are too). */
    private final Map<Clause, Leaf> sharedLeaves = new IdentityHashMap<>();
    /** Each matching thread's marks, so matching allocates nothing in proportion to the index. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public TermIndexMatcher() {
    }

    @Override
    public void put(String id, SavedQuery query) {
        lock.writeLock().lock();
        try {
            add(id, query);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void putAll(Map<String, SavedQuery> queries) {
        lock.writeLock().lock();
        try {
            // filed in order of their first anchor, so the searches of one posting list get neighbouring
            // slots and matching walks its arrays (marks, clauses, ids) nearly in order, not at random
            List<Compiled> compiled = new ArrayList<>(queries.size());
            // readers often save the same search: translated once per batch (not kept after, since
            // holding on to Lucene queries would cost more memory than the index itself)
            Map<Written, Compiled> sameSearch = new HashMap<>();
            queries.forEach((id, query) -> {
                drop(id);
                Compiled twin = sameSearch.get(new Written(query.text(), query.parsed()));
                if (twin != null) {
                    compiled.add(twin.as(id));
                } else {
                    Compiled c = compile(id, query);
                    sameSearch.put(new Written(query.text(), query.parsed()), c);
                    compiled.add(c);
                }
            });
            compiled.sort(Comparator.comparingInt(Compiled::order));
            compiled.forEach(this::file);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(String id) {
        lock.writeLock().lock();
        try {
            return drop(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return slots.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<QueryHit> match(Article article) {
        Scratch mine = scratch.get();
        ArticleTerms terms = mine.terms;
        terms.read(article);
        lock.readLock().lock();
        try {
            int stamp = mine.next(termIds.size(), nextSlot);
            int[] marks = mine.termMarks;
            terms.number(termIds, marks, stamp);
            int[] seen = mine.slotMarks;
            // sized like the thread's last article: at a million searches an article matches thousands
            List<QueryHit> hits = new ArrayList<>(mine.lastHits + (mine.lastHits >> 3) + 8);
            // every search filed under a term of the article, once: verified on the spot
            int[] present = terms.present();
            for (int i = 0, n = terms.presentCount(); i < n; i++) {
                int id = present[i];
                if (id >= postings.length) continue;
                walk(postings[id], postingSizes[id], marks, seen, stamp, terms, hits);
            }
            // searches filed under a prefix of a term of the article
            for (int field = 0; field < ArticleTerms.FIELDS.size(); field++) {
                int found = terms.prefixes(field, termIds);
                int[] prefixes = terms.prefixesFound();
                for (int i = 0; i < found; i++) {
                    int id = prefixes[i];
                    walk(postings[id], postingSizes[id], marks, seen, stamp, terms, hits);
                }
            }
            // in no posting list, so met only here: no marks needed
            for (int j = 0, n = always.size; j < n; j++) verify(always.values[j], terms, hits);
            mine.lastHits = hits.size();
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Verifies the searches of one posting list, {@code filed[0..size)} as (slot, check) pairs: most are
     * rejected on the check alone (a second word the search requires, or one it excludes), read from the marks of the
     * article's terms (small, cached) beside the slot in the list being walked, so a search the article
     * cannot match costs no look at the search itself. Only a search filed under more than one anchor
     * (slot stored as {@code ~slot}) can be met twice; it alone is marked as seen for this article.
     */
    private void walk(int[] filed, int size, int[] marks, int[] seen, int stamp, ArticleTerms terms,
                      List<QueryHit> hits) {
        for (int j = 0; j < size; j += 2) {
            int check = filed[j + 1];
            if (check >= 0 ? marks[check] != stamp : check != NO_CHECK && marks[-check - 2] == stamp) continue;
            int slot = filed[j];
            if (slot < 0) {
                slot = ~slot;
                if (seen[slot] == stamp) continue;
                seen[slot] = stamp;
            }
            QueryHit sure = sureHits[slot];
            if (sure != null) hits.add(sure);
            else verify(slot, terms, hits);
        }
    }

    private void verify(int slot, ArticleTerms terms, List<QueryHit> hits) {
        Search s = searches[slot];
        if (!s.sure) {
            // most candidates lack some word the search requires: rejected on the numbers alone
            for (int id : s.required) if (!terms.has(id)) return;
            if (s.excluded != null) {
                for (int id : s.excluded) if (terms.has(id)) return;
            } else if (!s.clause.matches(terms)) {
                return;
            }
        }
        hits.add(s.constant != null ? s.constant : new QueryHit(s.id, s.fired(terms)));
    }

    /**
     * A registered search as matching reads it: what verifying and explaining it needs, in one object
     * (one cache miss per candidate rather than one per array). Immutable.
     */
    private static final class Search {
        final String id;
        final Clause clause;
        final Leaf[] leaves;
        /**
         * True when it matches whenever it is a candidate at all (a word, or words OR-ed), so it skips
         * verification: its anchors are exactly its terms.
         */
        final boolean sure;
        /** Numbers of terms every matching article holds (words and the words of phrases the search requires). */
        final int[] required;
        /**
         * When the search is words required and words excluded and nothing else, the excluded ones: then
         * holding every required and no excluded word is matching. Null otherwise (the clause decides).
         */
        final int[] excluded;
        /** Every leaf's display, in order, when no two are the same; else null. */
        final List<String> allFired;
        /** True when the search is its one leaf, so a match fired exactly that leaf. */
        final boolean isItsLeaf;
        /** The hit of every match when every match fires every leaf; else null. */
        final QueryHit constant;
        /**
         * When the hit depends on the article and every leaf is a term or a word, the leaves' numbers in
         * order (read in one array, not leaf by leaf); else null.
         */
        final int[] leafIds;

        Search(String id, Clause clause, Leaf[] leaves, boolean sure, int[] required, int[] excluded) {
            this.id = id;
            this.clause = clause;
            this.leaves = leaves;
            this.sure = sure;
            this.required = required;
            this.excluded = excluded;
            List<String> displays = new ArrayList<>(leaves.length);
            for (Leaf leaf : leaves) displays.add(leaf.display());
            this.allFired = Set.copyOf(displays).size() == displays.size() ? List.copyOf(displays) : null;
            this.isItsLeaf = leaves.length == 1 && leaves[0].clause().equals(clause);
            this.constant = isItsLeaf || (excluded != null && allFired != null && requiresEvery(leaves, required))
                    ? new QueryHit(id, allFired) : null;
            int[] ids = new int[leaves.length];
            for (int i = 0; i < ids.length; i++) ids[i] = leaves[i].id();
            this.leafIds = constant == null && allFired != null && Arrays.stream(ids).noneMatch(i -> i == NO_CHECK)
                    ? ids : null;
        }

        /** True when each leaf is decided by a number that every match holds. */
        private static boolean requiresEvery(Leaf[] leaves, int[] required) {
            outer:
            for (Leaf leaf : leaves) {
                for (int id : required) if (leaf.id() == id && id != NO_CHECK) continue outer;
                return false;
            }
            return true;
        }

        /**
         * The displays of the leaves the article holds, in order, each once: built only when some leaf
         * did not fire, the shared list otherwise.
         */
        List<String> fired(ArticleTerms article) {
            if (isItsLeaf) return allFired;
            if (allFired == null) return firedWithRepeats(article);
            String[] some = null;
            int count = 0;
            for (int i = 0; i < leaves.length; i++) {
                if (leafIds != null ? article.has(leafIds[i]) : leaves[i].fires(article)) {
                    if (some != null) some[count] = allFired.get(i);
                    count++;
                } else if (some == null) {
                    // every leaf before this one fired
                    some = new String[leaves.length];
                    for (int j = 0; j < i; j++) some[j] = allFired.get(j);
                }
            }
            if (some == null) return allFired;
            return count == 0 ? List.of() : List.of(Arrays.copyOf(some, count));
        }

        private List<String> firedWithRepeats(ArticleTerms article) {
            List<String> fired = new ArrayList<>(leaves.length);
            for (Leaf leaf : leaves) {
                if (!fired.contains(leaf.display()) && leaf.fires(article)) fired.add(leaf.display());
            }
            return fired;
        }
    }

    /** True when the clause matches any article holding one of its anchors: terms OR-ed, however nested. */
    private static boolean anchorsSuffice(Clause clause) {
        // a prefix's anchor is the prefix itself, found in the article only when some term starts with it
        if (clause instanceof TermClause || clause instanceof PrefixClause || wordOf(clause) != null) return true;
        if (clause instanceof BoolClause b && b.must().isEmpty() && b.mustNot().isEmpty() && b.minShould() <= 1
                && !b.should().isEmpty()) {
            for (Clause c : b.should()) if (!anchorsSuffice(c)) return false;
            return true;
        }
        return false;
    }

    /** One thread's marks: which terms the current article has, which searches it has already checked. */
    private static final class Scratch {
        final ArticleTerms terms = new ArticleTerms();
        int[] termMarks = new int[0];
        int[] slotMarks = new int[0];
        int stamp;
        int lastHits;

        /** A stamp no mark holds yet, with the arrays long enough for the index as it is now. */
        int next(int terms, int slots) {
            if (termMarks.length < terms) termMarks = new int[terms + (terms >> 2) + 64];
            if (slotMarks.length < slots) slotMarks = new int[slots + (slots >> 2) + 64];
            if (stamp == Integer.MAX_VALUE) {
                Arrays.fill(termMarks, 0);
                Arrays.fill(slotMarks, 0);
                stamp = 0;
            }
            return ++stamp;
        }
    }

    // ---- registering, under the write lock

    /** A search translated and its anchors found, ready to be filed; {@code order} sorts by first anchor. */
    private record Compiled(String id, Clause clause, Leaf[] leaves, List<Anchor> anchors, int order, int[] required,
                            int[] excluded) {
        /** The same search under another id. */
        Compiled as(String otherId) {
            return new Compiled(otherId, clause, leaves, anchors, order, required, excluded);
        }
    }

    /** A search as written and as parsed: equal ones translate to the same clause and leaves. */
    private record Written(String text, Object parsed) {}

    private void add(String id, SavedQuery query) {
        drop(id);
        file(compile(id, query));
    }

    private Compiled compile(String id, SavedQuery query) {
        ClauseTranslator.Translated translated = translator.translate(query);
        Clause clause = translated.clause();
        Leaf[] explained = new Leaf[translated.leaves().length];
        for (int i = 0; i < explained.length; i++) {
            String display = translated.displays()[i];
            Clause leafClause = translated.leaves()[i];
            Leaf shared = sharedLeaves.get(leafClause);
            if (shared == null || !shared.display().equals(display)) {
                shared = new Leaf(display, leafClause, simpleId(leafClause));
                // the first display of a clause is kept for sharing; others (rare: "Migrant", "migrants") are not
                sharedLeaves.putIfAbsent(leafClause, shared);
            }
            explained[i] = shared;
        }
        List<Anchor> anchors = anchors(clause);
        int order = Integer.MAX_VALUE;
        if (anchors != null && !anchors.isEmpty() && !anchors.get(0).prefix()) {
            order = termIds.add(anchors.get(0).field(), anchors.get(0).term());
        }
        return new Compiled(id, clause, explained, anchors, order, required(clause), excluded(clause));
    }

    private static final int[] NONE = new int[0];
    /**
     * A posting's check when the search requires no word besides its anchors. A check {@code c} from 0
     * up is a number the article must hold; below this, {@code -c - 2} is a number it must not hold.
     */
    private static final int NO_CHECK = -1;

    /** Numbers of terms that every article the clause matches holds: its required words and phrase words. */
    private int[] required(Clause clause) {
        int simple = simpleId(clause);
        if (simple != NO_CHECK) return new int[] {simple};
        String[] phrase = phraseOf(clause);
        if (phrase != null) {
            int[] ids = new int[phrase.length];
            for (int i = 0; i < ids.length; i++) ids[i] = termIds.add(TermIds.WORDS, phrase[i]);
            return ids;
        }
        if (clause instanceof PhraseClause p) {
            int[] ids = new int[p.terms().length];
            for (int i = 0; i < ids.length; i++) ids[i] = termIds.add(p.field(), p.terms()[i]);
            return ids;
        }
        if (clause instanceof BoolClause b && !b.must().isEmpty()) {
            int[] all = NONE;
            for (Clause must : b.must()) {
                int[] more = required(must);
                if (more.length == 0) continue;
                int[] joined = Arrays.copyOf(all, all.length + more.length);
                System.arraycopy(more, 0, joined, all.length, more.length);
                all = joined;
            }
            return all;
        }
        return NONE;
    }

    /**
     * For a search of required words with optional excluded words and nothing else (no phrase, no
     * alternatives that count), the excluded words' numbers; null for any other search.
     */
    private int[] excluded(Clause clause) {
        if (simpleId(clause) != NO_CHECK) return NONE;
        if (!(clause instanceof BoolClause b) || b.must().isEmpty() || b.minShould() != 0) return null;
        for (Clause must : b.must()) if (simpleId(must) == NO_CHECK) return null;
        if (b.mustNot().isEmpty()) return NONE;
        int[] out = new int[b.mustNot().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = simpleId(b.mustNot().get(i));
            if (out[i] == NO_CHECK) return null;
        }
        return out;
    }

    /**
     * The number whose presence in an article is exactly the clause matching, for a term or a plain
     * word; {@link #NO_CHECK} for any other clause.
     */
    private int simpleId(Clause clause) {
        if (clause instanceof TermClause t) return t.id();
        String word = wordOf(clause);
        return word == null ? NO_CHECK : termIds.add(TermIds.WORDS, word);
    }

    private void file(Compiled c) {
        String id = c.id();
        Clause clause = c.clause();
        Leaf[] explained = c.leaves();
        int slot = freeSlots.size() > 0 ? freeSlots.removeLast() : nextSlot++;
        if (slot == searches.length) {
            searches = Arrays.copyOf(searches, searches.length * 2);
            sureHits = Arrays.copyOf(sureHits, searches.length);
        }
        List<Anchor> anchors = c.anchors();
        Search search = new Search(id, clause, explained, anchors != null && anchorsSuffice(clause),
                c.required(), c.excluded());
        searches[slot] = search;
        sureHits[slot] = search.sure ? search.constant : null;
        slots.put(id, slot);
        if (anchors == null) {
            always.add(slot);
            return;
        }
        int[] ids = new int[anchors.size()];
        // a prefix anchor may be met once per article term starting with it, so it too needs the marks
        boolean once = ids.length == 1 && !anchors.get(0).prefix();
        for (int i = 0; i < ids.length; i++) {
            Anchor a = anchors.get(i);
            ids[i] = a.prefix() ? termIds.addPrefix(a.field(), a.term()) : termIds.add(a.field(), a.term());
        }
        int[] required = c.required();
        int[] excluded = c.excluded();
        int check = check(required, ids);
        if (once && excluded != null && contains(required, ids[0])) {
            // words required and excluded: when the anchor and the check are all of it, the walk decides
            if (check == NO_CHECK && excluded.length == 1) check = -excluded[0] - 2;
            int[] decided = {ids[0], check};
            boolean all = excluded.length == 0 || (excluded.length == 1 && check < NO_CHECK);
            for (int r : required) all &= contains(decided, r);
            if (all) sureHits[slot] = search.constant;
        }
        for (int anchor : ids) post(anchor, once ? slot : ~slot, check);
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) if (v == value) return true;
        return false;
    }

    /** The posting lists' check for a search: a word it requires besides its anchors, or {@link #NO_CHECK}. */
    private static int check(int[] required, int[] anchors) {
        outer:
        for (int id : required) {
            for (int anchor : anchors) if (anchor == id) continue outer;
            return id;
        }
        return NO_CHECK;
    }

    private boolean drop(String id) {
        Integer slot = slots.remove(id);
        if (slot == null) return false;
        List<Anchor> anchors = anchors(searches[slot].clause);
        if (anchors == null) {
            always.remove(slot);
        } else {
            for (Anchor a : anchors) {
                unpost(a.prefix() ? termIds.getPrefix(a.field(), a.term()) : termIds.get(a.field(), a.term()), slot);
            }
        }
        searches[slot] = null;
        sureHits[slot] = null;
        freeSlots.add(slot);
        return true;
    }

    /** Files the slot (or {@code ~slot}, see {@link #walk}) with its check under the term or prefix numbered id. */
    private void post(int id, int slot, int check) {
        if (id >= postings.length) {
            int grown = Math.max(id + 1, postings.length * 2);
            postings = Arrays.copyOf(postings, grown);
            postingSizes = Arrays.copyOf(postingSizes, grown);
        }
        int[] filed = postings[id];
        int size = postingSizes[id];
        if (filed == null) {
            filed = postings[id] = new int[2];
        } else if (size == filed.length) {
            filed = postings[id] = Arrays.copyOf(filed, size + (size >> 2 << 1) + 2);
        }
        filed[size] = slot;
        filed[size + 1] = check;
        postingSizes[id] = size + 2;
    }

    private void unpost(int id, int slot) {
        if (id == TermIds.ABSENT || id >= postings.length || postings[id] == null) return;
        int[] filed = postings[id];
        int size = postingSizes[id];
        for (int i = 0; i < size; i += 2) {
            if (filed[i] == slot || filed[i] == ~slot) {
                size -= 2;
                filed[i] = filed[size];
                filed[i + 1] = filed[size + 1];
                postingSizes[id] = size;
                if (size == 0) postings[id] = null;
                return;
            }
        }
    }

    // ---- anchors

    /**
     * Terms of which a matching article holds at least one, or null when no such set is known (then
     * the search is checked against every article). Deterministic, so removing finds what adding filed.
     */
    private static List<Anchor> anchors(Clause clause) {
        if (clause instanceof TermClause t) return List.of(new Anchor(t.field(), t.term(), false));
        String word = wordOf(clause);
        if (word != null) return List.of(new Anchor(TermIds.WORDS, word, false));
        String[] phrase = phraseOf(clause);
        if (phrase != null) return List.of(new Anchor(TermIds.WORDS, rarest(TermIds.WORDS, phrase), false));
        if (clause instanceof PhraseClause p) return List.of(new Anchor(p.field(), rarest(p.field(), p.terms()), false));
        if (clause instanceof PrefixClause p) {
            return p.prefix().isEmpty() ? null : List.of(new Anchor(p.field(), p.prefix(), true));
        }
        if (clause instanceof AutomatonClause a) {
            return a.anchor() == null ? null : List.of(new Anchor(a.field(), a.anchor(), true));
        }
        if (clause instanceof BoolClause b) return boolAnchors(b);
        if (clause instanceof NoMatch) return List.of();
        return null;
    }

    private static List<Anchor> boolAnchors(BoolClause b) {
        List<Anchor> best = null;
        double bestCost = Double.MAX_VALUE;
        for (Clause must : b.must()) {
            List<Anchor> a = anchors(must);
            if (a != null && cost(a) < bestCost) {
                best = a;
                bestCost = cost(a);
            }
        }
        if (!b.must().isEmpty() && b.minShould() == 0) return best;
        // at least one should clause must match: any of their anchors will do
        List<Anchor> any = new ArrayList<>();
        for (Clause should : b.should()) {
            List<Anchor> a = anchors(should);
            if (a == null) return best;
            any.addAll(a);
        }
        return best != null && bestCost <= cost(any) ? best : List.copyOf(any);
    }

    private static String rarest(int field, String[] terms) {
        String best = terms[0];
        for (String t : terms) if (cost(field, t, false) < cost(field, best, false)) best = t;
        return best;
    }

    /**
     * The word when the clause is a plain word of a search: the term in the title, the text or a label
     * (see {@link TermIds#WORDS}); null for any other clause.
     */
    private static String wordOf(Clause clause) {
        if (!(clause instanceof BoolClause b) || !isEveryWordField(b)) return null;
        String term = null;
        for (Clause c : b.should()) {
            if (!(c instanceof TermClause t) || (term != null && !term.equals(t.term()))) return null;
            term = t.term();
        }
        return term;
    }

    /** The words when the clause is a phrase in the title, the text or a label; null for any other clause. */
    private static String[] phraseOf(Clause clause) {
        if (!(clause instanceof BoolClause b) || !isEveryWordField(b)) return null;
        PhraseClause first = null;
        for (Clause c : b.should()) {
            if (!(c instanceof PhraseClause p)) return null;
            if (first == null) first = p;
            else if (!Arrays.equals(first.terms(), p.terms())) return null;
        }
        return first.terms();
    }

    /** True when the clause is one alternative per word field, each field once: what a plain word or phrase makes. */
    private static boolean isEveryWordField(BoolClause b) {
        if (!b.must().isEmpty() || !b.mustNot().isEmpty() || b.minShould() > 1) return false;
        List<Clause> should = b.should();
        if (should.size() != ArticleTerms.WORD_FIELDS.length) return false;
        int fields = 0;
        for (Clause c : should) {
            int field = c instanceof TermClause t ? t.field() : c instanceof PhraseClause p ? p.field() : -1;
            if (field < 0) return false;
            fields |= 1 << field;
        }
        int expected = 0;
        for (int field : ArticleTerms.WORD_FIELDS) expected |= 1 << field;
        return fields == expected;
    }

    private static double cost(List<Anchor> anchors) {
        double sum = 0;
        for (Anchor a : anchors) sum += cost(a.field(), a.term(), a.prefix());
        return sum;
    }

    /**
     * A guess at how often an article holds the term: long words are rarer than short ones, a title
     * holds far fewer words than a body, every article has a language. Only the choice of anchor
     * depends on it, never the outcome.
     */
    private static double cost(int field, String term, boolean prefix) {
        double byField = field == TermIds.WORDS ? 1 : switch (ArticleTerms.FIELDS.get(field)) {
            case ArticleFields.TITLE, ArticleFields.LABEL -> 0.3;
            case ArticleFields.CONCEPT, ArticleFields.SOURCE -> 0.2;
            case ArticleFields.ABOUT -> 0.1;
            case ArticleFields.LANGUAGE -> 100;
            default -> 1;
        };
        double length = Math.max(1, term.length());
        return byField * (prefix ? 4 : 1) / (length * length);
    }

    /** A growable list of slots. */
    private static final class Postings {
        int[] values = new int[2];
        int size;

        void add(int slot) {
            if (size == values.length) values = Arrays.copyOf(values, size + (size >> 1) + 2);
            values[size++] = slot;
        }

        void addAll(Postings other) {
            if (size + other.size > values.length) values = Arrays.copyOf(values, Math.max(size + other.size, size * 2));
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
        }

        /** Removes one occurrence, not keeping the order; false when absent. */
        boolean remove(int slot) {
            for (int i = 0; i < size; i++) {
                if (values[i] == slot) {
                    values[i] = values[--size];
                    return true;
                }
            }
            return false;
        }

        int removeLast() {
            return values[--size];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
