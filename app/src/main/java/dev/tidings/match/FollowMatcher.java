package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;

/**
 * The follow index: finds which follows an article matches, and says why. Built once from every
 * follow, then kept up to date with {@link #put}, {@link #remove} or {@link #sync} as readers change
 * their follows — never rebuilt per article or per change.
 *
 * <p>Concept follows are a {@link ConceptIndex} from concept id to its followers' numbers, so finding
 * them costs a look-up per tag of the article whatever the number of follows. Saved searches go to a {@link SearchMatcher}
 * ({@link TermIndexMatcher} unless another is given), registered once per distinct query text however
 * many readers saved it.
 *
 * <p>Thread-safe: matching runs in parallel with updates.
 */
public final class FollowMatcher {
    private static final Logger log = LoggerFactory.getLogger(FollowMatcher.class);

    /**
     * A follow and its place among the follows, so results come back in that order; concept follows
     * also have a number in {@link #concepts} and {@link #table}.
     */
    private record Entry(long order, Follow follow, int number) {}

    private final SearchMatcher searches;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Entry> byId = new HashMap<>();
    /** Concept follows by number: {@link #table} holds the entry of each number {@link #concepts} gives out. */
    private final ConceptIndex concepts = new ConceptIndex();
    private Entry[] table = new Entry[64];
    private int[] freeNumbers = new int[16];
    private int freeCount;
    private int nextNumber;
    /** Query text → the follows that saved it; the text is the search's id in {@link #searches}. */
    private final Map<String, List<Entry>> byQuery = new HashMap<>();
    /** Texts that do not parse, so they are reported once and not parsed again. */
    private final Set<String> broken = new HashSet<>();
    private long nextOrder;

    /** Follows whose saved search no longer parses are skipped, with one warning each. */
    public FollowMatcher(Collection<Follow> follows) {
        this(prepare(follows), new TermIndexMatcher());
    }

    /** The same, with saved searches matched by the given (empty) engine. */
    public FollowMatcher(Collection<Follow> follows, SearchMatcher searches) {
        this(prepare(follows), searches);
    }

    /** The index of follows already {@linkplain #prepare prepared}. */
    public FollowMatcher(Prepared prepared) {
        this(prepared, new TermIndexMatcher());
    }

    private FollowMatcher(Prepared prepared, SearchMatcher searches) {
        this.searches = searches;
        broken.addAll(prepared.broken);
        searches.putAll(prepared.searches);
        for (Follow follow : prepared.follows) file(new Entry(nextOrder++, follow, -1), prepared.searches);
    }

    /**
     * Follows with the saved searches among them parsed, each distinct text once: the slow half of a
     * start with many searches, kept apart from filing them so a start can time the two. Immutable.
     */
    public static final class Prepared {
        private final List<Follow> follows;
        private final Map<String, SavedQuery> searches;
        private final Set<String> broken;

        private Prepared(List<Follow> follows, Map<String, SavedQuery> searches, Set<String> broken) {
            this.follows = follows;
            this.searches = searches;
            this.broken = broken;
        }

        /** How many distinct saved-search texts were parsed, valid or not. */
        public int distinctSearches() {
            return searches.size() + broken.size();
        }
    }

    /**
     * Parses the distinct saved-search texts among the follows, on every core: many readers save the
     * same text, and parsing is what costs at a start with a million searches.
     */
    public static Prepared prepare(Collection<Follow> follows) {
        Set<String> distinct = new HashSet<>();
        for (Follow f : follows) if (f.kind() == Follow.Kind.QUERY) distinct.add(f.target());
        String[] texts = distinct.toArray(String[]::new);
        SavedQuery[] parsed = new SavedQuery[texts.length];
        IntStream.range(0, texts.length).parallel().forEach(i -> parsed[i] = parse(texts[i]).orElse(null));
        Map<String, SavedQuery> valid = new HashMap<>(texts.length * 4 / 3 + 1);
        Set<String> broken = new HashSet<>();
        for (int i = 0; i < texts.length; i++) {
            if (parsed[i] != null) valid.put(texts[i], parsed[i]);
            else broken.add(texts[i]);
        }
        return new Prepared(List.copyOf(follows), valid, broken);
    }

