package dev.tidings.story;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
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
 * names signature (keyed by a period of two windows, so the buckets looked at hold only articles near
 * in time), so the work per article depends on how many articles arrive per week, not on the size of the
 * archive.
 *
 * <p>Keeps its index in memory, in flat arrays indexed by a slot per article (no object per article):
 * about 1 KB per article at a million with a quarter to spare (StoryBench), a third of it LSH buckets
 * (one int per band), 288 bytes the word and name sketches and 128 the 8-bit components. At start
 * it is read back whole from an image of it ({@link #writeTo}, {@link #readFrom}: about 840 bytes per
 * article, a few seconds for a million), or else filled from the signatures kept beside the stored articles
 * ({@link #remember(String, String, String, byte[])}, {@link Placement#signature()}), not from their texts.
 * Thread-safe: signatures are computed in the caller's thread, the index is changed under a lock.
 */
public final class StoryAssigner {
    /** Reports further apart than this are different stories however similar they read (copies excepted). */
    public static final Duration WINDOW = Duration.ofDays(7);

    /** Share of word 3-shingles above which two texts are copies of one another. */
    static final double COPY = 0.5;
    /** Share of content words above which two reports within the window tell the same event. */
    static final double SAME_WORDS = 0.4;
    /** Lower share of content words that is enough when names and numbers agree too. */
    static final double RELATED_WORDS = 0.10;
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
     * @param linked    ids of the stored articles it is linked to, ordered
     * @param signature the stored form of the article's signatures, to keep beside the article so a later
     *                  start can {@link #remember(String, String, String, byte[]) remember} it without its text
     */
    public record Placement(String story, List<String> absorbed, List<String> linked, byte[] signature) {
        public Placement {
            absorbed = List.copyOf(absorbed);
            linked = List.copyOf(linked);
        }
    }

    /** The sketches of all articles sit in flat arrays indexed by slot times a width of up to 144. */
    private static final int MAX_ARTICLES = 1 << BandTable.SLOT_BITS;

    private final BandTable copies;
    private final BandTable events;
    private final RootOfStory rootOfStory = new RootOfStory();
    /** Slot of each article id: open addressing over {@link #ids}, 0 empty, else slot + 1. */
    private int[] slotOfId;
    private String[] ids;
    /** Per slot {@link Fingerprint#PACKED_LONGS} longs of 8-bit text components: one flat array, no object per article. */
    private long[] signatures;
    /** Per slot {@link #SETS} chars: the bottom-k sketches of its content words, then of its names. */
    private char[] sets;
    private byte[] wordCount;
    private byte[] nameCount;
    private long[] at;
    /** Per slot: where its central concepts start in {@link #concepts}, and how many there are. */
    private int[] conceptsFrom;
    private byte[] conceptCount;
    private int[] concepts = new int[1024];
    private int conceptsSize;
    /** Per slot: a hash of the content hash it was fingerprinted from, to notice an updated text. */
    private int[] contentKey;
    private int[] parent;
    private String[] label;
    private int[] seen;
    private int stamp;
    private int size;
    private int[] candidates = new int[64];

    public StoryAssigner() {
        this(1024);
    }

    /** @param expected articles the index is sized for up front (it grows beyond) */
    public StoryAssigner(int expected) {
        this(Math.min(MAX_ARTICLES, Math.max(16, expected)), null, null);
    }

    /** An empty index with room for {@code n} articles, over the given band tables or new ones sized for n. */
    private StoryAssigner(int n, BandTable copies, BandTable events) {
        this.copies = copies != null ? copies : new BandTable((long) n * Fingerprint.TEXT_BANDS);
        this.events = events != null ? events : new BandTable((long) n * Fingerprint.NAME_BANDS);
        ids = new String[n];
        slotOfId = new int[tableSize(n)];
        signatures = new long[n * Fingerprint.PACKED_LONGS];
        sets = new char[n * SETS];
        wordCount = new byte[n];
        nameCount = new byte[n];
        at = new long[n];
        conceptsFrom = new int[n];
        conceptCount = new byte[n];
        contentKey = new int[n];
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
            return place(article.id(), fp, contentKey(article));
        }
    }

    /** The stored form of an article's signatures, as {@link #remember(String, String, byte[])} reads it. */
    public static byte[] signature(Article article) {
        return Fingerprint.of(article).toBytes();
    }

    private Placement place(String id, Fingerprint fp, int contentKey) {
        long[] packed = fp.packed();
        int n = candidates(fp, packed);
        long touched = 0;
        for (int i = 0; i < n; i++) {
            int set = candidates[i] * SETS;
            touched += sets[set] + sets[set + Fingerprint.WORD_SET];
        }
        sink = touched;
        TreeSet<String> stories = new TreeSet<>();
        List<String> linked = new ArrayList<>();
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = candidates[i];
            if (judge(fp, packed, c) == Verdict.APART) {
                continue;
            }
            linked.add(ids[c]);
            int root = find(c);
            if (stories.add(label[root])) roots.add(root);
        }
        int slot = add(id, fp, packed, contentKey);
        if (stories.isEmpty()) {
            label[slot] = id;
            rootOfStory.put(id, slot);
            return new Placement(id, List.of(), List.of(), fp.toBytes());
        }
        String story = stories.first();
        for (int root : roots) union(root, slot, story);
        stories.remove(story);
        linked.sort(null);
        return new Placement(story, new ArrayList<>(stories), linked, fp.toBytes());
    }

    /**
     * Files an article stored by anyone (this process or another) so the index matches the store: a new
     * id is remembered with its stored story; a known one whose text changed gets its new signature; a
     * known one stored under another story (another process merged stories) pulls its group into that
     * story. Returns true when the index changed.
     */
    public boolean observe(Article stored) {
        Integer slot;
        synchronized (this) {
            slot = slotOf(stored.id());
            if (slot == null) {
                // fall through to remember outside the lock
            } else if (contentKey[slot] == contentKey(stored)) {
                return adopt(slot, stored.story());
            }
        }
        if (slot == null) {
            remember(stored);
            return true;
        }
        refresh(stored);
        synchronized (this) {
            adopt(slot, stored.story());
        }
        return true;
    }

    /** Makes the group of {@code slot} the story {@code story}, joining that story's group if it has one. */
    private boolean adopt(int slot, String story) {
        int root = find(slot);
        if (story.equals(label[root])) return false;
        Integer other = rootOfStory.get(story);
        if (other == null) {
            rootOfStory.remove(label[root]);
            label[root] = story;
            rootOfStory.put(story, root);
        } else {
            rootOfStory.remove(label[root]);
            union(find(other), root, story);
        }
        return true;
    }

    /**
     * Takes the new text of an article already in the index (same id, updated content): its signatures
     * are replaced so later articles are compared with what it says now. Its story is kept (an update
     * keeps its story). Returns the stored form of the new signatures. An article not in the index is
     * remembered.
     */
    public byte[] refresh(Article updated) {
        Fingerprint fp = Fingerprint.of(updated);
        synchronized (this) {
            Integer slot = slotOf(updated.id());
            if (slot == null) {
                remember(updated, fp, contentKey(updated));
            } else {
                // The old band entries stay behind; they only bring a candidate that verification, which
                // reads the new signature, turns down. Deleting from the open-addressed tables would cost more.
                contentKey[slot] = contentKey(updated);
                setSignature(slot, fp, fp.packed());
                file(slot, fp);
                if (refreshedWhileWriting != null) {
                    synchronized (refreshedWhileWriting) {
                        refreshedWhileWriting.add(new Refreshed(slot, contentKey[slot], fp));
                    }
                }
            }
        }
        return fp.toBytes();
    }

    /** Adds an article that is already stored with its story, e.g. when rebuilding the index at start. */
    public void remember(Article stored) {
        Fingerprint fp = Fingerprint.of(stored);
        synchronized (this) {
            remember(stored.id(), stored.story(), fp, contentKey(stored));
        }
    }

    /**
     * Adds a stored article from its stored signature ({@link #signature}), without reading its text.
     * Returns false, and adds nothing, when the signature is of another format: the caller then passes
     * the article to {@link #remember(Article)}.
     */
    public boolean remember(String id, String story, String contentHash, byte[] signature) {
        var fp = Fingerprint.fromBytes(signature);
        if (fp.isEmpty()) return false;
        synchronized (this) {
            remember(id, story, fp.get(), contentHash.hashCode());
        }
        return true;
    }

    private void remember(Article stored, Fingerprint fp, int contentKey) {
        remember(stored.id(), stored.story(), fp, contentKey);
    }

    private void remember(String id, String story, Fingerprint fp, int contentKey) {
        if (slotOf(id) != null) return;
        int slot = add(id, fp, fp.packed(), contentKey);
        Integer root = rootOfStory.get(story);
        if (root == null) {
            label[slot] = story;
            rootOfStory.put(story, slot);
        } else {
            union(find(root), slot, story);
        }
    }

    private static int contentKey(Article a) {
        return a.contentHash() == null ? 0 : a.contentHash().hashCode();
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
        long[] pa = fa.packed(), pb = fb.packed();
        Set<String> aboutA = a.concepts().stream().filter(ConceptTag::isAbout).map(ConceptTag::conceptId)
                .collect(Collectors.toSet());
        List<String> shared = b.concepts().stream().filter(ConceptTag::isAbout)
                .filter(t -> aboutA.contains(t.conceptId())).map(ConceptTag::label).distinct().sorted().toList();
        return new Explanation(Fingerprint.sameText(pa, 0, pb, 0), sameWords(fa, fb), sameNames(fa, fb),
                shared, Duration.ofMillis(Math.abs(fa.at() - fb.at())), judge(fa, fb));
    }

    /** First value of an image: its layout and the signature format it holds; another value is not read. */
    private static final int IMAGE_FORMAT = 0x54530200 | Fingerprint.FORMAT;

    /**
     * Writes the whole index, with {@code note} (the caller's, e.g. what the index was known to hold), as
     * {@link #readFrom} reads it: the flat arrays in bulk, so a start with a million articles reads them in
     * about the time the bytes take, instead of decoding and filing every stored signature.
     *
     * <p>The image is of the index as it was when the write began, and placements go on meanwhile: a write
     * takes seconds for a million articles, and an instant alert waits for its article's placement. Under the
     * lock it copies only the story groups' arrays (milliseconds) and freezes the map of their roots
     * ({@link RootOfStory}); the articles' arrays are read afterwards,
     * since slots are only ever added at the end, and the band tables' cells are only ever set (see
     * {@link BandTable.Frozen}). The one change to an article already in the index, a new text
     * ({@link #refresh}), is recorded while a write runs and written after the arrays, to be filed again
     * when the image is read. What was added meanwhile is not in the image: a note written before the write
     * began describes it conservatively.
     */
    public void writeTo(WritableByteChannel channel, byte[] note) throws IOException {
        synchronized (writer) {
            Frozen frozen;
            synchronized (this) {
                frozen = freeze();
                refreshedWhileWriting = frozen.refreshed;
            }
            try {
                frozen.writeTo(channel, note);
            } finally {
                synchronized (this) {
                    refreshedWhileWriting = null;
                    rootOfStory.thaw();
                }
            }
        }
    }

    /** One image written at a time. */
    private final Object writer = new Object();
    /** While an image is written: the new texts of articles in it, in the order they came. */
    private List<Refreshed> refreshedWhileWriting;

    /** A new text of the article in {@code slot}, as {@link #refresh} took it. */
    private record Refreshed(int slot, int contentKey, Fingerprint signature) {}

    private Frozen freeze() {
        return new Frozen(size, ids.length, ids, signatures, sets, wordCount, nameCount, at, conceptsFrom, conceptCount,
                concepts, conceptsSize, contentKey, Arrays.copyOf(parent, size), Arrays.copyOf(label, size),
                rootOfStory.freeze(), copies.freeze(size), events.freeze(size), new ArrayList<>());
    }

    /**
     * The root slot of each story's group. A map of a few hundred thousand stories takes tens of milliseconds
     * to copy, so a write does not copy it: it {@link #freeze freezes} it, and until it is {@link #thaw thawed}
     * the changes are kept beside it (a write's worth of placements, a few thousand).
     */
    private static final class RootOfStory {
        private final Map<String, Integer> all = new HashMap<>();
        /** While frozen: the stories changed since, a removed one with null. */
        private Map<String, Integer> changed;

        Integer get(String story) {
            if (changed != null && changed.containsKey(story)) return changed.get(story);
            return all.get(story);
        }

        void put(String story, int root) {
            (changed != null ? changed : all).put(story, root);
        }

        void remove(String story) {
            if (changed != null) changed.put(story, null);
            else all.remove(story);
        }

        void putAll(RootOfStory other) {
            all.putAll(other.all);
        }

        /** The map as it is now, which stays so, for reading without the lock, until {@link #thaw}. */
        Map<String, Integer> freeze() {
            changed = new HashMap<>();
            return all;
        }

        void thaw() {
            for (var e : changed.entrySet()) {
                if (e.getValue() == null) all.remove(e.getKey());
                else all.put(e.getKey(), e.getValue());
            }
            changed = null;
        }
    }

    /**
     * The index at one moment. The arrays of the articles are the live ones, read up to {@code size}: slots
     * below it change only by a {@link #refresh}, recorded in {@code refreshed}, and a grown array leaves the
     * old one as it was. The story groups, which every merge changes, are copies; the roots' map is frozen.
     */
    private record Frozen(int size, int capacity, String[] ids, long[] signatures, char[] sets, byte[] wordCount,
                          byte[] nameCount, long[] at, int[] conceptsFrom, byte[] conceptCount, int[] concepts,
                          int conceptsSize, int[] contentKey, int[] parent, String[] label, Map<String, Integer> roots,
                          BandTable.Frozen copies, BandTable.Frozen events, List<Refreshed> refreshed) {
        void writeTo(WritableByteChannel channel, byte[] note) throws IOException {
            IndexImage.Out out = new IndexImage.Out(channel);
            out.putInt(IMAGE_FORMAT);
            out.putBytes(note);
            out.putInt(size);
            out.putInt(capacity);
            for (int s = 0; s < size; s++) out.putString(ids[s]);
            out.putLongs(signatures, size * Fingerprint.PACKED_LONGS);
            out.putChars(sets, size * SETS);
            out.putBytes(wordCount, size);
            out.putBytes(nameCount, size);
            out.putLongs(at, size);
            out.putInts(conceptsFrom, size);
            out.putBytes(conceptCount, size);
            out.putInt(conceptsSize);
            out.putInts(concepts, conceptsSize);
            out.putInts(contentKey, size);
            out.putInts(parent, size);
            int labelled = 0;
            for (int s = 0; s < size; s++) if (label[s] != null) labelled++;
            out.putInt(labelled);
            for (int s = 0; s < size; s++) {
                if (label[s] == null) continue;
                out.putInt(s);
                out.putString(label[s]);
            }
            out.putInt(roots.size());
            for (var e : roots.entrySet()) {
                out.putString(e.getKey());
                out.putInt(e.getValue());
            }
            copies.writeTo(out);
            events.writeTo(out);
            List<Refreshed> changed;
            synchronized (refreshed) {
                // Articles added since the write began are not in the image, their new texts neither.
                changed = refreshed.stream().filter(r -> r.slot() < size).toList();
            }
            out.putInt(changed.size());
            for (Refreshed r : changed) {
                out.putInt(r.slot());
                out.putInt(r.contentKey());
                out.putBytes(r.signature().toBytes());
            }
            out.finish();
        }
    }

    /** An index read back with the note it was written with. */
    public record Restored(StoryAssigner stories, byte[] note) {}

    /**
     * Reads an index that {@link #writeTo} wrote ({@code length} bytes). Throws when the bytes are not such an
     * image, are of another format, or are damaged (checksum): the caller then builds the index anew.
     */
    public static Restored readFrom(ReadableByteChannel channel, long length) throws IOException {
        IndexImage.In in = new IndexImage.In(channel, length);
        if (in.getInt() != IMAGE_FORMAT) throw new IOException("story index image of another format");
        byte[] note = in.getBytes();
        int size = in.getInt(), capacity = in.getInt();
        if (size < 0 || capacity < size || capacity > MAX_ARTICLES) throw new IOException("story index image is damaged (size)");
        StoryAssigner s = new StoryAssigner(Math.max(16, capacity), new BandTable(16), new BandTable(16));
        s.size = size;
        for (int i = 0; i < size; i++) s.ids[i] = in.getString();
        in.getLongs(s.signatures, size * Fingerprint.PACKED_LONGS);
        in.getChars(s.sets, size * SETS);
        in.getBytes(s.wordCount, size);
        in.getBytes(s.nameCount, size);
        in.getLongs(s.at, size);
        in.getInts(s.conceptsFrom, size);
        in.getBytes(s.conceptCount, size);
        s.conceptsSize = in.count(4);
        s.concepts = new int[Math.max(1024, s.conceptsSize)];
        in.getInts(s.concepts, s.conceptsSize);
        in.getInts(s.contentKey, size);
        in.getInts(s.parent, size);
        for (int i = 0, n = in.count(8); i < n; i++) s.label[slotIn(in.getInt(), size)] = in.getString();
        for (int i = 0, n = in.count(8); i < n; i++) s.rootOfStory.put(in.getString(), slotIn(in.getInt(), size));
        BandTable copies = BandTable.readFrom(in), events = BandTable.readFrom(in);
        List<Refreshed> refreshed = new ArrayList<>();
        for (int i = 0, n = in.count(12); i < n; i++) {
            int slot = slotIn(in.getInt(), size), key = in.getInt();
            var fp = Fingerprint.fromBytes(in.getBytes());
            if (fp.isEmpty()) throw new IOException("story index image is damaged (signature)");
            refreshed.add(new Refreshed(slot, key, fp.get()));
            // Read while its text changed: what the arrays hold of it is replaced below.
            s.conceptsFrom[slot] = 0;
            s.conceptCount[slot] = 0;
        }
        in.finish();
        for (int i = 0; i < size; i++) {
            slotIn(s.parent[i], size);
            if (s.conceptsFrom[i] < 0 || s.conceptsFrom[i] + (s.conceptCount[i] & 0xFF) > s.conceptsSize) {
                throw new IOException("story index image is damaged (concepts)");
            }
        }
        StoryAssigner restored = new StoryAssigner(s, copies, events);
        for (int i = 0; i < size; i++) restored.putId(i);
        for (Refreshed r : refreshed) {
            Fingerprint fp = r.signature();
            restored.contentKey[r.slot()] = r.contentKey();
            restored.setSignature(r.slot(), fp, fp.packed());
            restored.file(r.slot(), fp);
        }
        return new Restored(restored, note);
    }

    private static int slotIn(int slot, int size) throws IOException {
        if (slot < 0 || slot >= size) throw new IOException("story index image is damaged (slot " + slot + ")");
        return slot;
    }

    /** {@code read}'s arrays over the band tables read after them (the tables are final fields). */
    private StoryAssigner(StoryAssigner read, BandTable copies, BandTable events) {
        this.copies = copies;
        this.events = events;
        ids = read.ids;
        slotOfId = new int[tableSize(ids.length)];
        signatures = read.signatures;
        sets = read.sets;
        wordCount = read.wordCount;
        nameCount = read.nameCount;
        at = read.at;
        conceptsFrom = read.conceptsFrom;
        conceptCount = read.conceptCount;
        concepts = read.concepts;
        conceptsSize = read.conceptsSize;
        contentKey = read.contentKey;
        parent = read.parent;
        label = read.label;
        seen = read.seen;
        size = read.size;
        rootOfStory.putAll(read.rootOfStory);
    }

    /** Articles in the index. */
    public synchronized int size() {
        return size;
    }

    private static double sameWords(Fingerprint a, Fingerprint b) {
        return Fingerprint.sameSet(a.wordSet(), 0, a.wordSet().length, b.wordSet(), 0, b.wordSet().length,
                Fingerprint.WORD_SET);
    }

    private static double sameNames(Fingerprint a, Fingerprint b) {
        return Fingerprint.sameSet(a.nameSet(), 0, a.nameSet().length, b.nameSet(), 0, b.nameSet().length,
                Fingerprint.NAME_SET);
    }

    /** The link test between two fingerprints. */
    static Verdict judge(Fingerprint a, Fingerprint b) {
        return decide(Fingerprint.sameText(a.packed(), 0, b.packed(), 0), a.at() - b.at(),
                () -> sameWords(a, b), () -> sameNames(a, b),
                () -> Fingerprint.shareAny(a.about(), 0, a.about().length, b.about(), 0, b.about().length));
    }

    /** The same test between a new article and the one in {@code slot}, read from the flat arrays. */
    private Verdict judge(Fingerprint a, long[] packed, int slot) {
        int set = slot * SETS;
        return decide(Fingerprint.sameText(packed, 0, signatures, slot * Fingerprint.PACKED_LONGS), a.at() - at[slot],
                () -> Fingerprint.sameSet(a.wordSet(), 0, a.wordSet().length, sets, set, wordCount[slot] & 0xFF,
                        Fingerprint.WORD_SET),
                () -> Fingerprint.sameSet(a.nameSet(), 0, a.nameSet().length, sets, set + Fingerprint.WORD_SET,
                        nameCount[slot] & 0xFF, Fingerprint.NAME_SET),
                () -> Fingerprint.shareAny(a.about(), 0, a.about().length, concepts, conceptsFrom[slot],
                        conceptCount[slot] & 0xFF));
    }

    /** Cheapest evidence first: most candidates are settled by the text and the time. */
    private static Verdict decide(double text, long gap, java.util.function.DoubleSupplier sameWords,
                                  java.util.function.DoubleSupplier sameNames,
                                  java.util.function.BooleanSupplier sharedConcept) {
        if (text >= COPY) return Verdict.COPY;
        if (Math.abs(gap) > WINDOW.toMillis()) return Verdict.APART;
        double words = sameWords.getAsDouble();
        if (words >= SAME_WORDS) return Verdict.SAME_EVENT;
        if (words < RELATED_WORDS) return Verdict.APART;
        double evidence = words + sameNames.getAsDouble();
        if (evidence >= SAME_EVIDENCE) return Verdict.SAME_EVENT;
        return evidence >= SAME_EVIDENCE_AND_CONCEPT && sharedConcept.getAsBoolean() ? Verdict.SAME_EVENT : Verdict.APART;
    }

    /** Chars per slot in {@link #sets}. */
    private static final int SETS = Fingerprint.WORD_SET + Fingerprint.NAME_SET;


    /**
     * Name bands are filed under a period of two windows: two articles within one window of each other
     * are in the same period or in the neighbouring one on the side of the article's half of its period,
     * so a look-up reads two periods' buckets.
     */
    private static final long PERIOD = 2 * WINDOW.toMillis();

    /** Band keys of one look-up: the copy bands, then the name bands in its period, then in the neighbouring one. */
    private static final int KEYS = Fingerprint.TEXT_BANDS + 2 * Fingerprint.NAME_BANDS;

    private final long[] keys = new long[KEYS];
    /** The article being placed, for {@link #offer}: its packed signature and the periods its name keys are of. */
    private long[] looking;
    private long period, neighbour;

    /** Fills {@link #candidates} with the distinct slots sharing a band with the article; returns how many. */
    private int candidates(Fingerprint fp, long[] packed) {
        if (++stamp == 0) {
            Arrays.fill(seen, 0);
            stamp = 1;
        }
        period = Math.floorDiv(fp.at(), PERIOD);
        neighbour = Math.floorMod(fp.at(), PERIOD) < PERIOD / 2 ? period - 1 : period + 1;
        looking = packed;
        for (int b = 0; b < Fingerprint.TEXT_BANDS; b++) keys[b] = fp.textBand(b);
        for (int b = 0; b < Fingerprint.NAME_BANDS; b++) {
            keys[Fingerprint.TEXT_BANDS + b] = fp.nameBand(b, period);
            keys[Fingerprint.TEXT_BANDS + Fingerprint.NAME_BANDS + b] = fp.nameBand(b, neighbour);
        }
        hits = 0;
        copies.collect(keys, 0, Fingerprint.TEXT_BANDS, this);
        events.collect(keys, Fingerprint.TEXT_BANDS, 2 * Fingerprint.NAME_BANDS, this);
        // What offer() reads of each slot is far apart in a large index: read it all first, in loads that do
        // not wait for one another, so the cache misses overlap instead of queueing one behind the other.
        long touched = 0;
        for (int h = 0; h < hits; h++) {
            int slot = hitSlot[h];
            touched += seen[slot] + at[slot]
                    + signatures[slot * Fingerprint.PACKED_LONGS + (hitKey[h] < Fingerprint.TEXT_BANDS ? 0 : 8)];
        }
        sink = touched;
        int n = 0;
        for (int h = 0; h < hits; h++) n = offer(hitSlot[h], hitKey[h], n);
        return n;
    }

    /** Slots found in the band tables for the article being placed, and the index of the key each was filed under. */
    private int[] hitSlot = new int[256], hitKey = new int[256];
    private int hits;
    /** Keeps the reads ahead from being optimised away. */
    @SuppressWarnings("unused")
    private long sink;

    /** Called by {@link BandTable#collect} for each slot whose check bits match key {@code key} of {@link #keys}. */
    void hit(int slot, int key) {
        if (hits == hitSlot.length) {
            hitSlot = Arrays.copyOf(hitSlot, hits * 2);
            hitKey = Arrays.copyOf(hitKey, hits * 2);
        }
        hitSlot[hits] = slot;
        hitKey[hits++] = key;
    }

    /**
     * For a slot filed under key {@code key} of {@link #keys}: appends it
     * when it is new for this article and truly shares that band (same component bits, and for a name band,
     * filed in the period looked at), so a cell of another key that passed the table's check bits adds nothing.
     */
    private int offer(int slot, int key, int n) {
        if (seen[slot] == stamp) return n;
        int band = key < Fingerprint.TEXT_BANDS + Fingerprint.NAME_BANDS ? key : key - Fingerprint.NAME_BANDS;
        if (!Fingerprint.sameBand(looking, 0, signatures, slot * Fingerprint.PACKED_LONGS, band)) return n;
        if (band >= Fingerprint.TEXT_BANDS
                && Math.floorDiv(at[slot], PERIOD) != (key == band ? period : neighbour)) return n;
        seen[slot] = stamp;
        if (n == candidates.length) candidates = Arrays.copyOf(candidates, n * 2);
        candidates[n] = slot;
        return n + 1;
    }

    private int add(String id, Fingerprint fp, long[] packed, int key) {
        if (size == ids.length) grow();
        if (size >= MAX_ARTICLES) throw new IllegalStateException("the story index holds at most " + MAX_ARTICLES + " articles");
        int slot = size++;
        ids[slot] = id;
        indexId(slot);
        contentKey[slot] = key;
        parent[slot] = slot;
        setSignature(slot, fp, packed);
        file(slot, fp);
        return slot;
    }

    private void setSignature(int slot, Fingerprint fp, long[] packed) {
        System.arraycopy(packed, 0, signatures, slot * Fingerprint.PACKED_LONGS, Fingerprint.PACKED_LONGS);
        System.arraycopy(fp.wordSet(), 0, sets, slot * SETS, fp.wordSet().length);
        System.arraycopy(fp.nameSet(), 0, sets, slot * SETS + Fingerprint.WORD_SET, fp.nameSet().length);
        wordCount[slot] = (byte) fp.wordSet().length;
        nameCount[slot] = (byte) fp.nameSet().length;
        at[slot] = fp.at();
        int[] about = fp.about();
        int n = Math.min(255, about.length);
        if (conceptsSize + n > concepts.length) concepts = Arrays.copyOf(concepts, Math.max(concepts.length * 2, conceptsSize + n));
        System.arraycopy(about, 0, concepts, conceptsSize, n);
        conceptsFrom[slot] = conceptsSize;
        conceptCount[slot] = (byte) n;
        conceptsSize += n;
    }

    private void file(int slot, Fingerprint fp) {
        for (int b = 0; b < Fingerprint.TEXT_BANDS; b++) copies.add(fp.textBand(b), slot);
        long period = Math.floorDiv(fp.at(), PERIOD);
        for (int b = 0; b < Fingerprint.NAME_BANDS; b++) events.add(fp.nameBand(b, period), slot);
    }

    private static int tableSize(int n) {
        return (int) Math.min(1 << 30, Integer.highestOneBit(Math.max(16, n)) * 4L);
    }

    private Integer slotOf(String id) {
        int mask = slotOfId.length - 1;
        for (int i = spread(id.hashCode()) & mask; slotOfId[i] != 0; i = (i + 1) & mask) {
            int s = slotOfId[i] - 1;
            if (ids[s].equals(id)) return s;
        }
        return null;
    }

    private void indexId(int slot) {
        if ((size + 1) * 2L > slotOfId.length) {
            slotOfId = new int[slotOfId.length * 2];
            for (int s = 0; s < size; s++) if (s != slot) putId(s);
        }
        putId(slot);
    }

    private void putId(int slot) {
        int mask = slotOfId.length - 1;
        int i = spread(ids[slot].hashCode()) & mask;
        while (slotOfId[i] != 0) i = (i + 1) & mask;
        slotOfId[i] = slot + 1;
    }

    private static int spread(int h) {
        return h * 0x9E3779B9 ^ (h >>> 16);
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
        // By half: the arrays of a large index are big, and old and new are both held while copying.
        int n = (int) Math.min(MAX_ARTICLES, ids.length + (long) ids.length / 2);
        ids = Arrays.copyOf(ids, n);
        signatures = Arrays.copyOf(signatures, n * Fingerprint.PACKED_LONGS);
        sets = Arrays.copyOf(sets, n * SETS);
        wordCount = Arrays.copyOf(wordCount, n);
        nameCount = Arrays.copyOf(nameCount, n);
        at = Arrays.copyOf(at, n);
        conceptsFrom = Arrays.copyOf(conceptsFrom, n);
        conceptCount = Arrays.copyOf(conceptCount, n);
        contentKey = Arrays.copyOf(contentKey, n);
        parent = Arrays.copyOf(parent, n);
        label = Arrays.copyOf(label, n);
        seen = Arrays.copyOf(seen, n);
    }
}
