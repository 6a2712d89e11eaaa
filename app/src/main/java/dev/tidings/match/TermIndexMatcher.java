package dev.tidings.match;

import dev.tidings.match.Clause.AutomatonClause;
import dev.tidings.match.Clause.BoolClause;
import dev.tidings.match.Clause.NoMatch;
import dev.tidings.match.Clause.PhraseClause;
import dev.tidings.match.Clause.PrefixClause;
import dev.tidings.match.Clause.TermClause;
import dev.tidings.model.Article;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Our reverse-search engine: an inverted index from terms to the saved searches that need them.
 *
 * <p><b>Registering</b> a search compiles it into a {@link Clause} tree and files it under its
 * <em>anchors</em>: terms of which every matching article must contain at least one. For a
 * conjunction that is the anchors of its cheapest required part (a rare, long word rather than a short
 * one; a title word rather than a body word); for a disjunction the anchors of every alternative; for
 * a phrase its rarest-looking word; for a prefix or wildcard its literal start, kept in a separate
 * prefix index. Searches with no anchor (a fuzzy word alone) are checked against every article.
 *
 * <p>The hot paths work on numbers, not strings: every (field, term) a search uses has a number
 * ({@link TermIds}), postings are int arrays of search slots by term number, and a search is a slot in
 * parallel arrays (id, clause, explanation leaves). {@link #putAll} files searches in order of their
 * first anchor, so one posting list points at neighbouring slots.
 *
 * <p><b>Matching</b> analyses the article once into its terms and positions ({@link ArticleTerms}),
 * marks the numbers of its terms in a per-thread array, walks the postings of those terms (each
 * search once, thanks to per-thread slot marks: no candidate list is built or sorted) and verifies
 * each candidate exactly by evaluating its clause tree: an array read per word, position lists for
 * phrases. Searches that are words OR-ed need no verification: being a candidate is matching. No
 * per-article Lucene index is built, and nothing is allocated in proportion to the index.
 *
 * <p>Thread-safe: matches run in parallel under a read lock; {@link #put} and {@link #remove} take the
 * write lock briefly (a single search's postings), so the index is updated in place, never rebuilt.
 */
public final class TermIndexMatcher implements SearchMatcher {
    /** One entry of a search's explanation: how the reader wrote it, and its clause. */
    record Leaf(String display, Clause clause) {}

    /** A term (or a term prefix) in a field: where a search is filed. */
    private record Anchor(int field, String term, boolean prefix) {}

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TermIds termIds = new TermIds();
    private final ClauseTranslator translator = new ClauseTranslator(termIds);
    private final Map<String, Integer> slots = new HashMap<>();
    private String[] ids = new String[1024];
    private Clause[] clauses = new Clause[1024];
    private Leaf[][] leaves = new Leaf[1024][];
    /**
     * Searches that match whenever they are a candidate at all (a word, or words OR-ed), so they skip
     * verification: their anchors are exactly their terms. A byte per search, read instead of the clause.
     */
    private boolean[] sure = new boolean[1024];
    /** By slot: what the search names whenever it matches, when known in advance ({@link #firedWhenMatched}). */
    @SuppressWarnings("unchecked")
    private List<String>[] firedWhenMatched = new List[1024];
    private final Postings freeSlots = new Postings();
    private int nextSlot;
    /** By term number: the slots of the searches filed under the term, the first {@link #postingSizes} of them. */
    private int[][] postings = new int[1024][];
    private int[] postingSizes = new int[1024];
    private final Postings always = new Postings();
    private final Map<Leaf, Leaf> sharedLeaves = new HashMap<>();
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
            queries.forEach((id, query) -> {
                drop(id);
                compiled.add(compile(id, query));
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
            terms.number(termIds, mine.termMarks, stamp);
            int[] seen = mine.slotMarks;
            List<QueryHit> hits = new ArrayList<>();
            // every search filed under a term of the article, once: verified on the spot
            int[] present = terms.present();
            for (int i = 0, n = terms.presentCount(); i < n; i++) {
                int id = present[i];
                if (id >= postings.length) continue;
                int[] filed = postings[id];
                for (int j = 0, size = postingSizes[id]; j < size; j++) {
                    int slot = filed[j];
                    if (seen[slot] == stamp) continue;
                    seen[slot] = stamp;
                    verify(slot, terms, hits);
                }
            }
            // searches filed under a prefix of a term of the article
            for (int field = 0; field < ArticleTerms.FIELDS.size(); field++) {
                int found = terms.prefixes(field, termIds);
                int[] prefixes = terms.prefixesFound();
                for (int i = 0; i < found; i++) {
                    int id = prefixes[i];
                    int[] filed = postings[id];
                    for (int j = 0, size = postingSizes[id]; j < size; j++) {
                        int slot = filed[j];
                        if (seen[slot] == stamp) continue;
                        seen[slot] = stamp;
                        verify(slot, terms, hits);
                    }
                }
            }
            verifyAll(always, seen, stamp, terms, hits);
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void verifyAll(Postings p, int[] seen, int stamp, ArticleTerms terms, List<QueryHit> hits) {
        for (int j = 0; j < p.size; j++) {
            int slot = p.values[j];
            if (seen[slot] == stamp) continue;
            seen[slot] = stamp;
            verify(slot, terms, hits);
        }
    }

    private void verify(int slot, ArticleTerms terms, List<QueryHit> hits) {
        if (sure[slot] || clauses[slot].matches(terms)) {
            List<String> known = firedWhenMatched[slot];
            hits.add(new QueryHit(ids[slot], known != null ? known : fired(leaves[slot], terms)));
        }
    }

    /**
     * What a search names whenever it matches, when that is known without looking: a search that is a
     * single word, phrase or prefix has that one leaf, and it fired. Null otherwise.
     */
    private static List<String> firedWhenMatched(Clause clause, Leaf[] leaves) {
        return leaves.length == 1 && leaves[0].clause().equals(clause) ? List.of(leaves[0].display()) : null;
    }

    /** True when the clause matches any article holding one of its anchors: terms OR-ed, however nested. */
    private static boolean anchorsSuffice(Clause clause) {
        if (clause instanceof TermClause) return true;
        if (clause instanceof BoolClause b && b.must().isEmpty() && b.mustNot().isEmpty() && b.minShould() <= 1
                && !b.should().isEmpty()) {
            for (Clause c : b.should()) if (!anchorsSuffice(c)) return false;
            return true;
        }
        return false;
    }

    private static List<String> fired(Leaf[] leaves, ArticleTerms article) {
        if (leaves.length == 1) {
            return leaves[0].clause().matches(article) ? List.of(leaves[0].display()) : List.of();
        }
        String[] fired = new String[leaves.length];
        int count = 0;
        for (Leaf leaf : leaves) {
            if (!contains(fired, count, leaf.display()) && leaf.clause().matches(article)) fired[count++] = leaf.display();
        }
        return count == 0 ? List.of() : List.of(count == fired.length ? fired : Arrays.copyOf(fired, count));
    }

    /** Displays are shared strings (one per leaf text), so identity answers nearly always before equals. */
    private static boolean contains(String[] fired, int count, String display) {
        for (int i = 0; i < count; i++) if (fired[i] == display || fired[i].equals(display)) return true;
        return false;
    }

    /** One thread's marks: which terms the current article has, which searches it has already checked. */
    private static final class Scratch {
        final ArticleTerms terms = new ArticleTerms();
        int[] termMarks = new int[0];
        int[] slotMarks = new int[0];
        int stamp;

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
    private record Compiled(String id, Clause clause, Leaf[] leaves, List<Anchor> anchors, int order) {}

    private void add(String id, SavedQuery query) {
        drop(id);
        file(compile(id, query));
    }

    private Compiled compile(String id, SavedQuery query) {
        Map<Query, Clause> seen = ClauseTranslator.newSeen();
        Clause clause = translator.translate(query.query(), seen);
        List<QueryCompiler.Leaf> written = query.leaves();
        Leaf[] explained = new Leaf[written.size()];
        for (int i = 0; i < explained.length; i++) {
            Leaf leaf = new Leaf(written.get(i).display(), translator.translate(written.get(i).query(), seen));
            explained[i] = sharedLeaves.computeIfAbsent(leaf, l -> l);
        }
        List<Anchor> anchors = anchors(clause);
        int order = Integer.MAX_VALUE;
        if (anchors != null && !anchors.isEmpty() && !anchors.get(0).prefix()) {
            order = termIds.add(anchors.get(0).field(), anchors.get(0).term());
        }
        return new Compiled(id, clause, explained, anchors, order);
    }

    private void file(Compiled c) {
        String id = c.id();
        Clause clause = c.clause();
        Leaf[] explained = c.leaves();
        int slot = freeSlots.size() > 0 ? freeSlots.removeLast() : nextSlot++;
        if (slot == ids.length) {
            int grown = ids.length * 2;
            ids = Arrays.copyOf(ids, grown);
            clauses = Arrays.copyOf(clauses, grown);
            leaves = Arrays.copyOf(leaves, grown);
            sure = Arrays.copyOf(sure, grown);
            firedWhenMatched = Arrays.copyOf(firedWhenMatched, grown);
        }
        ids[slot] = id;
        clauses[slot] = clause;
        leaves[slot] = explained;
        firedWhenMatched[slot] = firedWhenMatched(clause, explained);
        slots.put(id, slot);
        List<Anchor> anchors = c.anchors();
        sure[slot] = anchors != null && anchorsSuffice(clause);
        if (anchors == null) {
            always.add(slot);
            return;
        }
        for (Anchor a : anchors) {
            post(a.prefix() ? termIds.addPrefix(a.field(), a.term()) : termIds.add(a.field(), a.term()), slot);
        }
    }

    private boolean drop(String id) {
        Integer slot = slots.remove(id);
        if (slot == null) return false;
        List<Anchor> anchors = anchors(clauses[slot]);
        if (anchors == null) {
            always.remove(slot);
        } else {
            for (Anchor a : anchors) {
                unpost(a.prefix() ? termIds.getPrefix(a.field(), a.term()) : termIds.get(a.field(), a.term()), slot);
            }
        }
        ids[slot] = null;
        clauses[slot] = null;
        leaves[slot] = null;
        firedWhenMatched[slot] = null;
        freeSlots.add(slot);
        return true;
    }

    private void post(int id, int slot) {
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
            filed = postings[id] = Arrays.copyOf(filed, size + (size >> 1) + 2);
        }
        filed[size] = slot;
        postingSizes[id] = size + 1;
    }

    private void unpost(int id, int slot) {
        if (id == TermIds.ABSENT || id >= postings.length || postings[id] == null) return;
        int[] filed = postings[id];
        int size = postingSizes[id];
        for (int i = 0; i < size; i++) {
            if (filed[i] == slot) {
                filed[i] = filed[--size];
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
        if (clause instanceof PhraseClause p) {
            String best = p.terms()[0];
            for (String t : p.terms()) if (cost(p.field(), t, false) < cost(p.field(), best, false)) best = t;
            return List.of(new Anchor(p.field(), best, false));
        }
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
        double byField = switch (ArticleTerms.FIELDS.get(field)) {
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
