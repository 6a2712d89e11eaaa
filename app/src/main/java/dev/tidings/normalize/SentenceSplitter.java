package dev.tidings.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a paragraph into sentences at {@code . ! ?} (and the closing quotes or brackets after them) followed
 * by a space and a capital, digit or opening quote. It does not split after common abbreviations
 * ({@code Mr.}, {@code Dr.}, {@code Jan.}), initials and dotted acronyms ({@code U.S.}, {@code J. K.}),
 * inside decimals ({@code 3.5}), or at ellipses ({@code . . .}, {@code ...}, {@code …}), which mark an
 * omission inside a sentence at least as often as its end.
 */
final class SentenceSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr",
            "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj", "cmdr", "adm", "rev", "hon", "pres",
            "inc", "ltd", "co", "corp", "plc", "bros", "vs", "etc", "e.g", "i.e", "vol", "fig", "approx",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave",
            "dept", "univ", "cf", "pp");

    private SentenceSplitter() {
    }

    static List<String> split(String paragraph) {
        List<String> sentences = new ArrayList<>();
        String s = paragraph.strip();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && c != '!' && c != '?') {
                continue;
            }
            int end = i + 1;
            while (end < s.length() && "”’\"')]".indexOf(s.charAt(end)) >= 0) {
                end++;
            }
            if (end >= s.length() || !Character.isWhitespace(s.charAt(end))) {
                continue;
            }
            int nextStart = end;
            while (nextStart < s.length() && Character.isWhitespace(s.charAt(nextStart))) {
                nextStart++;
            }
            if (nextStart >= s.length()) {
                continue;
            }
            char next = s.charAt(nextStart);
            if (!(Character.isUpperCase(next) || Character.isDigit(next) || "“‘\"'(".indexOf(next) >= 0)) {
                continue;
            }
            if (c == '.' && (isEllipsis(s, i) || isAbbreviation(s, i))) {
                continue;
            }
            sentences.add(s.substring(start, end).strip());
            start = nextStart;
            i = nextStart - 1;
        }
        if (start < s.length()) {
            String last = s.substring(start).strip();
            if (!last.isEmpty()) {
                sentences.add(last);
            }
        }
        return sentences;
    }

    private static boolean isEllipsis(String s, int dot) {
        boolean before = (dot >= 1 && s.charAt(dot - 1) == '.') || (dot >= 2 && s.charAt(dot - 1) == ' '
                && s.charAt(dot - 2) == '.');
        boolean after = dot + 2 < s.length() && s.charAt(dot + 1) == ' ' && s.charAt(dot + 2) == '.';
        return before || after;
    }

    /** The word before the dot is an abbreviation, an initial or a dotted acronym such as U.S. */
    private static boolean isAbbreviation(String s, int dot) {
        int b = dot;
        while (b > 0 && !Character.isWhitespace(s.charAt(b - 1)) && "“‘\"'(".indexOf(s.charAt(b - 1)) < 0) {
            b--;
        }
        String word = s.substring(b, dot);
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true;
        }
        if (word.matches("(\\p{L}\\.)+\\p{L}")) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }
}
