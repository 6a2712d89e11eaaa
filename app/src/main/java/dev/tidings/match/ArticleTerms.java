package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One article analysed once into its terms and their positions, field by field: what
 * {@link TermIndexMatcher} looks up anchors in and verifies candidate searches against. It sees the
 * article exactly as {@link ArticleFields#memorySearcher} does (same fields, same analysis, same gap
 * between the values of one field), so a clause evaluated here agrees with Lucene on the same article.
 *
 * <p>Reused, article after article, by one thread, and made of int and char arrays: each token's
 * characters are hashed as they come out of the analyzer and looked up in a small table of the
 * article's own terms (it stays in the processor's cache), so no string, map or object is made per
 * token. Each distinct (field, term) is an <em>entry</em>; the entries of a field are contiguous, and
 * each holds a slice of one positions array. Strings are made only when a rare clause asks for them
 * (prefixes, wildcards). Not thread-safe.
 */
final class ArticleTerms {
    /** The fields a saved search can name, by index; {@link #field} maps names to these. */
    static final List<String> FIELDS = List.of(ArticleFields.TITLE, ArticleFields.TEXT, ArticleFields.LABEL,
            ArticleFields.SOURCE, ArticleFields.LANGUAGE, ArticleFields.CONCEPT, ArticleFields.ABOUT);
    private static final int TITLE = field(ArticleFields.TITLE);
    private static final int TEXT = field(ArticleFields.TEXT);
    private static final int LABEL = field(ArticleFields.LABEL);
    private static final int SOURCE = field(ArticleFields.SOURCE);
    private static final int LANGUAGE = field(ArticleFields.LANGUAGE);
    private static final int CONCEPT = field(ArticleFields.CONCEPT);
    private static final int ABOUT = field(ArticleFields.ABOUT);
    private static final int NO_POSITIONS = -1;
    /** The fields a plain word of a search looks in; see {@link TermIds#WORDS}. */
    static final int[] WORD_FIELDS = {TITLE, TEXT, LABEL};

    private final Analyzer analyzer = ArticleFields.analyzer();
    private Article article;

    // ---- per entry
    private int entryCount;
    private int[] entryHash = new int[1024];
    private int[] entryStart = new int[1024];
    private int[] entryLength = new int[1024];
    private int[] positionStart = new int[1024];
    private int[] positionCount = new int[1024];
    private int[][] positionArrays = new int[1024][];
    private String[] entryText = new String[1024];
    /** The characters of every entry's term. */
    private char[] chars = new char[1 << 13];
    private int charsUsed;
    private int[] positions = new int[2048];
    private int positionsUsed;
    private final int[] fieldFirst = new int[FIELDS.size()];
    private final int[] fieldEnd = new int[FIELDS.size()];
    /** Open addressing over the entries of the article, keyed by field and characters: entry + 1, or 0. */
    private int[] entryTable = new int[1 << 12];

    // ---- the field being read: its occurrences (entry, position) in order, and its last position
    private int field;
    private int[] occurrenceEntry = new int[2048];
    private int[] occurrencePosition = new int[2048];
    private int occurrenceCount;
    private int occurrenceMark;
    private int lastPosition;

    private BytesRef[][] bytes;
    private FieldTerms[] views;
    private InMemoryArticle memory;
    /** Numbers of the article's terms that searches use: {@code marks[id] == stamp} when present. */
    private int[] marks;
    private int stamp;
    private int[] present = new int[1024];
    private int presentCount;
    private int[] prefixesFound = new int[64];

    /** A new reader; {@link #read} an article before asking anything. */
    ArticleTerms() {
    }

    /** The article read into a fresh reader: for one-off use, as in tests. */
    static ArticleTerms of(Article article) {
        ArticleTerms terms = new ArticleTerms();
        terms.read(article);
        return terms;
    }

    /** The index of a field in {@link #FIELDS}, or -1 for a field no article has. */
    static int field(String name) {
        return FIELDS.indexOf(name);
    }

