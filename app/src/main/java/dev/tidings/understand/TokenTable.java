package dev.tidings.understand;

import java.util.Arrays;

/**
 * An open-addressing hash table from lower-case words to values, looked up by a span of folded
 * text (case kept; compared lower-cased, as {@link Text#lower} does) and the {@link String#hashCode}
 * of the span lower-cased (which {@link Text} computes while it reads the words), so a look-up
 * allocates nothing and, for a word that is not there, usually costs one bit test.
 * The keys' characters lie one after another in one array, so checking a hit reads memory close
 * to what the last hit read. Built once, then read-only: thread-safe once built.
 */
final class TokenTable<V> {
    private int[] hashes = new int[16];
    /** Where slot i's key starts in {@link #pool}, or -1 for an empty slot. */
    private int[] offsets = filled(16);
    private int[] lengths = new int[16];
    private Object[] values = new Object[16];
    private char[] pool = new char[64];
    private int poolSize;
    private int size;
    /**
     * One bit per hash value (other bits of it than the slot index uses), four per slot: most words
     * looked up are not in the table, and this array is small enough to stay in the nearest cache,
     * so a word that is not there is usually turned away without reading the larger slot arrays.
     */
    private long[] filter = new long[1];

    /** The value of this word (lower-case already), or null. */
    V get(String word) {
        return get(word.toCharArray(), 0, word.length(), word.hashCode());
    }

    /**
     * The value of the word at folded[start, end), whose lower-cased form has this hash, or null.
     * A folded span and its lower-cased form agree on lower-case characters, so a lower-case key
     * can be passed as it is.
     */
    @SuppressWarnings("unchecked")
    V get(char[] folded, int start, int end, int hash) {
        int mixed = mix(hash);
        int bit = filterBit(mixed);
        if ((filter[bit >>> 6] & 1L << bit) == 0) return null;
        int mask = hashes.length - 1;
        int length = end - start;
        for (int i = mixed & mask; ; i = (i + 1) & mask) {
            int offset = offsets[i];
            if (offset < 0) return null;
            if (hashes[i] == hash && lengths[i] == length && sameLowered(offset, folded, start, length)) return (V) values[i];
        }
    }

    /** Words are short: a plain loop beats the vectorised comparison's set-up. */
    private boolean sameLowered(int offset, char[] folded, int start, int length) {
        char[] p = pool;
        for (int k = 0; k < length; k++) {
            if (p[offset + k] != Folding.lowerFolded(folded[start + k])) return false;
        }
        return true;
    }

    private boolean same(int offset, char[] chars, int start, int length) {
        char[] p = pool;
        for (int k = 0; k < length; k++) {
            if (p[offset + k] != chars[start + k]) return false;
        }
        return true;
    }

    /** Sets the value of a word (lower-case: nothing else can be found), replacing any earlier one. */
    void put(String word, V value) {
        if ((size + 1) * 4 > hashes.length) grow();
        char[] w = word.toCharArray();
        int hash = word.hashCode();
        int mask = hashes.length - 1;
        int mixed = mix(hash);
        int bit = filterBit(mixed);
        filter[bit >>> 6] |= 1L << bit;
        for (int i = mixed & mask; ; i = (i + 1) & mask) {
            if (offsets[i] < 0) {
                if (poolSize + w.length > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + w.length));
                System.arraycopy(w, 0, pool, poolSize, w.length);
                offsets[i] = poolSize;
                lengths[i] = w.length;
                poolSize += w.length;
                hashes[i] = hash;
                values[i] = value;
                size++;
                return;
            }
            if (hashes[i] == hash && lengths[i] == w.length && same(offsets[i], w, 0, w.length)) {
                values[i] = value;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** Rough heap bytes of the table's arrays, for the memory report. */
    long bytes() {
        return 16L + hashes.length * 4L * 3 + values.length * 4L + pool.length * 2L + filter.length * 8L;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        int[] oldOffsets = offsets;
        int[] oldLengths = lengths;
        Object[] oldValues = values;
        char[] oldPool = pool;
        int capacity = hashes.length * 2;
        hashes = new int[capacity];
        offsets = filled(capacity);
        lengths = new int[capacity];
        values = new Object[capacity];
        pool = new char[oldPool.length];
        filter = new long[capacity * 4 / 64];
        poolSize = 0;
        size = 0;
        for (int i = 0; i < oldOffsets.length; i++) {
            if (oldOffsets[i] >= 0) put(new String(oldPool, oldOffsets[i], oldLengths[i]), (V) oldValues[i]);
        }
    }

    /** The filter bit of a mixed hash: its high bits, which the slot index (its low bits) does not use. */
    private int filterBit(int mixed) {
        return Integer.rotateRight(mixed, 16) & (filter.length * 64 - 1);
    }

    private static int[] filled(int capacity) {
        int[] a = new int[capacity];
        Arrays.fill(a, -1);
        return a;
    }

    /**
     * String hashes of similar words differ in few bits: spread every bit over the index (the
     * finaliser of MurmurHash3). With the table at most a quarter full, a word that is not there
     * usually meets an empty slot at once.
     */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
