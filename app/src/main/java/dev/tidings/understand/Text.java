package dev.tidings.understand;

import java.util.Arrays;
import java.util.List;

/**
 * The title and body of one document as one string with paragraph spans, plus its folded twin
 * (same offsets) and its words. Paragraph 0 is the title; the body's paragraphs follow.
 *
 * <p>The words are read in the same pass that folds the text: a word is a run of letters and
 * digits; for each, its span and the {@link String#hashCode} of its folded, lower-cased form go
 * into int arrays, so the matchers look every word up once, in one {@link Vocabulary}, without
 * making a string per word. The lower-cased form itself is never stored: {@link #lower} gives
 * it a character at a time for the few words that are looked at closer.
 */
final class Text {
    final String raw;
    /** The folded text as chars (case kept), for span comparisons. */
    final char[] foldedChars;
    /** Number of characters: {@link #foldedChars} may be longer when it is a reused scratch array. */
    final int length;
    /** Number of words. */
    final int words;
    /** Word k is at [wordStart[k], wordEnd[k]). */
    final int[] wordStart;
    final int[] wordEnd;
    /** Hash of word k folded and lower-cased, equal to that string's {@link String#hashCode}. */
    final int[] wordHash;
    private final int[] starts;
    private final int[] ends;

    /** The title and a body whose paragraphs are separated by blank lines ({@link dev.tidings.model.Document#text}). */
    Text(String title, String body) {
        this(new Layout(title, body == null ? List.of() : List.of(body), true));
    }

    Text(String title, List<String> paragraphs) {
        this(new Layout(title, paragraphs, false));
    }

    /**
     * As {@link #Text(String, String)}, but the folded chars and the word arrays are those of
     * {@code scratch}, grown as needed: the tagging stage makes one Text per article, and these
     * arrays were most of what it allocated. Valid until the scratch is used again; nothing made
     * from this Text may keep its arrays ({@link #raw} and the strings cut from it are copies).
     */
    Text(String title, String body, Scratch scratch) {
        this(new Layout(title, body == null ? List.of() : List.of(body), true), scratch, null);
    }

    /**
     * As {@link #Text(String, String, Scratch)}, also looking each word up in {@code found}'s
     * vocabulary as it is read, into {@code found} (emptied first, see {@link Vocabulary#found}):
     * what {@link Vocabulary#find(Text, Vocabulary.Found)} would give, while the word's characters
     * are still at hand rather than in a second pass over the word arrays.
     */
    Text(String title, String body, Scratch scratch, Vocabulary.Found found) {
        this(new Layout(title, body == null ? List.of() : List.of(body), true), scratch, found);
    }

    /** Arrays one thread reuses from one Text to the next. */
    static final class Scratch {
        char[] chars = new char[0];
        int[] wordStart = new int[0];
        int[] wordEnd = new int[0];
        int[] wordHash = new int[0];
    }

    /**
     * Where the stripped title and non-blank paragraphs lie in the strings given, and where they
     * go in the joined text (one blank line between two). With {@code split}, each given string is
     * first cut at blank lines ({@code "\n\n"}, as {@link dev.tidings.model.Document#paragraphs}
     * does). Spans only: the characters are copied once, straight into the array they end in.
     */
    private static final class Layout {
        String[] sources = new String[8];
        int[] from = new int[8];
        int[] to = new int[8];
        int count;
        int length;

        Layout(String title, List<String> paragraphs, boolean split) {
            String t = title == null ? "" : title;
            int ts = stripStart(t, 0, t.length());
            add(t, ts, stripEnd(t, ts, t.length()));
            for (String p : paragraphs) {
                int at = 0;
                while (at <= p.length()) {
                    int cut = split ? p.indexOf("\n\n", at) : -1;
                    int end = cut < 0 ? p.length() : cut;
                    int s = stripStart(p, at, end);
                    int e = stripEnd(p, s, end);
                    if (e > s) add(p, s, e);
                    if (cut < 0) break;
                    at = cut + 2;
                }
            }
        }

        /**
         * The joined text made of the given strings, when the body's paragraphs lie one after the
         * other in one of them, a blank line apart (a normalised document's do): one copy of the
         * right width, where making it from the chars would first try, and often fail, to fit it in
         * one byte a character. Else null.
         */
        String joined() {
            String title = sources[0].substring(from[0], to[0]);
            if (count == 1) return title;
            for (int p = 2; p < count; p++) {
                if (sources[p] != sources[1] || from[p] != to[p - 1] + 2) return null;
            }
            String body = sources[1].substring(from[1], to[count - 1]);
            return title.isEmpty() ? body : title + "\n\n" + body;
        }

        /** The title always (paragraph 0, maybe empty); a paragraph after a blank line unless it comes first. */
        private void add(String source, int s, int e) {
            if (count == from.length) {
                sources = Arrays.copyOf(sources, count * 2);
                from = Arrays.copyOf(from, count * 2);
                to = Arrays.copyOf(to, count * 2);
            }
            if (count > 0 && length > 0) length += 2;
            sources[count] = source;
            from[count] = s;
            to[count] = e;
            count++;
            length += e - s;
        }
    }