    /** Reads the article, replacing the one read before. */
    void read(Article article) {
        for (int e = 0; e < entryCount; e++) {
            positionArrays[e] = null;
            entryText[e] = null;
        }
        int tableSize = entryTable.length;
        if (entryCount * 4 > tableSize) tableSize = Integer.highestOneBit(entryCount * 4) * 2;
        if (tableSize != entryTable.length) entryTable = new int[tableSize];
        else Arrays.fill(entryTable, 0);
        this.article = article;
        entryCount = 0;
        charsUsed = 0;
        positionsUsed = 0;
        bytes = null;
        views = null;
        memory = null;
        marks = null;
        presentCount = 0;
        Arrays.fill(fieldFirst, 0);
        Arrays.fill(fieldEnd, 0);
        // within a field, values in the order of ArticleFields.memorySearcher, so positions and gaps agree
        List<ConceptTag> tags = article.concepts();
        begin(TITLE);
        add(ArticleFields.TITLE, article.title());
        end();
        begin(TEXT);
        add(ArticleFields.TEXT, article.text());
        end();
        begin(SOURCE);
        if (article.source() != null) add(ArticleFields.SOURCE, article.source());
        end();
        begin(LANGUAGE);
        add(ArticleFields.LANGUAGE, article.language());
        end();
        begin(CONCEPT);
        for (ConceptTag tag : tags) add(ArticleFields.CONCEPT, tag.conceptId());
        end();
        begin(ABOUT);
        for (ConceptTag tag : tags) if (tag.isAbout()) add(ArticleFields.ABOUT, tag.conceptId());
        end();
        begin(LABEL);
        for (ConceptTag tag : tags) add(ArticleFields.LABEL, tag.label());
        end();
    }

    /** Positions of the term in the field, ascending; null when absent. */
    int[] positions(int field, String term) {
        int entry = entry(field, term);
        return entry < 0 ? null : positionsOf(entry);
    }

    boolean has(int field, String term) {
        return entry(field, term) >= 0;
    }

    /**
     * Looks up the article's terms in the numbers searches use, marking them in {@code marks} (a
     * scratch array of the calling thread, at least {@code ids.size()} long) with {@code stamp}, a
     * value no earlier article of that thread marked with; then {@link #has(int)} and
     * {@link #present} answer for numbers.
     */
    void number(TermIds ids, int[] marks, int stamp) {
        this.marks = marks;
        this.stamp = stamp;
        int count = 0;
        for (int field = 0; field < FIELDS.size(); field++) {
            if (ids.size(field) == 0) continue;
            for (int e = fieldFirst[field], end = fieldEnd[field]; e < end; e++) {
                int id = ids.get(field, chars, entryStart[e], entryLength[e], entryHash[e]);
                if (id == TermIds.ABSENT) continue;
                marks[id] = stamp;
                if (count == present.length) present = Arrays.copyOf(present, count * 2);
                present[count++] = id;
            }
        }
        // words: a term of the title, the text or a label, each once however many of them hold it
        if (ids.size(TermIds.WORDS) > 0) {
            for (int field : WORD_FIELDS) {
                for (int e = fieldFirst[field], end = fieldEnd[field]; e < end; e++) {
                    int id = ids.get(TermIds.WORDS, chars, entryStart[e], entryLength[e], entryHash[e]);
                    if (id == TermIds.ABSENT || marks[id] == stamp) continue;
                    marks[id] = stamp;
                    if (count == present.length) present = Arrays.copyOf(present, count * 2);
                    present[count++] = id;
                }
            }
        }
        presentCount = count;
    }

    /** True when the term with this number is in the article; only after {@link #number}. */
    boolean has(int id) {
        return marks[id] == stamp;
    }

    /** The numbers of the terms present (the first {@link #presentCount} entries); after {@link #number}. */
    int[] present() {
        return present;
    }

    int presentCount() {
        return presentCount;
    }

    /**
     * Finds the numbers, in {@code ids}, of the registered prefixes that the terms of the field start
     * with (the whole term included), once per term and prefix: the first n of {@link #prefixesFound},
     * n returned.
     */
    int prefixes(int field, TermIds ids) {
        int longest = ids.longestPrefix(field);
        if (longest == 0) return 0;
        int count = 0;
        for (int e = fieldFirst[field], end = fieldEnd[field]; e < end; e++) {
            int start = entryStart[e];
            int most = Math.min(entryLength[e], longest);
            int hash = 0;
            for (int length = 1; length <= most; length++) {
                hash = 31 * hash + chars[start + length - 1];
                if (!ids.hasPrefixLength(field, length)) continue;
                int id = ids.getPrefix(field, chars, start, length, hash);
                if (id == TermIds.ABSENT) continue;
                if (count == prefixesFound.length) prefixesFound = Arrays.copyOf(prefixesFound, count * 2);
                prefixesFound[count++] = id;
            }
        }
        return count;
    }