    /** Adds a follow, or replaces the follow with the same id (which keeps its place). */
    public void put(Follow follow) {
        lock.writeLock().lock();
        try {
            Entry old = byId.get(follow.id());
            if (old != null && old.follow().equals(follow)) return;
            if (old != null) unfile(old);
            file(new Entry(old != null ? old.order() : nextOrder++, follow, -1), Map.of());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a follow by id; false when there was none. */
    public boolean remove(String followId) {
        lock.writeLock().lock();
        try {
            Entry old = byId.get(followId);
            if (old == null) return false;
            unfile(old);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Brings the index in line with the follows given (all of them, e.g. a fresh read of the store):
     * removes the missing, adds the new, replaces the changed, and leaves the rest alone, so the cost
     * is the comparison plus the changes, not a rebuild. Returns how many follows changed.
     */
    public int sync(Collection<Follow> current) {
        Map<String, Follow> wanted = new HashMap<>();
        for (Follow f : current) wanted.put(f.id(), f);
        List<String> gone;
        List<Follow> changed = new ArrayList<>();
        lock.readLock().lock();
        try {
            gone = byId.keySet().stream().filter(id -> !wanted.containsKey(id)).toList();
            for (Follow f : current) {
                Entry e = byId.get(f.id());
                if (e == null || !e.follow().equals(f)) changed.add(f);
            }
        } finally {
            lock.readLock().unlock();
        }
        gone.forEach(this::remove);
        changed.forEach(this::put);
        return gone.size() + changed.size();
    }

    /** How many follows are indexed. */
    public int size() {
        lock.readLock().lock();
        try {
            return byId.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every follow the article matches, with the reason, in follow order. */
    public List<FollowMatch> match(Article article) {
        List<QueryHit> queryHits = searches.size() == 0 ? List.of() : searches.match(article);
        record Hit(long order, FollowMatch match) {}
        List<Hit> hits = new ArrayList<>();
        lock.readLock().lock();
        try {
            List<ConceptTag> tags = article.concepts();
            concepts.audience(tags).forEach((tag, number) -> {
                Entry e = table[number];
                hits.add(new Hit(e.order(), new FollowMatch(e.follow(), conceptReason(e.follow(), tags.get(tag)))));
            });
            for (QueryHit hit : queryHits) {
                List<Entry> savers = byQuery.get(hit.id());
                if (savers == null) continue;
                String reason = queryReason(hit.id(), hit.fired());
                for (Entry e : savers) hits.add(new Hit(e.order(), new FollowMatch(e.follow(), reason)));
            }
        } finally {
            lock.readLock().unlock();
        }
        hits.sort(Comparator.comparingLong(Hit::order));
        List<FollowMatch> matches = new ArrayList<>(hits.size());
        long last = -1;
        for (Hit h : hits) {
            // an article tagged twice with one concept still matches its follow once
            if (h.order() == last) continue;
            last = h.order();
            matches.add(h.match());
        }
        return matches;
    }

    // ---- filing, under the write lock (or in the constructor)

    private void file(Entry entry, Map<String, SavedQuery> parsed) {
        Follow follow = entry.follow();
        if (follow.kind() == Follow.Kind.CONCEPT) {
            int number = freeCount > 0 ? freeNumbers[--freeCount] : nextNumber++;
            if (number == table.length) table = Arrays.copyOf(table, table.length * 2);
            Entry numbered = new Entry(entry.order(), follow, number);
            table[number] = numbered;
            concepts.add(number, follow.target(), follow.aboutOnly());
            byId.put(follow.id(), numbered);
            return;
        }
        String text = follow.target();
        if (broken.contains(text)) {
            log.warn("Skipping follow {} of reader {}: its saved search '{}' does not parse",
                    follow.id(), follow.readerId(), text);
            return;
        }
        List<Entry> savers = byQuery.get(text);
        if (savers == null) {
            // a search of the constructor's is already registered: same text, same search
            if (parsed.get(text) == null) {
                Optional<SavedQuery> q = parse(text);
                if (q.isEmpty()) {
                    broken.add(text);
                    return;
                }
                searches.put(text, q.get());
            }
            savers = new ArrayList<>(1);
            byQuery.put(text, savers);
        }
        savers.add(entry);
        byId.put(follow.id(), entry);
    }

    private void unfile(Entry entry) {
        Follow follow = entry.follow();
        byId.remove(follow.id());
        if (follow.kind() == Follow.Kind.CONCEPT) {
            concepts.remove(entry.number(), follow.target(), follow.aboutOnly());
            table[entry.number()] = null;
            if (freeCount == freeNumbers.length) freeNumbers = Arrays.copyOf(freeNumbers, freeCount * 2);
            freeNumbers[freeCount++] = entry.number();
            return;
        }
        List<Entry> list = byQuery.get(follow.target());
        if (list == null) return;
        list.removeIf(e -> e.follow().id().equals(follow.id()));
        if (list.isEmpty()) {
            byQuery.remove(follow.target());
            searches.remove(follow.target());
        }
    }

    private static Optional<SavedQuery> parse(String text) {
        try {
            return Optional.of(SavedQuery.parse(text));
        } catch (QuerySyntaxException e) {
            log.warn("A saved search does not parse and is skipped: '{}': {}", text, e.getMessage());
            return Optional.empty();
        }
    }

    private static String conceptReason(Follow follow, ConceptTag tag) {
        String label = follow.label().isBlank() ? tag.label() : follow.label();
        return (tag.isAbout() ? "About " : "Mentions ") + label;
    }

    private static String queryReason(String text, List<String> fired) {
        String reason = "Matches \u201c" + text + "\u201d";
        return fired.isEmpty() ? reason : reason + ": " + String.join(", ", fired);
    }
}
