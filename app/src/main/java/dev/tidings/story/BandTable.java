package dev.tidings.story;

import java.util.function.IntConsumer;

/**
 * LSH buckets: band key → article slots, a multimap in two flat int arrays with linear probing.
 *
 * <p>Flat because there is one entry per article and band (about fifty per article, tens of millions for
 * a large archive): boxed maps would cost ten times the memory. A cell keeps 32 bits of the 64-bit band
 * key (the other bits place it); a rare false match only adds a candidate, which verification rejects.
 * Key 0 marks an empty cell. Not thread-safe: {@link StoryAssigner} guards it.
 */
final class BandTable {
    private static final double MAX_LOAD = 0.7;
    private int[] keys;
    private int[] slots;
    private int size;

    BandTable(int expected) {
        int cells = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, (long) (expected / MAX_LOAD) + 1));
        keys = new int[cells];
        slots = new int[cells];
    }

    void add(long key, int slot) {
        if (size + 1 > keys.length * MAX_LOAD) resize();
        put(check(key), home(key, keys.length), slot);
        size++;
    }

    /** Calls {@code into} for every slot stored under {@code key}. */
    void forEach(long key, IntConsumer into) {
        int k = check(key);
        int n = keys.length;
        for (int i = home(key, n); keys[i] != 0; i = i + 1 == n ? 0 : i + 1) {
            if (keys[i] == k) into.accept(slots[i]);
        }
    }

    private void put(int k, int home, int slot) {
        int n = keys.length;
        int i = home;
        while (keys[i] != 0) i = i + 1 == n ? 0 : i + 1;
        keys[i] = k;
        slots[i] = slot;
    }

    /** Grows by half: a doubling would leave a large archive's table half empty. */
    private void resize() {
        int[] oldKeys = keys;
        int[] oldSlots = slots;
        int cells = (int) Math.min(Integer.MAX_VALUE - 8, oldKeys.length + (long) oldKeys.length / 2);
        keys = new int[cells];
        slots = new int[cells];
        // The home of a stored key is recomputed from the 32 bits kept: homes come from those same bits.
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) put(oldKeys[i], home32(oldKeys[i], cells), oldSlots[i]);
        }
    }

    private static int check(long key) {
        int k = (int) (key >>> 32);
        return k == 0 ? 1 : k;
    }

    private static int home(long key, int cells) {
        return home32(check(key), cells);
    }

    /** Maps 32 hash bits onto [0, cells) by multiplication, which needs no power-of-two size. */
    private static int home32(int k, int cells) {
        return (int) (((k * 0x9E3779B9L) & 0xFFFFFFFFL) * cells >>> 32);
    }
}
