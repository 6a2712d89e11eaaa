package dev.tidings.story;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What the story index keeps of one article: sketches of three sets of its words, its time and its
 * central concepts.
 *
 * <ul>
 *   <li>{@code text}: word 3-shingles, all words kept. Copies and light rewrites share most shingles
 *       whatever boilerplate surrounds them; separately written reports share almost none.</li>
 *   <li>{@code words}: the set of content words (stop words out, a plural "s" dropped). Reports of one
 *       event in different words still share a good part of their vocabulary.</li>
 *   <li>{@code names}: capitalised words inside sentences and numbers. An event is pinned by its
 *       places, people and figures; two events of one kind in one country share few of them, which is
 *       what keeps hard negatives apart and keeps unrelated articles out of each other's LSH buckets.</li>
 * </ul>
 *
 * <p>Two kinds of sketch, each where it serves best:
 * <ul>
 *   <li>One-permutation MinHash with optimal densification (Shrivastava, ICML 2017) for the LSH bands
 *       (text and names) and for the copy test (text): each element is hashed once, its high 32 bits pick
 *       a bucket and its low 32 bits compete for that bucket's minimum; an empty bucket borrows the minimum
 *       of the first non-empty bucket on its own fixed pseudo-random probe sequence. Two sets agree on a
 *       component with probability equal to their Jaccard similarity, as with k hash functions, for one
 *       hash per element instead of k. A component is a hash of the bucket's minimum and its own index,
 *       so a densified minimum copied into many components does not make two tiny unrelated sets agree
 *       on all of them at once. Kept with 16 bits (enough for band keys), compared with 8.</li>
 *   <li>Bottom-k sketches (the k smallest element hashes, 16 bits of each kept) for words and names: the
 *       story decision rests on small similarities (0.1 to 0.4) of small sets (ten to a few hundred
 *       elements), where a bottom-k sketch is exact for a set of up to k elements and estimates without
 *       replacement beyond, while MinHash components of a small set repeat few distinct minima and scatter
 *       the estimate by several points.</li>
 * </ul>
 * Tokens are hashed straight from the characters (no strings, no token arrays), so computing a
 * fingerprint allocates only its result.
 */
record Fingerprint(long at, char[] text, char[] names, char[] wordSet, char[] nameSet, int[] about) {
    static final int TEXT_COMPONENTS = 63;
    static final int TEXT_ROWS = 3;
    static final int TEXT_BANDS = TEXT_COMPONENTS / TEXT_ROWS;
    static final int NAME_COMPONENTS = 64;
    static final int NAME_ROWS = 2;
    static final int NAME_BANDS = NAME_COMPONENTS / NAME_ROWS;
    /** Elements kept of the content words and of the names. */
    static final int WORD_SET = 96;
    static final int NAME_SET = 48;

    /**
     * Longs per article in the index: the text components with 8 bits (64 bytes, the last one unused), then
     * the name components with 8 bits (64 bytes). Two cache lines; the name bytes let a look-up check that
     * an article found in a name bucket shares that band ({@link #sameBand}).
     */
    static final int PACKED_LONGS = 16;
    private static final int TEXT_LONGS = 8;
    private static final int NAME_BYTES = 8 * TEXT_LONGS;

