package dev.tidings.understand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every word the taxonomy looks for, in one table keyed by the word folded and lower-cased: the
 * first words of names ({@link NameMatcher}, with their spellings: "US" starts a name, "us" does
 * not) and of rule terms ({@link TopicTagger}), plus the stems of prefix terms ({@code deport*}),
 * grouped by their first {@link #GATE} letters. Each word of an article is looked up here once, by
 * the hash {@link Text} computed as it read the word, and the matchers then visit only the words
 * {@link Found}: most words start no name and no rule.
 *
 * <p>Laid out for the cache rather than for objects: a word that is not there is usually turned
 * away by one bit of a small filter; a word that is there costs one slot of four ints (hash, where
 * its key lies, its length and spellings, its entry) and the few characters of its key, with its
 * name spellings right behind them. Built once, then read-only: thread-safe.
 */
final class Vocabulary {
    /** Stems are grouped by this many first letters: most words begin no stem's. */
    static final int GATE = 3;
    private static final int GOLDEN = 0x9E3779B9;

    /**
     * The slots of the words, four ints each: hash, offset of the key in {@link #pool},
     * length | spellings << 16 | {@link #CAPITALISED_ONLY}, entry + 1 (0: empty).
     */
    private final int[] slots;
    /**
     * Per slot, the key's last four characters ({@link #tail}): with the hash and the length, they
     * tell a word of up to four characters (most of the words found: "the", "to", "EU") from any
     * other key without reading the key's characters in {@link #pool}, a cache line further away.
     */
    private final long[] tails;
    private final int slotBits;
    /** Eight bits per slot, addressed by the slot's and three more bits of the mixed hash. */
    private final long[] filter;
    /**
     * As {@link #filter}, for the keys a word beginning with a lower-case or uncased character can
     * use: those that start a rule term or have a spelling so beginning. Most words of running text
     * begin lower-case, and "a", "to", "who" start only names written capitalised (A Coruña, WHO).
     */
    private final long[] lowerFilter;
    /** Set in a slot's third int when the key starts no term and every spelling begins with a capital. */
    private static final int CAPITALISED_ONLY = 1 << 31;
    private static final int SPELLINGS = 0x7FFF;
    /** Each key lower-cased, then its case-kept name spellings, each as long as the key. */
    private final char[] pool;
    /** Per entry: the trie node after each of its spellings, in order, from {@code firstNode}; the term slots it starts (empty for none). */
    private final int[] firstNode;
    private final NameMatcher.Node[] nodes;
    private final int[][] termSlots;

    /** The groups of stems by first letters, in slots of four ints: hash of the letters, first stem, stems, group + 1 (0: empty). */
    private final int[] groupSlots;
    private final int groupBits;
    /**
     * One bit per {@link #HEAD_BITS} bits of the mixed hash of a word's first {@link #GATE} letters
     * ({@link Text} has it as it reads the word), set for the groups' letters: most words are turned
     * away here, by a bitmap of 4 KB, before any table is read.
     */
    private final long[] groupFilter = new long[(1 << HEAD_BITS) / 64];
    private static final int HEAD_BITS = 15;
    /** Per group, bit c - 'a' set when a stem's fourth letter is c, bit 63 for any other; all bits for a stem of three letters. */
    private final long[] fourthLetters;
    /** The stems one after another, lower-case without the star; by stem: its offset, length and the term slots it starts. */
    private final char[] stemPool;
    private final int[] stemOffset;
    private final int[] stemLength;
    private final int[][] stemSlots;
    /** Stems shorter than {@link #GATE} (none in the bundled rules) are stems [0, shortStems), tried at every word. */
    private final int shortStems;

    private static final int[] NO_SLOTS = new int[0];

    /**
     * The words of one article the vocabulary has, in text order: word {@code word[i]} is the key in
     * slot {@code slot[i]} (or -1 when it is not a key) and may begin with a stem of the group in
     * group slot {@code group[i]} (or -1), or with a short stem. Slots are read with the
     * {@code vocabulary}'s methods.
     */
    static final class Found {
        final Vocabulary vocabulary;
        int count;
        int[] word;
        int[] slot;
        int[] group;

        /** Room for {@code capacity} words: a fair guess spares growing. */
        private Found(Vocabulary vocabulary, int capacity) {
            this.vocabulary = vocabulary;
            word = new int[capacity];
            slot = new int[capacity];
            group = new int[capacity];
        }

        private void add(int k, int s, int g) {
            if (count == word.length) {
                word = Arrays.copyOf(word, count * 2);
                slot = Arrays.copyOf(slot, count * 2);
                group = Arrays.copyOf(group, count * 2);
            }
            word[count] = k;
            slot[count] = s;
            group[count] = g;
            count++;
        }
    }

    /**
     * @param nameStarts the first words of names, folded with case kept, and the trie node after each
     * @param termStarts the first words of rule terms, lower-case, and the slots of the terms they start
     * @param stems      the stems (lower-case, without the star) that prefix terms start with, and their slots
     */
    Vocabulary(Map<String, NameMatcher.Node> nameStarts, Map<String, int[]> termStarts, Map<String, int[]> stems) {
        // key → its spellings and the nodes after them, and its term slots; sorted so the layout does not depend on hash order
        Map<String, Map<String, NameMatcher.Node>> spellings = new TreeMap<>();
        nameStarts.forEach((form, node) -> spellings.computeIfAbsent(lowered(form), k -> new TreeMap<>()).put(form, node));
        Map<String, int[]> terms = new TreeMap<>(termStarts);
        List<String> keys = new ArrayList<>(spellings.keySet());
        for (String t : terms.keySet()) if (!spellings.containsKey(t)) keys.add(t);

        slotBits = bitsFor(keys.size() * 2);
        slots = new int[4 << slotBits];
        tails = new long[1 << slotBits];
        filter = new long[Math.max(1, (8 << slotBits) / 64)];
        lowerFilter = new long[filter.length];
        firstNode = new int[keys.size()];
        termSlots = new int[keys.size()][];
        List<NameMatcher.Node> nodeList = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        for (int e = 0; e < keys.size(); e++) {
            String key = keys.get(e);
            Map<String, NameMatcher.Node> forms = spellings.getOrDefault(key, Map.of());
            int offset = chars.length();
            chars.append(key);
            firstNode[e] = nodeList.size();
            forms.forEach((form, node) -> {
                chars.append(form);
                nodeList.add(node);
            });
            termSlots[e] = terms.getOrDefault(key, NO_SLOTS);
            boolean capitalisedOnly = termSlots[e].length == 0
                    && forms.keySet().stream().noneMatch(form -> beginsUncapitalised(form.toCharArray(), 0));
            int hash = key.hashCode();
            int s = place(slots, slotBits, filter, hash);
            if (!capitalisedOnly) place(slots, slotBits, lowerFilter, hash);
            tails[s] = tail(key.toCharArray(), 0, key.length());
            slots[4 * s] = hash;
            slots[4 * s + 1] = offset;
            slots[4 * s + 2] = key.length() | forms.size() << 16 | (capitalisedOnly ? CAPITALISED_ONLY : 0);
            slots[4 * s + 3] = e + 1;
        }
        pool = chars.toString().toCharArray();
        nodes = nodeList.toArray(NameMatcher.Node[]::new);

        // short stems first, then the gated ones group by group
        Map<String, List<String>> groups = new TreeMap<>();
        List<String> ordered = new ArrayList<>();
        new TreeMap<>(stems).keySet().forEach(stem -> {
            if (stem.length() < GATE) ordered.add(stem);
            else groups.computeIfAbsent(stem.substring(0, GATE), k -> new ArrayList<>()).add(stem);
        });
        shortStems = ordered.size();
        groups.values().forEach(ordered::addAll);
        stemOffset = new int[ordered.size()];
        stemLength = new int[ordered.size()];
        stemSlots = new int[ordered.size()][];
        StringBuilder stemChars = new StringBuilder();
        for (int i = 0; i < ordered.size(); i++) {
            stemOffset[i] = stemChars.length();
            stemLength[i] = ordered.get(i).length();
            stemSlots[i] = stems.get(ordered.get(i));
            stemChars.append(ordered.get(i));
        }
        stemPool = stemChars.toString().toCharArray();
        groupBits = bitsFor(groups.size() * 2);
        groupSlots = new int[4 << groupBits];
        fourthLetters = new long[groups.size()];
        int first = shortStems;
        int g = 0;
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            long letters = 0;
            for (String stem : group.getValue()) letters |= stem.length() == GATE ? -1L : letterBit(stem.charAt(GATE));
            fourthLetters[g] = letters;
            int hash = group.getKey().hashCode();
            int headBit = hash * GOLDEN >>> (32 - HEAD_BITS);
            groupFilter[headBit >>> 6] |= 1L << headBit;
            int s = place(groupSlots, groupBits, null, hash);
            groupSlots[4 * s] = hash;
            groupSlots[4 * s + 1] = first;
            groupSlots[4 * s + 2] = group.getValue().size();
            groupSlots[4 * s + 3] = g + 1;
            first += group.getValue().size();
            g++;
        }
    }

    /** Bits of a table with room for {@code n} slots, at least 4. */
    private static int bitsFor(int n) {
        int bits = 4;
        while (1 << bits < n) bits++;
        return bits;
    }

    /** A free slot for the hash (keys are distinct), its filter bit set. */
    private static int place(int[] table, int bits, long[] filter, int hash) {
        int mixed = hash * GOLDEN;
        if (filter != null) {
            int bit = mixed >>> (32 - bits - 3);
            filter[bit >>> 6] |= 1L << bit;
        }
        int mask = (1 << bits) - 1;
        for (int s = mixed >>> (32 - bits); ; s = (s + 1) & mask) {
            if (table[4 * s + 3] == 0) return s;
        }
    }

    private static long letterBit(char c) {
        return c >= 'a' && c <= 'z' ? 1L << (c - 'a') : 1L << 63;
    }

    /** Lower-cased a character at a time, as {@link Text} hashes words (not {@link String#toLowerCase}, which may change the length). */
    private static String lowered(String folded) {
        char[] c = folded.toCharArray();
        for (int i = 0; i < c.length; i++) c[i] = Folding.lowerFolded(c[i]);
        return new String(c);
    }

    /**
     * The last four characters of chars[start, end) lower-cased, sixteen bits each, the last in the
     * low bits: what {@link Text} accumulates as it reads a word.
     */
    static long tail(char[] chars, int start, int end) {
        long tail = 0;
        for (int i = Math.max(start, end - 4); i < end; i++) tail = tail << 16 | Folding.lowerFolded(chars[i]);
        return tail;
    }

    /** True when folded[at] is not a capital: a lower-case letter, a digit, an uncased letter. */
    private static boolean beginsUncapitalised(char[] folded, int at) {
        return Folding.lowerFolded(folded[at]) == folded[at];
    }

    /** The words of the text that are in the vocabulary or may begin with one of its stems. */
    Found find(Text text) {
        return find(text, null);
    }

    /**
     * As {@link #find(Text)}, into {@code reused} (emptied first) when this vocabulary made it, else
     * into a new one. The result is valid until the next call with the same {@code reused}. The
     * tagging stage does not call this: {@link Text} looks each word up as it reads it.
     */
    Found find(Text text, Found reused) {
        Found found = found(reused, text.words);
        char[] folded = text.foldedChars;
        for (int k = 0; k < text.words; k++) {
            int start = text.wordStart[k];
            int end = text.wordEnd[k];
            int head = 0;
            for (int i = start; i < end && i < start + GATE; i++) head = 31 * head + Folding.lowerFolded(folded[i]);
            look(found, k, folded, start, end, text.wordHash[k], tail(folded, start, end), head, beginsUncapitalised(folded, start));
        }
        return found;
    }

    /** {@code reused}, emptied, when this vocabulary made it; else a new Found with room for about the words of {@code words}. */
    Found found(Found reused, int words) {
        if (reused != null && reused.vocabulary == this) {
            reused.count = 0;
            return reused;
        }
        // about two words in five of news text start a name or a term somewhere (many of them "the", "a")
        return new Found(this, words / 2 + 16);
    }

    /**
     * Adds word {@code k}, at folded[start, end), to {@code found} if the vocabulary has it or one of
     * its stems may begin it. Called for every word, in text order, with what {@link Text} gathered
     * as it read the word, all of the word folded and lower-cased: its {@link String#hashCode}
     * ({@link Text#wordHash}), its {@link #tail}, the hash code of its first {@link #GATE}
     * characters when it has as many, and whether its first character is not a capital.
     */
    void look(Found found, int k, char[] folded, int start, int end, int hash, long tail, int head, boolean uncapitalised) {
        int mixed = hash * GOLDEN;
        int bit = mixed >>> (32 - slotBits - 3);
        long[] f = uncapitalised ? lowerFilter : filter;
        int slot = (f[bit >>> 6] & 1L << bit) == 0 ? -1 : slot(mixed >>> (32 - slotBits), hash, tail, folded, start, end, uncapitalised);
        int headBit = head * GOLDEN >>> (32 - HEAD_BITS);
        int group = end - start < GATE || (groupFilter[headBit >>> 6] & 1L << headBit) == 0 ? -1 : group(head, folded, start, end);
        if (slot >= 0 || group >= 0 || shortStems > 0 && beginsShort(folded, start, end)) found.add(k, slot, group);
    }

    /**
     * The slot of the word at folded[start, end) with this hash, from its first possible slot on, or
     * -1; -1 too for an uncapitalised word whose key only starts capitalised names (it can start nothing).
     */
    private int slot(int s, int hash, long tail, char[] folded, int start, int end, boolean uncapitalised) {
        int[] table = slots;
        int mask = (1 << slotBits) - 1;
        int length = end - start;
        for (; ; s = (s + 1) & mask) {
            if (table[4 * s + 3] == 0) return -1;
            int lengthAndFlags = table[4 * s + 2];
            if (table[4 * s] == hash && (lengthAndFlags & 0xFFFF) == length && tails[s] == tail
                    && (length <= 4 || sameLowered(table[4 * s + 1], folded, start, length - 4))) {
                return uncapitalised && lengthAndFlags < 0 ? -1 : s;
            }
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

    /** The group of stems whose first letters the word's are, if the word's fourth letter leaves one possible; else -1. */
    private int group(int hash, char[] folded, int start, int end) {
        char c0 = Folding.lowerFolded(folded[start]);
        char c1 = Folding.lowerFolded(folded[start + 1]);
        char c2 = Folding.lowerFolded(folded[start + 2]);
        int[] table = groupSlots;
        int mask = (1 << groupBits) - 1;
        for (int s = (hash * GOLDEN) >>> (32 - groupBits); ; s = (s + 1) & mask) {
            int g = table[4 * s + 3];
            if (g == 0) return -1;
            int first = stemOffset[table[4 * s + 1]];
            if (table[4 * s] == hash && stemPool[first] == c0 && stemPool[first + 1] == c1 && stemPool[first + 2] == c2) {
                if (end - start > GATE && (fourthLetters[g - 1] & letterBit(Folding.lowerFolded(folded[start + GATE]))) == 0) return -1;
                return s;
            }
        }
    }

    private boolean beginsShort(char[] folded, int start, int end) {
        for (int stem = 0; stem < shortStems; stem++) {
            if (begins(stem, folded, start, end)) return true;
        }
        return false;
    }

    /** The trie node after the name spelled exactly as folded[start, end), the word found in this slot; or null. */
    NameMatcher.Node nameStart(int slot, char[] folded, int start, int end) {
        int length = end - start;
        int spellings = slots[4 * slot + 2] >>> 16 & SPELLINGS;
        int offset = slots[4 * slot + 1];
        char[] p = pool;
        next:
        for (int f = 0; f < spellings; f++) {
            offset += length;
            for (int k = 0; k < length; k++) {
                if (p[offset + k] != folded[start + k]) continue next;
            }
            return nodes[firstNode[slots[4 * slot + 3] - 1] + f];
        }
        return null;
    }

    /** True when the word found in this slot starts a name in some spelling. */
    boolean startsNames(int slot) {
        return (slots[4 * slot + 2] >>> 16 & SPELLINGS) > 0;
    }

    /** The slots of the rule terms the word found in this slot starts (empty when none). */
    int[] termSlots(int slot) {
        return termSlots[slots[4 * slot + 3] - 1];
    }

    /** The first stem of the group found in this group slot. */
    int firstStem(int group) {
        return groupSlots[4 * group + 1];
    }

    /** One past the last stem of the group found in this group slot. */
    int endStem(int group) {
        return groupSlots[4 * group + 1] + groupSlots[4 * group + 2];
    }

    /** The stems shorter than {@link #GATE} are [0, shortStems()). */
    int shortStems() {
        return shortStems;
    }

    /** True when the word at folded[start, end) begins with the stem (compared lower-cased). */
    boolean begins(int stem, char[] folded, int start, int end) {
        int length = stemLength[stem];
        if (end - start < length) return false;
        int offset = stemOffset[stem];
        char[] p = stemPool;
        for (int c = 0; c < length; c++) {
            if (p[offset + c] != Folding.lowerFolded(folded[start + c])) return false;
        }
        return true;
    }

    /** The slots of the prefix terms that start with the stem. */
    int[] stemSlots(int stem) {
        return stemSlots[stem];
    }
}
