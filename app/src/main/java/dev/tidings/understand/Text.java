package dev.tidings.understand;

import java.util.ArrayList;
import java.util.List;

/**
 * The title and body of one document as one string with paragraph spans, plus its folded twin
 * (same offsets) and its words. Paragraph 0 is the title; the body's paragraphs follow.
 *
 * <p>The words are read in the same pass that folds the text: a word is a run of letters and
 * digits; for each, its span and the {@link String#hashCode} of its folded form (case kept, for
 * names) and of its folded lower-case form (for rule terms) go into int arrays, so the matchers
 * look words up in {@link TokenTable}s without making a string per word.
 */
final class Text {
    final String raw;
    /** The folded text as chars, for span comparisons. */
    final char[] foldedChars;
    /** The folded text lower-cased, same offsets. */
    final char[] lower;
    /** Number of words. */
    final int words;
    /** Word k is at [wordStart[k], wordEnd[k]). */
    final int[] wordStart;
    final int[] wordEnd;
    /** Hash of word k as folded (case kept), equal to that string's {@link String#hashCode}. */
    final int[] wordHash;
    /** Hash of word k folded and lower-cased. */
    final int[] lowerHash;
    private final int[] starts;
    private final int[] ends;

    /** The title and a body whose paragraphs are separated by blank lines ({@link dev.tidings.model.Document#text}). */
    Text(String title, String body) {
        this(layout(title, body == null ? List.of() : List.of(body), true));
    }

    Text(String title, List<String> paragraphs) {
        this(layout(title, paragraphs, false));
    }

    /** The joined text and where its paragraphs lie. */
    private record Layout(String raw, int[] starts, int[] ends) {
    }

    /**
     * Joins the stripped title and non-blank paragraphs with blank lines. With {@code split}, each
     * given string is first cut at blank lines ({@code "\n\n"}, as {@link dev.tidings.model.Document#paragraphs}
     * does), by index arithmetic so no paragraph is copied on its own.
     */
    private static Layout layout(String title, List<String> paragraphs, boolean split) {
        StringBuilder sb = new StringBuilder();
        int[] starts = new int[8];
        int[] ends = new int[8];
        int count = 0;
        String t = title == null ? "" : title;
        int ts = stripStart(t, 0, t.length());
        int te = stripEnd(t, ts, t.length());
        sb.append(t, ts, te);
        ends[0] = te - ts;
        count = 1;
        for (String p : paragraphs) {
            int from = 0;
            while (from <= p.length()) {
                int cut = split ? p.indexOf("\n\n", from) : -1;
                int to = cut < 0 ? p.length() : cut;
                int s = stripStart(p, from, to);
                int e = stripEnd(p, s, to);
                if (e > s) {
                    if (count == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, count * 2);
                        ends = java.util.Arrays.copyOf(ends, count * 2);
                    }
                    if (sb.length() > 0) sb.append("\n\n");
                    starts[count] = sb.length();
                    sb.append(p, s, e);
                    ends[count] = sb.length();
                    count++;
                }
                if (cut < 0) break;
                from = cut + 2;
            }
        }
        return new Layout(sb.toString(), java.util.Arrays.copyOf(starts, count), java.util.Arrays.copyOf(ends, count));
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
        raw = layout.raw();
        starts = layout.starts();
        ends = layout.ends();
        int n = raw.length();
        char[] f = new char[n];
        char[] l = new char[n];
        raw.getChars(0, n, f, 0);
        int capacity = n / 5 + 16;
        int[] ws = new int[capacity];
        int[] we = new int[capacity];
        int[] wh = new int[capacity];
        int[] lh = new int[capacity];
        int count = 0;
        int start = -1;
        int h = 0;
        int hl = 0;
        for (int i = 0; i <= n; i++) {
            char fc;
            char lc;
            boolean word;
            if (i == n) {
                word = false;
                fc = lc = 0;
            } else {
                char c = f[i];
                if (c < 0x80) {
                    // ASCII folds to itself: only the lower-case twin needs writing
                    fc = c;
                    lc = Folding.ASCII_LOWER[c];
                    word = Folding.ASCII_WORD[c];
                } else {
                    fc = Folding.foldChar(c);
                    lc = Folding.lowerChar(c);
                    word = Folding.isWordChar(c);
                    f[i] = fc;
                }
                l[i] = lc;
            }
            if (word) {
                if (start < 0) {
                    start = i;
                    h = 0;
                    hl = 0;
                }
                h = 31 * h + fc;
                hl = 31 * hl + lc;
            } else if (start >= 0) {
                if (count == ws.length) {
                    ws = java.util.Arrays.copyOf(ws, count * 2);
                    we = java.util.Arrays.copyOf(we, count * 2);
                    wh = java.util.Arrays.copyOf(wh, count * 2);
                    lh = java.util.Arrays.copyOf(lh, count * 2);
                }
                ws[count] = start;
                we[count] = i;
                wh[count] = h;
                lh[count] = hl;
                count++;
                start = -1;
            }
        }
        foldedChars = f;
        lower = l;
        words = count;
        wordStart = ws;
        wordEnd = we;
        wordHash = wh;
        lowerHash = lh;
    }

    private String folded;

    /** The folded text as a string (made on first use: most articles never need it). */
    String folded() {
        if (folded == null) folded = new String(foldedChars);
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