    /** Where {@link #prefixes} puts what it found. */
    int[] prefixesFound() {
        return prefixesFound;
    }

    /**
     * The distinct terms of a field with their positions: a read-only view over this article, valid
     * until the next {@link #read}; its key set walks an array, no map is built.
     */
    Map<String, int[]> terms(int field) {
        if (views == null) views = new FieldTerms[FIELDS.size()];
        if (views[field] == null) views[field] = new FieldTerms(field);
        return views[field];
    }

    /** The distinct terms of a field as UTF-8, for automata (wildcards, fuzzy words). */
    BytesRef[] bytes(int field) {
        if (bytes == null) bytes = new BytesRef[FIELDS.size()][];
        if (bytes[field] == null) {
            BytesRef[] out = new BytesRef[fieldEnd[field] - fieldFirst[field]];
            for (int e = fieldFirst[field]; e < fieldEnd[field]; e++) out[e - fieldFirst[field]] = new BytesRef(text(e));
            bytes[field] = out;
        }
        return bytes[field];
    }

    /** The article in a Lucene {@code MemoryIndex}, built on first use, for clauses only Lucene evaluates. */
    InMemoryArticle memory() {
        if (memory == null) memory = new InMemoryArticle(article, analyzer);
        return memory;
    }

    /** A field's terms as a map view: what prefix clauses walk, term by term. */
    private final class FieldTerms extends AbstractMap<String, int[]> {
        private final int field;
        private final List<String> keys;

        FieldTerms(int field) {
            this.field = field;
            String[] texts = new String[fieldEnd[field] - fieldFirst[field]];
            for (int e = fieldFirst[field]; e < fieldEnd[field]; e++) texts[e - fieldFirst[field]] = text(e);
            keys = Arrays.asList(texts);
        }

        @Override
        public Set<String> keySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<String> iterator() {
                    return keys.iterator();
                }

                @Override
                public int size() {
                    return keys.size();
                }

