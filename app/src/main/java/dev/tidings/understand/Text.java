package dev.tidings.understand;

import java.util.ArrayList;
import java.util.List;

/**
 * The title and body of one document as one string with paragraph spans, plus its folded twin
 * (same offsets). Paragraph 0 is the title; the body's paragraphs follow.
 */
final class Text {
    final String raw;
    final String folded;
    private final int[] starts;
    private final int[] ends;

    Text(String title, List<String> paragraphs) {
        StringBuilder sb = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        List<String> all = new ArrayList<>();
        all.add(title == null ? "" : title.strip());
        for (String p : paragraphs) {
            String s = p.strip();
            if (!s.isEmpty()) all.add(s);
        }
        for (String p : all) {
            if (sb.length() > 0) sb.append("\n\n");
            spans.add(new int[]{sb.length(), sb.length() + p.length()});
            sb.append(p);
        }
        raw = sb.toString();
        folded = Folding.fold(raw);
        starts = spans.stream().mapToInt(s -> s[0]).toArray();
        ends = spans.stream().mapToInt(s -> s[1]).toArray();
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
