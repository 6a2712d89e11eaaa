package dev.tidings.match;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers for the (field, term) pairs and the (field, prefix) pairs that registered searches use, so
 * the matcher's hot loops index arrays instead of hashing strings: postings by number, and an
 * article's terms as marks in an array. Terms and prefixes share one range of numbers (so one postings
 * array holds both). Numbers are never reused; a term no search uses any more keeps its number (a few
 * bytes).
 *
 * <p>Looked up by characters, as an article's terms come out of analysis, with no string made: an
 * open-addressing table over {@link #hash}es, behind a bit filter that answers most look-ups of terms
 * no search uses (nearly every word of an article) without touching the table.
 * Not thread-safe: written under the matcher's write lock, read under its read lock.
 */
final class TermIds {
    static final int ABSENT = -1;
    /** Prefixes are kept as terms of these pseudo-fields: field + {@code PREFIXES}. */
    private static final int PREFIXES = ArticleTerms.FIELDS.size();
    /**
     * The pseudo-field of <em>words</em>: a term of it is in an article when the article's title, text
     * or label holds it, which is what a plain word of a search asks (one number instead of three).
     */
    static final int WORDS = 2 * PREFIXES;

    /**
     * Open addressing, {@link #CELL} ints a cell: hash, field, length, number + 1 (0 for a free cell),
     * where the characters start in {@link #chars}; all a probe compares is in one cache line.
     */
    private int[] table = new int[CELL << 12];
    private static final int CELL = 8;
    /** One bit per (field, hash) class, set when some numbered pair falls in it. */
    private long[] filter = new long[1 << 10];
    private char[] chars = new char[1 << 14];
    private int charsUsed;
    private int next;
    private final int[] perField = new int[WORDS + 1];
    /**
     * The same numbers by string, for registering: searches come as strings (the same few hundred
     * thousand again and again, their hashes cached), articles as characters.
     */
    @SuppressWarnings("unchecked")
    private final Map<String, Integer>[] byText = new Map[WORDS + 1];

    TermIds() {
        for (int i = 0; i < byText.length; i++) byText[i] = new HashMap<>();
    }
    private final int[] longestPrefix = new int[PREFIXES];
    /** Bit n set when some prefix of the field is n + 1 characters long (longer ones: bit 63). */
    private final long[] prefixLengths = new long[PREFIXES];

    /** The hash a term's characters are looked up by; callers may work it out as they read them. */
    static int hash(char[] text, int start, int length) {
        int h = 0;
        for (int i = start, end = start + length; i < end; i++) h = 31 * h + text[i];
        return h;
    }

    /** The term's number, given one if it has none. */
    int add(int field, String term) {
        Integer id = byText[field].get(term);
        if (id != null) return id;
        int n = number(field, term.toCharArray());
        byText[field].put(term, n);
        return n;
    }

    /** The term's number, or {@link #ABSENT} when no search ever used it. */
    int get(int field, String term) {
        Integer id = byText[field].get(term);
        return id == null ? ABSENT : id;
    }

    /** The number of the term made of {@code length} characters of {@code text} at {@code start}; {@code hash} as {@link #hash} gives. */
    int get(int field, char[] text, int start, int length, int hash) {
        int h = mix(field, hash);
        long[] bits = filter;
        if ((bits[(h >>> 6) & (bits.length - 1)] & (1L << h)) == 0) return ABSENT;
        int[] cells = table;
        int mask = cells.length - 1;
        for (int at = (h * CELL) & mask; cells[at + 3] != 0; at = (at + CELL) & mask) {
            if (cells[at] == hash && cells[at + 1] == field && cells[at + 2] == length
                    && Arrays.equals(chars, cells[at + 4], cells[at + 4] + length, text, start, start + length)) {
                return cells[at + 3] - 1;
            }
        }
        return ABSENT;
    }

    /** The prefix's number, given one if it has none. */
    int addPrefix(int field, String prefix) {
        int id = add(field + PREFIXES, prefix);
        int length = prefix.length();
        longestPrefix[field] = Math.max(longestPrefix[field], length);
        prefixLengths[field] |= 1L << Math.min(63, length - 1);
        return id;
    }

    /** The prefix's number, or {@link #ABSENT} when no search ever used it. */
    int getPrefix(int field, String prefix) {
        return get(field + PREFIXES, prefix);
    }

    /** The number of the prefix made of characters of {@code text}, as {@link #get(int, char[], int, int, int)}. */
    int getPrefix(int field, char[] text, int start, int length, int hash) {
        return get(field + PREFIXES, text, start, length, hash);
    }

    /** The length of the field's longest numbered prefix; 0 when it has none. */
    int longestPrefix(int field) {
        return longestPrefix[field];
    }

    /** True when a prefix of the field may have this length (a quick test before a look-up). */
    boolean hasPrefixLength(int field, int length) {
        return (prefixLengths[field] & (1L << Math.min(63, length - 1))) != 0;
    }

    /** How many numbers were given: every number is below it. */
    int size() {
        return next;
    }

    /** How many terms of the field have a number (no registered search needs the field's terms when 0). */
    int size(int field) {
        return perField[field];
    }

    private int number(int field, char[] text) {
        int n = next++;
        if (charsUsed + text.length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charsUsed + text.length));
        }
        System.arraycopy(text, 0, chars, charsUsed, text.length);
        int hash = hash(text, 0, text.length);
        perField[field]++;
        if (next * 2 > table.length / CELL) {
            int[] old = table;
            table = new int[old.length * 2];
            filter = new long[table.length / CELL >> 2];
            for (int at = 0; at < old.length; at += CELL) {
                if (old[at + 3] != 0) file(old[at], old[at + 1], old[at + 2], old[at + 3], old[at + 4]);
            }
        }
        file(hash, field, text.length, n + 1, charsUsed);
        charsUsed += text.length;
        return n;
    }

    private void file(int hash, int field, int length, int numberPlusOne, int start) {
        int h = mix(field, hash);
        filter[(h >>> 6) & (filter.length - 1)] |= 1L << h;
        int mask = table.length - 1;
        int at = (h * CELL) & mask;
        while (table[at + 3] != 0) at = (at + CELL) & mask;
        table[at] = hash;
        table[at + 1] = field;
        table[at + 2] = length;
        table[at + 3] = numberPlusOne;
        table[at + 4] = start;
    }

    private static int mix(int field, int hash) {
        int h = (hash + field * 0x61C88647) * 0x9E3779B9;
        return h ^ (h >>> 15);
    }
}
