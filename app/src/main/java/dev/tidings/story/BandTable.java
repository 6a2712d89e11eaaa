package dev.tidings.story;

import java.util.Arrays;

/**
 * LSH buckets: band key → article slots, a multimap in flat int arrays with linear probing.
 *
 * <p>Flat because there is one entry per article and band (about fifty per article, tens of millions for
 * a large archive): boxed maps would cost ten times the memory. A cell is one int: {@link #CHECK_BITS} bits
 * of the band key above the slot. The low 32 bits of the key place it; the check bits turn away most cells
 * of other keys met while probing, and the caller turns away the rest by comparing what it keeps of the two
 * articles' band ({@link StoryAssigner#offer}), so a cell needs no more of the key. Cell 0 is empty (the
 * check bits are never all zero).
 *
 * <p>Since a cell does not hold the bits that placed it, a full table is not rehashed: a new generation,
 * half the size of all before it, takes the new entries, and a look-up reads every generation. A start
 * sizes the first for all stored articles with room to spare, so a running index reads one or two.
 *
 * <p>Look-ups come in batches ({@link #collect(long[], int, int, StoryAssigner)}): the first cell of
 * every key is read before any chain is followed, so the cache misses of one article's fifty look-ups
 * overlap instead of queueing one behind another. Not thread-safe: {@link StoryAssigner} guards it.
 */
final class BandTable {
    static final int SLOT_BITS = 23;
    static final int CHECK_BITS = 32 - SLOT_BITS;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
    private static final double MAX_LOAD = 0.7;

    private int[][] generations;
    private int size;
    private int capacity;
    /** The first cell of each key of a batch, read ahead. */
    private int[] first = new int[128];
    private int[] home = new int[128];

    BandTable(long expected) {
        generations = new int[][] {new int[cellsFor(expected)]};
        capacity = (int) (generations[0].length * MAX_LOAD);
    }

    private BandTable(int[][] generations, int size, int capacity) {
        this.generations = generations;
        this.size = size;
        this.capacity = capacity;
    }

    /**
     * The table as it is now, for the articles in slots below {@code slots}, to be written while it goes on
     * taking entries (the caller holds the index's lock to freeze it, not to write it).
     */
    Frozen freeze(int slots) {
        return new Frozen(generations.clone(), size, capacity, slots);
    }

    /**
     * A table frozen at one moment. Cells are only ever set, never changed, and only in the newest generation,
     * so the generations of that moment read later hold every cell of then, plus perhaps some set since: those
     * of articles filed since (slots at or above {@code slots}) are written as {@link #TOMBSTONE}s, which keep
     * the probe chains whole and match no key; those of an article whose text changed since are its new band
     * entries, which the image files again anyway ({@link StoryAssigner#writeTo}).
     */
    record Frozen(int[][] generations, int size, int capacity, int slots) {
        void writeTo(IndexImage.Out out) throws java.io.IOException {
            out.putInt(size);
            out.putInt(capacity);
            out.putInt(generations.length);
            int[] chunk = new int[1 << 16];
            for (int[] g : generations) {
                out.putInt(g.length);
                for (int from = 0; from < g.length; from += chunk.length) {
                    int n = Math.min(chunk.length, g.length - from);
                    System.arraycopy(g, from, chunk, 0, n);
                    for (int i = 0; i < n; i++) {
                        int c = chunk[i];
                        if (c != 0 && (c & SLOT_MASK) >= slots) chunk[i] = TOMBSTONE;
                    }
                    out.putInts(chunk, n);
                }
            }
        }
    }

    /** An occupied cell that no key's check bits (never zero) match. */
    private static final int TOMBSTONE = 1;

    static BandTable readFrom(IndexImage.In in) throws java.io.IOException {
        int size = in.getInt(), capacity = in.getInt();
        int[][] generations = new int[in.count(4)][];
        if (generations.length == 0) throw new java.io.IOException("story index image is damaged (no band table)");
        for (int i = 0; i < generations.length; i++) {
            generations[i] = new int[in.count(4)];
            if (generations[i].length == 0) throw new java.io.IOException("story index image is damaged (empty band table)");
            in.getInts(generations[i], generations[i].length);
        }
        return new BandTable(generations, size, capacity);
    }

    private static int cellsFor(long entries) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, (long) (entries / MAX_LOAD) + 1));
    }

    void add(long key, int slot) {
        if (size + 1 > capacity) addGeneration();
        int[] cells = generations[generations.length - 1];
        int n = cells.length;
        int i = home(key, n);
        while (cells[i] != 0) i = i + 1 == n ? 0 : i + 1;
        cells[i] = check(key) << SLOT_BITS | slot;
        size++;
    }

    /** Entries the table holds. */
    int size() {
        return size;
    }

    /** Bytes of its cells. */
    long bytes() {
        long cells = 0;
        for (int[] g : generations) cells += g.length;
        return cells * Integer.BYTES;
    }

    private void addGeneration() {
        long all = 0;
        for (int[] g : generations) all += g.length;
        int[] next = new int[cellsFor((long) (all * MAX_LOAD / 2))];
        generations = Arrays.copyOf(generations, generations.length + 1);
        generations[generations.length - 1] = next;
        capacity = size + (int) (next.length * MAX_LOAD);
    }

    /**
     * Hands every slot filed under {@code keys[from..from+count)} whose check bits match to {@code into}, with
     * the key's index, in table order.
     */
    void collect(long[] keys, int from, int count, StoryAssigner into) {
        if (count > first.length) {
            first = new int[count];
            home = new int[count];
        }
        for (int[] cells : generations) {
            int size = cells.length;
            // Independent loads, one per key, so the memory system can serve them together.
            for (int k = 0; k < count; k++) {
                int h = home(keys[from + k], size);
                home[k] = h;
                first[k] = cells[h];
            }
            for (int k = 0; k < count; k++) {
                int check = check(keys[from + k]);
                int c = first[k];
                for (int i = home[k]; c != 0; ) {
                    if (c >>> SLOT_BITS == check) into.hit(c & SLOT_MASK, from + k);
                    i = i + 1 == size ? 0 : i + 1;
                    c = cells[i];
                }
            }
        }
    }

    private static int check(long key) {
        int c = (int) (key >>> 32) & ((1 << CHECK_BITS) - 1);
        return c == 0 ? 1 : c;
    }

    /** Maps the low 32 bits of the key onto [0, cells) by multiplication, which needs no power-of-two size. */
    private static int home(long key, int cells) {
        return (int) ((key & 0xFFFFFFFFL) * cells >>> 32);
    }
}