                @Override
                public boolean contains(Object o) {
                    return o instanceof String s && has(field, s);
                }
            };
        }

        @Override
        public int[] get(Object key) {
            return key instanceof String s ? positions(field, s) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String s && has(field, s);
        }

        @Override
        public Set<Entry<String, int[]>> entrySet() {
            Set<Entry<String, int[]>> entries = new LinkedHashSet<>();
            for (int e = fieldFirst[field]; e < fieldEnd[field]; e++) {
                entries.add(new SimpleImmutableEntry<>(text(e), positionsOf(e)));
            }
            return Collections.unmodifiableSet(entries);
        }
    }

    // ---- reading

    private void begin(int field) {
        this.field = field;
        fieldFirst[field] = entryCount;
        occurrenceCount = 0;
        lastPosition = NO_POSITIONS;
    }

    /** One value of the field being read. */
    private void add(String fieldName, String value) {
        // a later value of the same field starts a gap after the previous one, as in MemoryIndex
        int position = lastPosition == NO_POSITIONS ? -1 : lastPosition + analyzer.getPositionIncrementGap(fieldName);
        occurrenceMark = occurrenceCount;
        try (TokenStream stream = analyzer.tokenStream(fieldName, value)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                occur(term.buffer(), term.length(), position);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse an article", e);
        }
        // a value without tokens leaves the field's last position where it was
        if (occurrenceCount > occurrenceMark) lastPosition = position;
    }

    private void occur(char[] text, int length, int position) {
        int hash = TermIds.hash(text, 0, length);
        int mask = entryTable.length - 1;
        int cell = mix(field, hash) & mask;
        int entry = -1;
        for (int e; (e = entryTable[cell]) != 0; cell = (cell + 1) & mask) {
            e--;
            if (entryHash[e] == hash && entryLength[e] == length && e >= fieldFirst[field]
                    && Arrays.equals(chars, entryStart[e], entryStart[e] + length, text, 0, length)) {
                entry = e;
                break;
            }
        }
        if (entry < 0) entry = newEntry(text, length, hash, cell);
        positionCount[entry]++;
        if (occurrenceCount == occurrenceEntry.length) {
            occurrenceEntry = Arrays.copyOf(occurrenceEntry, occurrenceCount * 2);
            occurrencePosition = Arrays.copyOf(occurrencePosition, occurrenceCount * 2);
        }
        occurrenceEntry[occurrenceCount] = entry;
        occurrencePosition[occurrenceCount++] = position;
    }

    private int newEntry(char[] text, int length, int hash, int cell) {
        int entry = entryCount++;
        if (entry == entryHash.length) {
            int grown = entry * 2;
            entryHash = Arrays.copyOf(entryHash, grown);
            entryStart = Arrays.copyOf(entryStart, grown);
            entryLength = Arrays.copyOf(entryLength, grown);
            positionStart = Arrays.copyOf(positionStart, grown);
            positionCount = Arrays.copyOf(positionCount, grown);
            positionArrays = Arrays.copyOf(positionArrays, grown);
            entryText = Arrays.copyOf(entryText, grown);
        }
        if (charsUsed + length > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charsUsed + length));
        System.arraycopy(text, 0, chars, charsUsed, length);
        entryHash[entry] = hash;
        entryStart[entry] = charsUsed;
        entryLength[entry] = length;
        positionCount[entry] = 0;
        charsUsed += length;
        entryTable[cell] = entry + 1;
        if (entryCount * 2 > entryTable.length) rehashEntries();
        return entry;
    }

    private void rehashEntries() {
        int[] table = new int[entryTable.length * 2];
        int mask = table.length - 1;
        for (int f = 0; f < FIELDS.size(); f++) {
            for (int e = fieldFirst[f], last = f == field ? entryCount : fieldEnd[f]; e < last; e++) {
                int cell = mix(f, entryHash[e]) & mask;
                while (table[cell] != 0) cell = (cell + 1) & mask;
                table[cell] = e + 1;
            }
        }
        entryTable = table;
    }

    /** Lays the field's positions out entry by entry: each entry's slice, ascending as they came. */
    private void end() {
        fieldEnd[field] = entryCount;
        if (positions.length < positionsUsed + occurrenceCount) {
            positions = Arrays.copyOf(positions, Math.max(positions.length * 2, positionsUsed + occurrenceCount));
        }
        int next = positionsUsed;
        for (int e = fieldFirst[field]; e < entryCount; e++) {
            positionStart[e] = next;
            next += positionCount[e];
            positionCount[e] = 0;
        }
        for (int i = 0; i < occurrenceCount; i++) {
            int e = occurrenceEntry[i];
            positions[positionStart[e] + positionCount[e]++] = occurrencePosition[i];
        }
        positionsUsed = next;
    }

    private int[] positionsOf(int entry) {
        int[] p = positionArrays[entry];
        if (p == null) {
            p = positionArrays[entry] = Arrays.copyOfRange(positions, positionStart[entry],
                    positionStart[entry] + positionCount[entry]);
        }
        return p;
    }

    private String text(int entry) {
        String t = entryText[entry];
        if (t == null) t = entryText[entry] = new String(chars, entryStart[entry], entryLength[entry]);
        return t;
    }

    /** The entry of a term given as text, or -1 when the field of this article lacks it. */
    private int entry(int field, String term) {
        int length = term.length();
        int hash = term.hashCode();
        int mask = entryTable.length - 1;
        for (int cell = mix(field, hash) & mask, e; (e = entryTable[cell]) != 0; cell = (cell + 1) & mask) {
            e--;
            if (entryHash[e] == hash && entryLength[e] == length && e >= fieldFirst[field] && e < fieldEnd[field]
                    && sameChars(term, entryStart[e])) {
                return e;
            }
        }
        return -1;
    }

    private boolean sameChars(String term, int start) {
        for (int i = 0, n = term.length(); i < n; i++) if (chars[start + i] != term.charAt(i)) return false;
        return true;
    }

    private static int mix(int field, int hash) {
        int h = (hash + field * 0x61C88647) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
