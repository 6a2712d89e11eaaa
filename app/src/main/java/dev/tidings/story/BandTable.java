package dev.tidings.story;

/**
 * LSH buckets: band key → article slots, a multimap in one flat array with linear probing.
 *
 * <p>Flat because there is one entry per article and band (about fifty per article, tens of millions for
 * a large archive): boxed maps would cost ten times the memory. A cell keeps 32 bits of the 64-bit band
 * key (the other bits place it); a rare false match only adds a candidate, which verification rejects.
 * Key 0 marks an empty cell. Not thread-safe: {@link StoryAssigner} guards it.
 */
final class BandTable {
    private static final double MAX_LOAD = 0.7;
    /** Per cell: 32 key bits above, the slot below; one array so a probe costs one cache miss. */
    private long[] cells;
    private int size;

    BandTable(long expected) {
        cells = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, (long) (expected / MAX_LOAD) + 1))];
    }

    void add(long key, int slot) {
        if (size + 1 > cells.length * MAX_LOAD) resize();
        int k = check(key);
        put(k, home32(k, cells.length), slot);
        size++;
    }

    /** Offers every slot stored under {@code key} to {@code into}; returns the candidate count it gives back. */
    int collect(long key, StoryAssigner into, int n) {
        int k = check(key);
        long[] cells = this.cells;
        int size = cells.length;
        for (int i = home32(k, size); cells[i] != 0; i = i + 1 == size ? 0 : i + 1) {
            if ((int) (cells[i] >>> 32) == k) n = into.offer((int) cells[i], n);
        }
        return n;
    }

    private void put(int k, int home, int slot) {
        int n = cells.length;
        int i = home;
        while (cells[i] != 0) i = i + 1 == n ? 0 : i + 1;
        cells[i] = ((long) k << 32) | (slot & 0xFFFFFFFFL);
    }

    /** Grows by half: a doubling would leave a large archive's table half empty. */
    private void resize() {
        long[] old = cells;
        cells = new long[(int) Math.min(Integer.MAX_VALUE - 8, old.length + (long) old.length / 2)];
        // The home of a stored key is recomputed from the 32 bits kept: homes come from those same bits.
        for (long c : old) {
            if (c != 0) put((int) (c >>> 32), home32((int) (c >>> 32), cells.length), (int) c);
        }
    }

    private static int check(long key) {
        int k = (int) (key >>> 32);
        return k == 0 ? 1 : k;
    }

    /** Maps 32 hash bits onto [0, cells) by multiplication, which needs no power-of-two size. */
    private static int home32(int k, int cells) {
        return (int) (((k * 0x9E3779B9L) & 0xFFFFFFFFL) * cells >>> 32);
    }
}