    /** As {@link String#strip}: white space by {@link Character#isWhitespace}. */
    private static int stripStart(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) from++;
        return from;
    }

    private static int stripEnd(String s, int from, int to) {
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) to--;
        return to;
    }

    private Text(Layout layout) {
        this(layout, null, null);
    }

    private Text(Layout layout, Scratch scratch, Vocabulary.Found found) {
        int n = layout.length;
        char[] f = scratch == null ? new char[n] : scratch.chars.length >= n ? scratch.chars : (scratch.chars = new char[n + n / 2]);
        starts = new int[layout.count];
        ends = new int[layout.count];
        int at = 0;
        for (int p = 0; p < layout.count; p++) {
            if (p > 0 && at > 0) {
                f[at++] = '\n';
                f[at++] = '\n';
            }
            starts[p] = at;
            layout.sources[p].getChars(layout.from[p], layout.to[p], f, at);
            at += layout.to[p] - layout.from[p];
            ends[p] = at;
        }
        starts[0] = 0;
        String joined = layout.joined();
        raw = joined != null ? joined : new String(f, 0, n);
        // a word and the space after it take five or six characters in English news
        int capacity = n / 4 + 16;
        int[] ws;
        int[] we;
        int[] wh;
        if (scratch == null) {
            ws = new int[capacity];
            we = new int[capacity];
            wh = new int[capacity];
        } else {
            if (scratch.wordStart.length < capacity) {
                scratch.wordStart = new int[capacity + capacity / 2];
                scratch.wordEnd = new int[capacity + capacity / 2];
                scratch.wordHash = new int[capacity + capacity / 2];
            }
            ws = scratch.wordStart;
            we = scratch.wordEnd;
            wh = scratch.wordHash;
        }
        int count = 0;
        int i = 0;
        while (true) {
            char lc = 0;
            while (i < n && (lc = foldAt(f, i)) == 0) i++;
            if (i == n) break;
            int start = i;
            boolean uncapitalised = lc == f[start];
            int h = lc;
            long tail = lc;
            int head = 0;
            while (++i < n && (lc = foldAt(f, i)) != 0) {
                h = 31 * h + lc;
                tail = tail << 16 | lc;
                if (i - start == Vocabulary.GATE - 1) head = h;
            }
            if (count == ws.length) {
                ws = Arrays.copyOf(ws, count * 2);
                we = Arrays.copyOf(we, count * 2);
                wh = Arrays.copyOf(wh, count * 2);
            }
            ws[count] = start;
            we[count] = i;
            wh[count] = h;
            if (found != null) found.vocabulary.look(found, count, f, start, i, h, tail, head, uncapitalised);
            count++;
        }
        if (scratch != null) {
            scratch.wordStart = ws;
            scratch.wordEnd = we;
            scratch.wordHash = wh;
        }
        foldedChars = f;
        length = n;
        words = count;
        wordStart = ws;
        wordEnd = we;
        wordHash = wh;
    }

    /**
     * Folds f[i] in place and returns it lower-cased if it is a word character, else 0. ASCII folds
     * to itself: one table read.
     */
    private static char foldAt(char[] f, int i) {
        char c = f[i];
        if (c < 0x80) return Folding.ASCII_WORD_LOWER[c];
        char folded = Folding.foldChar(c);
        f[i] = folded;
        return Folding.isWordChar(c) ? Folding.lowerFolded(folded) : 0;
    }

    /** The folded, lower-cased character at an offset: what rule terms are compared with. */
    char lower(int offset) {
        return Folding.lowerFolded(foldedChars[offset]);
    }

    private String folded;

    /** The folded text as a string (made on first use: most articles never need it). */
    String folded() {
        if (folded == null) folded = new String(foldedChars, 0, length);
        return folded;
    }

    int paragraphCount() {
        return starts.length;
    }

    /** Body paragraphs, not counting the title. */
    int bodyParagraphs() {
        return starts.length - 1;
    }

    int start(int paragraph) {
        return starts[paragraph];
    }

    int end(int paragraph) {
        return ends[paragraph];
    }

    String paragraph(int paragraph) {
        return raw.substring(starts[paragraph], ends[paragraph]);
    }

    int paragraphAt(int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** True when nothing but opening punctuation stands between the offset and a sentence or paragraph start. */
    boolean isSentenceStart(int offset) {
        int i = offset - 1;
        while (i >= 0 && (raw.charAt(i) == ' ' || isOpening(raw.charAt(i)))) i--;
        if (i < 0) return true;
        char c = raw.charAt(i);
        return c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '—' || c == '–';
    }

    private static boolean isOpening(char c) {
        return c == '"' || c == '“' || c == '„' || c == '«' || c == '(' || c == '[' || c == '‘' || c == '\'';
    }

    /** Start of the word separated from the offset by one space only, or -1. */
    int wordStartBefore(int offset) {
        if (offset < 2 || raw.charAt(offset - 1) != ' ' || !Folding.isWordChar(raw.charAt(offset - 2))) return -1;
        int i = offset - 2;
        while (i >= 0 && Folding.isWordChar(raw.charAt(i))) i--;
        return i + 1;
    }

    /** Start of the word separated from the offset by one space only, or -1. */
    int wordStartAfter(int offset) {
        if (offset + 1 >= raw.length() || raw.charAt(offset) != ' ' || !Folding.isWordChar(raw.charAt(offset + 1))) return -1;
        return offset + 1;
    }

    /** The word that ends right before the offset (skipping spaces only), or "" when punctuation intervenes. */
    String wordBefore(int offset) {
        int i = offset - 1;
        while (i >= 0 && raw.charAt(i) == ' ') i--;
        int end = i + 1;
        while (i >= 0 && (Folding.isWordChar(raw.charAt(i)) || raw.charAt(i) == '.' && i > 0 && Character.isUpperCase(raw.charAt(i - 1)))) i--;
        return raw.substring(i + 1, end);
    }

    /** The word that starts right after the offset (skipping spaces only), or "". */
    String wordAfter(int offset) {
        int i = offset;
        while (i < raw.length() && raw.charAt(i) == ' ') i++;
        int start = i;
        while (i < raw.length() && Folding.isWordChar(raw.charAt(i))) i++;
        return raw.substring(start, i);
    }
}
