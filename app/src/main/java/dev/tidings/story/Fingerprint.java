package dev.tidings.story;

import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHasher;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;

import java.util.Arrays;
import java.util.Set;

/**
 * What the story index keeps of one article: three MinHash signatures, its time and its central concepts.
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
 * <p>Signatures are SuperMinHash, computed with 32-bit components (the band keys need the full width)
 * and stored with 8 bits each: at 8 bits two unrelated components agree with probability 1/256, a bias
 * {@link #similarity} removes, and an article costs 256 bytes of signatures instead of 1 KiB.
 */
record Fingerprint(long at, byte[] text, byte[] words, byte[] names, int[] about, long[] textBands, long[] nameBands) {
    static final int TEXT_COMPONENTS = 63;
    static final int TEXT_ROWS = 3;
    static final int WORD_COMPONENTS = 128;
    static final int NAME_COMPONENTS = 64;
    static final int NAME_ROWS = 2;

    private static final SimilarityHashPolicy TEXT = SimilarityHashing.superMinHash(TEXT_COMPONENTS, 32);
    private static final SimilarityHashPolicy WORDS = SimilarityHashing.superMinHash(WORD_COMPONENTS, 32);
    private static final SimilarityHashPolicy NAMES = SimilarityHashing.superMinHash(NAME_COMPONENTS, 32);

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
        String s = article.title() + ".\n" + article.text();
        Tokens t = Tokens.of(s);
        long[] shingles = new long[Math.max(1, t.size - 2)];
        if (t.size < 3) {
            long h = 0x9E3779B97F4A7C15L;
            for (int i = 0; i < t.size; i++) h = mix(h ^ t.hash[i]);
            shingles[0] = h;
        } else {
            for (int i = 0; i + 2 < t.size; i++) shingles[i] = mix(t.hash[i] * 31 + mix(t.hash[i + 1] * 17 + t.hash[i + 2]));
        }
        long[] words = new long[t.size];
        long[] names = new long[t.size];
        int nw = 0, nn = 0;
        for (int i = 0; i < t.size; i++) {
            if (t.content[i]) words[nw++] = t.stem[i];
            if (t.name[i]) names[nn++] = t.hash[i];
        }
        if (nw == 0) words[nw++] = 1;
        if (nn == 0) names[nn++] = article.id().hashCode();
        long at = article.effectivePublished().instant().toEpochMilli();
        byte[] text = compute(TEXT, shingles, shingles.length);
        byte[] nameSig = compute(NAMES, names, nn);
        return new Fingerprint(at, narrow(TEXT, text), narrow(WORDS, compute(WORDS, words, nw)), narrow(NAMES, nameSig),
                about(article), bands(TEXT, text, TEXT_ROWS, 1), bands(NAMES, nameSig, NAME_ROWS, 2));
    }

    private static byte[] compute(SimilarityHashPolicy policy, long[] values, int n) {
        // A hasher holds scratch state: one per thread keeps fingerprinting allocation-light and thread-safe.
        SimilarityHasher hasher = HASHERS.get()[policy == TEXT ? 0 : policy == WORDS ? 1 : 2];
        return hasher.compute(ElementHashProvider.ofFunction(i -> values[i], n));
    }

    private static final ThreadLocal<SimilarityHasher[]> HASHERS = ThreadLocal.withInitial(() ->
            new SimilarityHasher[] {TEXT.createHasher(), WORDS.createHasher(), NAMES.createHasher()});

    private static byte[] narrow(SimilarityHashPolicy policy, byte[] sig) {
        byte[] out = new byte[policy.getNumberOfComponents()];
        for (int i = 0; i < out.length; i++) out[i] = (byte) policy.getComponent(sig, i);
        return out;
    }

    private static long[] bands(SimilarityHashPolicy policy, byte[] sig, int rows, long salt) {
        long[] keys = new long[policy.getNumberOfComponents() / rows];
        for (int b = 0; b < keys.length; b++) {
            long h = salt * 0x632BE59BD9B4E019L + b;
            for (int r = 0; r < rows; r++) h = mix(h * 0x9E3779B97F4A7C15L + policy.getComponent(sig, b * rows + r));
            keys[b] = h;
        }
        return keys;
    }

    private static int[] about(Article article) {
        return article.concepts().stream().filter(ConceptTag::isAbout)
                .mapToInt(c -> c.conceptId().hashCode()).distinct().sorted().toArray();
    }

    /** Estimated Jaccard similarity of the sets behind two 8-bit signatures. */
    static double similarity(byte[] a, byte[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) if (a[i] == b[i]) same++;
        double f = (double) same / a.length;
        return Math.max(0, (f - 1.0 / 256) / (1 - 1.0 / 256));
    }

    static int shared(int[] a, int[] b) {
        int i = 0, j = 0, n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) { n++; i++; j++; } else if (a[i] < b[j]) i++; else j++;
        }
        return n;
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

    /**
     * Words of a text as hashes, with the flags the three signatures need; one pass, no strings. A word is
     * a run of letters and digits, joined across an apostrophe or hyphen, and across a comma or full stop
     * between digits (so "1,200" and "2.5" stay one word).
     */
    private static final class Tokens {
        long[] hash = new long[512];
        long[] stem = new long[512];
        boolean[] content = new boolean[512];
        boolean[] name = new boolean[512];
        int size;

        static Tokens of(String s) {
            Tokens t = new Tokens();
            boolean sentenceStart = true;
            int n = s.length();
            for (int i = 0; i < n; ) {
                char c = s.charAt(i);
                if (!Character.isLetterOrDigit(c)) {
                    if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == '"' || c == '\u201C') sentenceStart = true;
                    i++;
                    continue;
                }
                boolean capital = Character.isUpperCase(c);
                long h = SEED, beforeLast = SEED;
                char last = 0, secondLast = 0;
                int len = 0;
                boolean digits = true;
                while (i < n) {
                    char ch = s.charAt(i);
                    if (Character.isLetterOrDigit(ch)) {
                        char lower = Character.toLowerCase(ch);
                        beforeLast = h;
                        h = 31 * h + lower;
                        secondLast = last;
                        last = lower;
                        len++;
                        if (!Character.isDigit(ch)) digits = false;
                        i++;
                    } else if (i + 1 < n && Character.isLetterOrDigit(s.charAt(i + 1))
                            && (ch == '\'' || ch == '\u2019' || ch == '-'
                            || ((ch == ',' || ch == '.') && Character.isDigit(s.charAt(i - 1)) && Character.isDigit(s.charAt(i + 1))))) {
                        i++;
                    } else {
                        break;
                    }
                }
                t.add(mix(h), mix(beforeLast), len, last == 's' && secondLast != 's', capital, digits, sentenceStart);
                sentenceStart = false;
            }
            return t;
        }

        private void add(long h, long withoutLast, int len, boolean plural, boolean capital, boolean digits,
                         boolean sentenceStart) {
            if (size == hash.length) grow();
            hash[size] = h;
            boolean stop = STOP_HASHES.contains(h);
            content[size] = !stop && len >= 3;
            stem[size] = content[size] && len > 4 && plural ? withoutLast : h;
            name[size] = (digits && len >= 2) || (capital && !sentenceStart && !NOT_NAME_HASHES.contains(h));
            size++;
        }

        private void grow() {
            int m = hash.length * 2;
            hash = Arrays.copyOf(hash, m);
            stem = Arrays.copyOf(stem, m);
            content = Arrays.copyOf(content, m);
            name = Arrays.copyOf(name, m);
        }
    }
}
