package dev.tidings.story;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides which story a new article belongs to, and remembers it for the articles that follow.
 *
 * <p>Two articles are <em>linked</em> when they are copies of one text (most word 3-shingles shared,
 * at any distance in time) or reports of one event (within {@link #WINDOW}, sharing enough of their
 * vocabulary and of their names and numbers or central concepts; see {@link Explanation}). A story is a
 * connected group of linked articles. Because the link test looks at two articles only, and the
 * candidates of each article are found symmetrically, the groups do not depend on the order articles
 * arrive in: importing a set again, or shuffled, gives the same partition. When a new article links
 * two stories they become one ({@link Placement#absorbed()} lists the story ids that were merged away).
 *
 * <p>Candidates come from locality-sensitive hashing: bands of the copy signature (any time) and of the
 * names signature (keyed by week, so the buckets looked at hold only the window's articles), so the
 * work per article depends on how many articles arrive per week, not on the size of the archive.
 *
 * <p>Keeps its index in memory ({@link #remember} rebuilds it from stored articles at start; about
 * 1 KiB per article, measured at a million). Thread-safe: signatures are computed in the caller's thread, the index is
 * changed under a lock.
 */
public final class StoryAssigner {
    /** Reports further apart than this are different stories however similar they read (copies excepted). */
    public static final Duration WINDOW = Duration.ofDays(7);

    /** Share of word 3-shingles above which two texts are copies of one another. */
    static final double COPY = 0.5;
    /** Share of content words above which two reports within the window tell the same event. */
    static final double SAME_WORDS = 0.4;
    /** Lower share of content words that is enough when names and numbers agree too. */
    static final double RELATED_WORDS = 0.12;
    /**
     * Words and names shared, added up, that pin one event. Reports of one event share names, figures and
     * vocabulary together; two events of one kind share vocabulary but few names, or a place but few words.
     */
    static final double SAME_EVIDENCE = 0.38;
    /** The same, for two articles about a common central concept (the concept is evidence too). */
    static final double SAME_EVIDENCE_AND_CONCEPT = 0.36;

    private static final long WEEK = Duration.ofDays(7).toMillis();

    /** Why two articles were, or were not, put in one story. */
    public enum Verdict {
        /** Copies of one text (syndicated, republished or lightly edited). */
        COPY,
        /** Separate reports of one event. */
        SAME_EVENT,
        /** Not linked (they may still share a story through other articles). */
        APART
    }

    /**
     * The evidence for a link between two articles.
     *
     * @param sameText       estimated share of word 3-shingles, 0..1
     * @param sameWords      estimated share of content words, 0..1
     * @param sameNames      estimated share of names and numbers, 0..1
     * @param sharedConcepts labels of the central concepts both are about
     * @param gap            time between their publication
     * @param verdict        the decision
     */
    public record Explanation(double sameText, double sameWords, double sameNames, List<String> sharedConcepts,
                              Duration gap, Verdict verdict) {
        public Explanation {
            sharedConcepts = List.copyOf(sharedConcepts);
        }

        /** One line for people, e.g. on the admin page. */
        public String summary() {
            String evidence = String.format(java.util.Locale.ROOT,
                    "%.0f%% of phrases, %.0f%% of words, %.0f%% of names and numbers shared; concepts in common: %s; %s apart",
                    sameText * 100, sameWords * 100, sameNames * 100,
                    sharedConcepts.isEmpty() ? "none" : String.join(", ", sharedConcepts), human(gap));
            return switch (verdict) {
                case COPY -> "Copies of one text: " + evidence;
                case SAME_EVENT -> "Reports of one event: " + evidence;
                case APART -> "Not linked: " + evidence;
            };
        }

        private static String human(Duration d) {
            if (d.toDays() >= 1) return d.toDays() + (d.toDays() == 1 ? " day" : " days");
            if (d.toHours() >= 1) return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
            return d.toMinutes() + " min";
        }
    }

    /**
     * Where a new article went.
     *
     * @param story    the story id it joins (its own id when it links to nothing)
     * @param absorbed story ids merged into {@code story} because the article links them; their articles
     *                 should be relabelled
     * @param linked   ids of the stored articles it is linked to, ordered
     */
    public record Placement(String story, List<String> absorbed, List<String> linked) {
        public Placement {
            absorbed = List.copyOf(absorbed);
            linked = List.copyOf(linked);
        }
    }

    private final BandTable copies;
    private final BandTable events;
    private final Map<String, Integer> rootOfStory = new HashMap<>();
    /** Ids of the articles in the index, so one stored by another process is filed once. */
    private final java.util.Set<String> known = new java.util.HashSet<>();
    private String[] ids;
    private Fingerprint[] prints;
    private int[] parent;
    private String[] label;
    private int[] seen;
    private int stamp;
    private int size;

    public StoryAssigner() {
        this(1024);
    }

    /** @param expected articles the index is sized for up front (it grows beyond) */
    public StoryAssigner(int expected) {
        int n = Math.max(16, expected);
        copies = new BandTable(n * (Fingerprint.TEXT_COMPONENTS / Fingerprint.TEXT_ROWS));
        events = new BandTable(n * (Fingerprint.NAME_COMPONENTS / Fingerprint.NAME_ROWS));
        ids = new String[n];
        prints = new Fingerprint[n];
        parent = new int[n];
        label = new String[n];
        seen = new int[n];
    }

    /**
     * Places a new article: finds the stored articles it links to, joins (and if need be merges) their
     * stories, and remembers it. The article's own {@code story} field is ignored.
     */
    public Placement place(Article article) {
        // Signatures are most of the cost and need no shared state: computed outside the lock.
        Fingerprint fp = Fingerprint.of(article);
        synchronized (this) {
            return place(article.id(), fp);
        }
    }

    private Placement place(String id, Fingerprint fp) {
        List<Integer> links = candidates(fp);
        TreeSet<String> stories = new TreeSet<>();
        List<String> linked = new ArrayList<>();
        List<Integer> roots = new ArrayList<>();
        for (int c : links) {
            if (judge(fp, prints[c]) == Verdict.APART) continue;
            linked.add(ids[c]);
            int root = find(c);
            if (stories.add(label[root])) roots.add(root);
        }
        int slot = add(id, fp);
        if (stories.isEmpty()) {
            label[slot] = id;
            rootOfStory.put(id, slot);
            return new Placement(id, List.of(), List.of());
        }
        String story = stories.first();
        for (int root : roots) union(root, slot, story);
        stories.remove(story);
        linked.sort(null);
        return new Placement(story, new ArrayList<>(stories), linked);
    }

    /** Like {@link #remember}, but does nothing for an article already in the index. */
    public void rememberIfNew(Article stored) {
        synchronized (this) {
            if (known.contains(stored.id())) return;
        }
        remember(stored);
    }

    /** Adds an article that is already stored with its story, e.g. when rebuilding the index at start. */
    public void remember(Article stored) {
        Fingerprint fp = Fingerprint.of(stored);
        synchronized (this) {
            remember(stored, fp);
        }
    }

    private void remember(Article stored, Fingerprint fp) {
        int slot = add(stored.id(), fp);
        Integer root = rootOfStory.get(stored.story());
        if (root == null) {
            label[slot] = stored.story();
            rootOfStory.put(stored.story(), slot);
        } else {
            union(find(root), slot, stored.story());
        }
    }

    /**
     * For each article of a story but the first (oldest first), the earlier article it is most strongly
     * linked to and why: the answer to "why were these joined". An article can sit in a story without a
     * direct link to any earlier one (a later article bridged them); its best evidence then reads "Not linked".
     */
    public static List<String> whyJoined(List<Article> story) {
        List<Article> ordered = new ArrayList<>(story);
        ordered.sort(java.util.Comparator.comparing((Article a) -> a.effectivePublished().instant()).thenComparing(Article::id));
        List<String> lines = new ArrayList<>();
        for (int i = 1; i < ordered.size(); i++) {
            Article a = ordered.get(i);
            Article best = null;
            Explanation bestWhy = null;
            for (int j = 0; j < i; j++) {
                Explanation why = explain(a, ordered.get(j));
                if (bestWhy == null || strength(why) > strength(bestWhy)) {
                    best = ordered.get(j);
                    bestWhy = why;
                }
            }
            lines.add(label(a) + " joins " + label(best) + ". " + bestWhy.summary() + ".");
        }
        return lines;
    }

    private static double strength(Explanation e) {
        return (e.verdict() == Verdict.APART ? 0 : e.verdict() == Verdict.COPY ? 20 : 10) + e.sameWords() + e.sameNames();
    }

    private static String label(Article a) {
        return "\u201C" + a.title() + "\u201D" + (a.source() != null ? " (" + a.source() + ")" : "");
    }

    /** Why {@code a} and {@code b} are, or are not, linked; the same test {@link #place} applies. */
    public static Explanation explain(Article a, Article b) {
        Fingerprint fa = Fingerprint.of(a), fb = Fingerprint.of(b);
        Set<String> aboutA = a.concepts().stream().filter(ConceptTag::isAbout).map(ConceptTag::conceptId)
                .collect(Collectors.toSet());
        List<String> shared = b.concepts().stream().filter(ConceptTag::isAbout)
                .filter(t -> aboutA.contains(t.conceptId())).map(ConceptTag::label).distinct().sorted().toList();
        return new Explanation(Fingerprint.similarity(fa.text(), fb.text()),
                Fingerprint.similarity(fa.words(), fb.words()), Fingerprint.similarity(fa.names(), fb.names()),
                shared, Duration.ofMillis(Math.abs(fa.at() - fb.at())), judge(fa, fb));
    }

    /** Articles in the index. */
    public synchronized int size() {
        return size;
    }

    static Verdict judge(Fingerprint a, Fingerprint b) {
        double text = Fingerprint.similarity(a.text(), b.text());
        if (text >= COPY) return Verdict.COPY;
        if (Math.abs(a.at() - b.at()) > WINDOW.toMillis()) return Verdict.APART;
        double words = Fingerprint.similarity(a.words(), b.words());
        if (words >= SAME_WORDS) return Verdict.SAME_EVENT;
        if (words < RELATED_WORDS) return Verdict.APART;
        double evidence = words + Fingerprint.similarity(a.names(), b.names());
        if (evidence >= SAME_EVIDENCE) return Verdict.SAME_EVENT;
        boolean concepts = Fingerprint.shared(a.about(), b.about()) > 0;
        return concepts && evidence >= SAME_EVIDENCE_AND_CONCEPT ? Verdict.SAME_EVENT : Verdict.APART;
    }

    private List<Integer> candidates(Fingerprint fp) {
        if (++stamp == 0) {
            Arrays.fill(seen, 0);
            stamp = 1;
        }
        List<Integer> out = new ArrayList<>();
        java.util.function.IntConsumer collect = s -> {
            if (seen[s] != stamp) {
                seen[s] = stamp;
                out.add(s);
            }
        };
        for (long k : fp.textBands()) copies.forEach(k, collect);
        long week = Math.floorDiv(fp.at(), WEEK);
        for (long w = week - 1; w <= week + 1; w++) {
            for (long k : fp.nameBands()) events.forEach(Fingerprint.mix(k ^ (w * 0x9E3779B97F4A7C15L)), collect);
        }
        return out;
    }

    private int add(String id, Fingerprint fp) {
        if (size == ids.length) grow();
        int slot = size++;
        ids[slot] = id;
        known.add(id);
        // The band keys are needed only to file the article; keeping them would double its footprint.
        prints[slot] = new Fingerprint(fp.at(), fp.text(), fp.words(), fp.names(), fp.about(), null, null);
        parent[slot] = slot;
        for (long k : fp.textBands()) copies.add(k, slot);
        long week = Math.floorDiv(fp.at(), WEEK);
        for (long k : fp.nameBands()) events.add(Fingerprint.mix(k ^ (week * 0x9E3779B97F4A7C15L)), slot);
        return slot;
    }

    private void union(int root, int slot, String story) {
        int a = find(root), b = find(slot);
        if (a != b) {
            if (label[a] != null) rootOfStory.remove(label[a]);
            if (label[b] != null) rootOfStory.remove(label[b]);
            parent[b] = a;
            label[b] = null;
        }
        label[a] = story;
        rootOfStory.put(story, a);
    }

    private int find(int s) {
        while (parent[s] != s) {
            parent[s] = parent[parent[s]];
            s = parent[s];
        }
        return s;
    }

    private void grow() {
        int n = ids.length * 2;
        ids = Arrays.copyOf(ids, n);
        prints = Arrays.copyOf(prints, n);
        parent = Arrays.copyOf(parent, n);
        label = Arrays.copyOf(label, n);
        seen = Arrays.copyOf(seen, n);
    }
}
