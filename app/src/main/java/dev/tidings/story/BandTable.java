package dev.tidings.story;

import java.util.function.IntConsumer;

/**
 * LSH buckets: band key → article slots, a multimap in two flat arrays with linear probing.
 *
 * <p>Flat because there is one entry per article and band (tens per article, tens of millions for a
 * large archive): boxed maps would cost ten times the memory. Keys are 64-bit band hashes; 0 marks
 * an empty cell, so a key of 0 is stored as 1. Not thread-safe: {@link StoryAssigner} guards it.
 */
final class BandTable {
    private long[] keys;
    private int[] slots;
    private int size;

    BandTable(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
        keys = new long[n];
        slots = new int[n];
    }

    void add(long key, int slot) {
        if ((size + 1) * 10L > keys.length * 7L) resize();
        put(nonZero(key), slot);
        size++;
    }

    /** Calls {@code into} for every slot stored under {@code key}. */
    void forEach(long key, IntConsumer into) {
        long k = nonZero(key);
        int mask = keys.length - 1;
        for (int i = (int) Fingerprint.mix(k) & mask; keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == k) into.accept(slots[i]);
        }
    }

    long bytes() {
        return keys.length * 12L;
    }

    private void put(long k, int slot) {
        int mask = keys.length - 1;
        int i = (int) Fingerprint.mix(k) & mask;
        while (keys[i] != 0) i = (i + 1) & mask;
        keys[i] = k;
        slots[i] = slot;
    }

    private void resize() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != 0) put(oldKeys[i], oldSlots[i]);
    }

    private static long nonZero(long key) {
        return key == 0 ? 1 : key;
    }

}