    /** First byte of the stored form; a stored signature of another version is recomputed from its article. */
    static final byte FORMAT = 3;
    private static final int FIXED_BYTES = 1 + 8 + 2 * TEXT_COMPONENTS + 2 * NAME_COMPONENTS + 2;

    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "this", "from", "its",
            "but", "not", "they", "their", "which", "said", "says", "will", "would", "been", "also", "after", "into",
            "than", "more", "about", "over", "who", "what", "when", "where", "there", "them", "his", "her", "she",
            "him", "our", "out", "one", "two", "new", "last", "year", "week", "could", "can", "all", "some", "other",
            "most", "such", "only", "any", "while", "since", "because", "told", "being", "a", "an", "of", "in", "on",
            "at", "to", "by", "as", "or", "is", "be", "it", "he", "we", "you", "i", "up", "so", "no", "if", "do",
            "did", "does", "may", "might", "should", "must", "then", "these", "those", "here", "how", "why", "yes",
            "per", "via", "very", "just", "many", "much", "still", "yet", "before", "during", "between", "under",
            "again", "against", "both", "each", "own", "same", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "mr", "mrs", "ms", "dr", "according",
            "added", "say", "saying", "people", "time");

    /** Capitalised words that open clauses rather than name anything. */
    private static final Set<String> NOT_NAMES = Set.of("the", "a", "an", "it", "he", "she", "they", "we", "i",
            "this", "that", "there", "in", "on", "at", "but", "and", "as", "for", "after", "before", "when", "while",
            "if", "his", "her", "their", "our", "its", "some", "one", "two", "according", "mr", "mrs", "ms", "dr");

    static Fingerprint of(Article article) {
        // A sketch holds scratch state: one per thread keeps fingerprinting allocation-free and thread-safe.
        Sketch s = SKETCHES.get();
        s.reset();
        if (article.title() != null) s.scan(article.title());
        s.sentenceStart = true;
        if (article.text() != null) s.scan(article.text());
        s.finish(article.id().hashCode());
        return new Fingerprint(article.effectivePublished().instant().toEpochMilli(),
                s.text.components16(), s.names.components16(), s.wordSet.sketch(), s.nameSet.sketch(), about(article));
    }

    private static final ThreadLocal<Sketch> SKETCHES = ThreadLocal.withInitial(Sketch::new);

    private static int[] about(Article article) {
        int n = 0;
        for (ConceptTag c : article.concepts()) if (c.isAbout()) n++;
        if (n == 0) return NO_CONCEPTS;
        int[] out = new int[n];
        n = 0;
        for (ConceptTag c : article.concepts()) if (c.isAbout()) out[n++] = c.conceptId().hashCode();
        Arrays.sort(out);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || out[i] != out[i - 1]) out[distinct++] = out[i];
        return distinct == n ? out : Arrays.copyOf(out, distinct);
    }

    private static final int[] NO_CONCEPTS = new int[0];

    /** The stored form: format, time, 16-bit components, the two bottom-k sets, concept hashes. */
    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(FIXED_BYTES + 2 * (wordSet.length + nameSet.length) + 4 * about.length);
        b.put(FORMAT).putLong(at);
        for (char c : text) b.putChar(c);
        for (char c : names) b.putChar(c);
        b.put((byte) wordSet.length).put((byte) nameSet.length);
        for (char c : wordSet) b.putChar(c);
        for (char c : nameSet) b.putChar(c);
        for (int c : about) b.putInt(c);
        return b.array();
    }

    /** Reads the stored form; empty when it is of another format (the caller recomputes it). */
    static Optional<Fingerprint> fromBytes(byte[] stored) {
        if (stored == null || stored.length < FIXED_BYTES || stored[0] != FORMAT) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(stored, 1, stored.length - 1);
        long at = b.getLong();
        char[] text = new char[TEXT_COMPONENTS];
        for (int i = 0; i < text.length; i++) text[i] = b.getChar();
        char[] names = new char[NAME_COMPONENTS];
        for (int i = 0; i < names.length; i++) names[i] = b.getChar();
        char[] wordSet = new char[b.get() & 0xFF];
        char[] nameSet = new char[b.get() & 0xFF];
        int rest = stored.length - FIXED_BYTES - 2 * (wordSet.length + nameSet.length);
        if (rest < 0 || rest % 4 != 0) return Optional.empty();
        for (int i = 0; i < wordSet.length; i++) wordSet[i] = b.getChar();
        for (int i = 0; i < nameSet.length; i++) nameSet[i] = b.getChar();
        int[] about = new int[rest / 4];
        for (int i = 0; i < about.length; i++) about[i] = b.getInt();
        return Optional.of(new Fingerprint(at, text, names, wordSet, nameSet, about));
    }

    /** Writes the text and name components with 8 bits into {@code into} at {@code offset} ({@link #PACKED_LONGS} longs). */
    void pack(long[] into, int offset) {
        Arrays.fill(into, offset, offset + PACKED_LONGS, 0L);
        for (int i = 0; i < text.length; i++) into[offset + (i >>> 3)] |= (text[i] & 0xFFL) << ((i & 7) << 3);
        for (int i = 0; i < names.length; i++) {
            int at = NAME_BYTES + i;
            into[offset + (at >>> 3)] |= (names[i] & 0xFFL) << ((at & 7) << 3);
        }
    }

    /**
     * Whether two packed signatures agree on the 8 bits kept of each component of a band: {@code band} below
     * {@link #TEXT_BANDS} is a copy band, above it name band {@code band - TEXT_BANDS}. Articles filed under
     * one band key always agree; others that a bucket's check bits let through almost never do.
     */
    static boolean sameBand(long[] a, int offsetA, long[] b, int offsetB, int band) {
        int from, count;
        if (band < TEXT_BANDS) {
            from = band * TEXT_ROWS;
            count = TEXT_ROWS;
        } else {
            from = NAME_BYTES + (band - TEXT_BANDS) * NAME_ROWS;
            count = NAME_ROWS;
        }
        for (int i = from; i < from + count; i++) {
            int word = i >>> 3, shift = (i & 7) << 3;
            if (((a[offsetA + word] ^ b[offsetB + word]) >>> shift & 0xFF) != 0) return false;
        }
        return true;
    }

    long[] packed() {
        long[] out = new long[PACKED_LONGS];
        pack(out, 0);
        return out;
    }

    /** Copy band keys: three 16-bit components each, all time. */
    long textBand(int band) {
        int r = band * TEXT_ROWS;
        return mix(((long) band << 48 | (long) text[r] << 32 | (long) text[r + 1] << 16 | text[r + 2]) + BAND_SALT);
    }

    /** Event band keys: two 16-bit components each, within one {@code period} (see {@link StoryAssigner}). */
    long nameBand(int band, long period) {
        int r = band * NAME_ROWS;
        return mix(((long) band << 32 | (long) names[r] << 16 | names[r + 1]) ^ (period * 0x9E3779B97F4A7C15L));
    }

    private static final long BAND_SALT = 0x632BE59BD9B4E019L;

    /** Estimated share of word 3-shingles from packed 8-bit text components. */
    static double sameText(long[] a, int offsetA, long[] b, int offsetB) {
        int same = 0;
        for (int i = 0; i < TEXT_LONGS; i++) same += equalBytes(a[offsetA + i], b[offsetB + i]);
        // Packing pads the 64th byte with zero in every article: that byte always agrees. Two unrelated
        // 8-bit components agree with probability 1/256: the estimate removes that bias.
        double f = (same - 1) / (double) TEXT_COMPONENTS;
        return Math.max(0, (f - 1.0 / 256) / (1 - 1.0 / 256));
    }

    /**
     * Estimated Jaccard similarity of two sets from their bottom-k sketches (sorted, distinct): of the k
     * smallest elements of the two sketches together, the share that is in both. Exact when both sets
     * have at most k elements.
     */
    static double sameSet(char[] a, int fromA, int countA, char[] b, int fromB, int countB, int k) {
        int i = fromA, j = fromB, endA = fromA + countA, endB = fromB + countB;
        int taken = 0, both = 0;
        while (taken < k && (i < endA || j < endB)) {
            if (j == endB || (i < endA && a[i] < b[j])) {
                i++;
            } else if (i == endA || b[j] < a[i]) {
                j++;
            } else {
                both++;
                i++;
                j++;
            }
            taken++;
        }
        return taken == 0 ? 0 : (double) both / taken;
    }

    /** How many of the eight bytes of {@code a} and {@code b} are equal (SWAR: one zero test per byte). */
    private static int equalBytes(long a, long b) {
        long x = a ^ b;
        long y = (x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
        return Long.bitCount(~(y | x | 0x7F7F7F7F7F7F7F7FL));
    }

    /** Whether two sorted runs of concept hashes have one in common. */
    static boolean shareAny(int[] a, int fromA, int countA, int[] b, int fromB, int countB) {
        int i = fromA, j = fromB, endA = fromA + countA, endB = fromB + countB;
        while (i < endA && j < endB) {
            if (a[i] == b[j]) return true;
            if (a[i] < b[j]) i++; else j++;
        }
        return false;
    }

    static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return x ^ (x >>> 33);
    }

    private static final long SEED = 1125899906842597L;
    private static final HashSet64 STOP_HASHES = HashSet64.of(STOP);
    private static final HashSet64 NOT_NAME_HASHES = HashSet64.of(NOT_NAMES);

    /** The hash a word gets in every signature; lower-case letters and digits only. */
    static long wordHash(CharSequence lowerCaseWord) {
        long h = SEED;
        for (int k = 0; k < lowerCaseWord.length(); k++) h = 31 * h + lowerCaseWord.charAt(k);
        return mix(h);
    }

    /** A set of word hashes, probed without making a string of each word. */
    private record HashSet64(long[] cells) {
        static HashSet64 of(Set<String> words) {
            long[] cells = new long[Integer.highestOneBit(words.size() * 4) << 1];
            for (String w : words) {
                long h = wordHash(w);
                int i = (int) h & (cells.length - 1);
                while (cells[i] != 0) i = (i + 1) & (cells.length - 1);
                cells[i] = h;
            }
            return new HashSet64(cells);
        }

        boolean contains(long h) {
            for (int i = (int) h & (cells.length - 1); cells[i] != 0; i = (i + 1) & (cells.length - 1)) {
                if (cells[i] == h) return true;
            }
            return false;
        }
    }

    /** One-permutation MinHash of a set of 64-bit element hashes, with optimal densification. */
    private static final class OnePermutation {
        private static final long EMPTY = Long.MAX_VALUE;
        private final long[] min;
        private final long salt;

        OnePermutation(int components, long salt) {
            min = new long[components];
            this.salt = salt;
        }

        void reset() {
            Arrays.fill(min, EMPTY);
        }

        boolean isEmpty() {
            for (long m : min) if (m != EMPTY) return false;
            return true;
        }

        /** Adds an element; {@code x} must be a well-mixed 64-bit hash. */
        void add(long x) {
            int b = bucket(x >>> 32);
            long v = x & 0xFFFFFFFFL;
            if (v < min[b]) min[b] = v;
        }

        private int bucket(long high32) {
            return (int) ((high32 * min.length) >>> 32);
        }

        /** Component i as a 64-bit hash of (the minimum of the bucket it takes, i). */
        private long component(int i) {
            int from = i;
            for (int attempt = 1; min[from] == EMPTY; attempt++) {
                from = bucket(mix(salt + i * 0x9E3779B97F4A7C15L + attempt * 0xC2B2AE3D27D4EB4FL) >>> 32);
            }
            return mix(min[from] | (long) i << 32 | salt << 40);
        }

        char[] components16() {
            char[] out = new char[min.length];
            for (int i = 0; i < out.length; i++) out[i] = (char) component(i);
            return out;
        }


    }

    /**
     * The k smallest distinct element hashes of a set. Elements are collected unsorted and sorted once at
     * the end (or when the buffer fills, which then also sets a bound that turns most later elements away
     * with one comparison): one sort of a few hundred values costs less than keeping k values in order on
     * every insertion.
     */
    private static final class BottomK {
        private final int k;
        private long[] buffer;
        private int size;
        /** Elements at or above this cannot be among the k smallest (known once the buffer has filled). */
        private long bound;
        private boolean sorted;

        BottomK(int k) {
            this.k = k;
            buffer = new long[8 * k];
            scratch = new long[buffer.length];
        }

        void reset() {
            size = 0;
            bound = Long.MAX_VALUE;
            sorted = false;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Adds an element; {@code x} must be a well-mixed 64-bit hash. */
        void add(long x) {
            long v = x >>> 16; // 48 bits, non-negative: ordered as a signed long
            if (v >= bound) return;
            if (size == buffer.length) compact();
            buffer[size++] = v;
            sorted = false;
        }

        /**
         * Sorts, drops repeats and keeps the k smallest. The values are uniform 48-bit hashes: distributed by
         * their top 8 bits into 256 runs in order (one counting pass, one placing pass), a run holds one or two
         * values, so sorting each run by insertion and reading runs until k are kept costs a few operations
         * per value, where a general sort cost a quarter of placing an article.
         */
        private void compact() {
            int[] end = runEnds;
            Arrays.fill(end, 0);
            for (int i = 0; i < size; i++) end[(int) (buffer[i] >>> 40)]++;
            for (int r = 1; r < RUNS; r++) end[r] += end[r - 1];
            // Placed from the back so each run's values keep their order and end[r] ends as run r's start.
            for (int i = size - 1; i >= 0; i--) scratch[--end[(int) (buffer[i] >>> 40)]] = buffer[i];
            int n = 0;
            for (int r = 0; r < RUNS && n < k; r++) {
                int from = end[r], to = r + 1 < RUNS ? end[r + 1] : size;
                if (to - from > 16) {
                    Arrays.sort(scratch, from, to);
                } else {
                    for (int i = from + 1; i < to; i++) {
                        long v = scratch[i];
                        int j = i - 1;
                        while (j >= from && scratch[j] > v) {
                            scratch[j + 1] = scratch[j];
                            j--;
                        }
                        scratch[j + 1] = v;
                    }
                }
                for (int i = from; i < to && n < k; i++) if (n == 0 || buffer[n - 1] != scratch[i]) buffer[n++] = scratch[i];
            }
            size = n;
            if (n == k) bound = buffer[k - 1];
            sorted = true;
        }

        private static final int RUNS = 256;
        private final int[] runEnds = new int[RUNS];
        private final long[] scratch;

        /** The top 16 bits of each kept hash, ascending and distinct. */
        char[] sketch() {
            if (!sorted) compact();
            char[] out = new char[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                char c = (char) (buffer[i] >>> 32);
                if (n == 0 || out[n - 1] != c) out[n++] = c;
            }
            return n == size ? out : Arrays.copyOf(out, n);
        }
    }

    private static final byte WORD = 1, DIGIT = 2, UPPER = 4;
    /** Character classes of ASCII, so the common case needs no {@code Character} look-ups. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) ASCII[c] = WORD;
        for (char c = 'A'; c <= 'Z'; c++) ASCII[c] = WORD | UPPER;
        for (char c = '0'; c <= '9'; c++) ASCII[c] = WORD | DIGIT;
    }

    private static boolean isWordChar(char c) {
        return c < 128 ? ASCII[c] != 0 : Character.isLetterOrDigit(c);
    }

    /**
     * Words of a text hashed one by one and fed straight into the three signatures. A word is a run of
     * letters and digits, joined across an apostrophe or hyphen, and across a comma or full stop between
     * digits (so "1,200" and "2.5" stay one word).
     */
    private static final class Sketch {
        final OnePermutation text = new OnePermutation(TEXT_COMPONENTS, 1);
        final OnePermutation names = new OnePermutation(NAME_COMPONENTS, 3);
        final BottomK wordSet = new BottomK(WORD_SET);
        final BottomK nameSet = new BottomK(NAME_SET);
        boolean sentenceStart;
        int tokens;
        long previous, beforePrevious;
        /** The words of a text too short for one shingle, folded into one element. */
        long short3;

        void reset() {
            text.reset();
            names.reset();
            wordSet.reset();
            nameSet.reset();
            sentenceStart = true;
            tokens = 0;
            short3 = 0x9E3779B97F4A7C15L;
        }

        void scan(String s) {
            int n = s.length();
            for (int i = 0; i < n; ) {
                char c = s.charAt(i);
                if (!isWordChar(c)) {
                    if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == '"' || c == '\u201C') sentenceStart = true;
                    i++;
                    continue;
                }
                boolean capital = c < 128 ? (ASCII[c] & UPPER) != 0 : Character.isUpperCase(c);
                long h = SEED, beforeLast = SEED;
                char last = 0, secondLast = 0;
                int len = 0;
                boolean digits = true;
                while (i < n) {
                    char ch = s.charAt(i);
                    if (ch < 128 && ASCII[ch] != 0) {
                        char lower = (char) (ch | ((ASCII[ch] & UPPER) << 3));
                        beforeLast = h;
                        h = 31 * h + lower;
                        secondLast = last;
                        last = lower;
                        len++;
                        if ((ASCII[ch] & DIGIT) == 0) digits = false;
                        i++;
                    } else if (ch >= 128 && Character.isLetterOrDigit(ch)) {
                        char lower = Character.toLowerCase(ch);
                        beforeLast = h;
                        h = 31 * h + lower;
                        secondLast = last;
                        last = lower;
                        len++;
                        if (!Character.isDigit(ch)) digits = false;
                        i++;
                    } else if (i + 1 < n && isWordChar(s.charAt(i + 1))
                            && (ch == '\'' || ch == '\u2019' || ch == '-'
                            || ((ch == ',' || ch == '.') && Character.isDigit(s.charAt(i - 1)) && Character.isDigit(s.charAt(i + 1))))) {
                        i++;
                    } else {
                        break;
                    }
                }
                add(mix(h), len, last == 's' && secondLast != 's', beforeLast, capital, digits);
                sentenceStart = false;
            }
        }

        private void add(long h, int len, boolean plural, long withoutLast, boolean capital, boolean digits) {
            if (tokens < 3) short3 = mix(short3 ^ h);
            if (++tokens >= 3) text.add(mix(beforePrevious * 0x9E3779B97F4A7C15L + previous * 0xC2B2AE3D27D4EB4FL + h));
            beforePrevious = previous;
            previous = h;
            if (len >= 3 && !STOP_HASHES.contains(h)) wordSet.add(len > 4 && plural ? mix(withoutLast) : h);
            if ((digits && len >= 2) || (capital && !sentenceStart && !NOT_NAME_HASHES.contains(h))) {
                names.add(h);
                nameSet.add(h);
            }
        }

        void finish(int articleKey) {
            if (tokens < 3) text.add(short3);
            if (wordSet.isEmpty()) wordSet.add(mix(1));
            // No names: an element of this article alone, so two articles without names do not agree.
            if (nameSet.isEmpty()) {
                names.add(mix(articleKey));
                nameSet.add(mix(articleKey));
            }
        }
    }
}
