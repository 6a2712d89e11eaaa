package dev.tidings.understand;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Accent and punctuation folding that keeps every character at its offset, so a match found in
 * folded text points at the same span of the original text.
 */
final class Folding {
    private Folding() {
    }

    /** Folds accents (Erdoğan → Erdogan) and typographic apostrophes; same length as the input. */
    static String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char f = foldChar(c);
            if (f != c) {
                if (out == null) out = new StringBuilder(text);
                out.setCharAt(i, f);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Folded and lower-cased, for case-insensitive look-ups of labels and rule terms. */
    static String key(String text) {
        return fold(text).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    /** Characters below this have their folded, lower-cased and word-character forms in tables. */
    static final int TABLE = 0x3000;
    private static final char[] FOLDED = new char[TABLE];
    /** Lower-cased, of a character as it is: applied to a folded one, the form rule terms are compared in. */
    private static final char[] TO_LOWER = new char[TABLE];
    private static final boolean[] WORD = new boolean[TABLE];

    /**
     * For ASCII, a word character's lower-cased form and 0 for any other character, in one table
     * small enough for the nearest cache: the per-character loop of {@link Text}.
     */
    static final char[] ASCII_WORD_LOWER = new char[0x80];

    static {
        for (int c = 0; c < TABLE; c++) {
            FOLDED[c] = slowFold((char) c);
            TO_LOWER[c] = Character.toLowerCase((char) c);
            WORD[c] = Character.isLetterOrDigit((char) c);
        }
        for (int c = 0; c < 0x80; c++) ASCII_WORD_LOWER[c] = WORD[c] ? lowerChar((char) c) : 0;
    }

    /** Folded as {@link #fold} does, one character: a table look-up for all but rare scripts. */
    static char foldChar(char c) {
        return c < TABLE ? FOLDED[c] : slowFold(c);
    }

    /** Folded, then lower-cased: the form rule terms are compared in. */
    static char lowerChar(char c) {
        return lowerFolded(foldChar(c));
    }

    /** Lower-cased, of a character folded already: {@code lowerFolded(foldChar(c)) == lowerChar(c)}. */
    static char lowerFolded(char folded) {
        return folded < TABLE ? TO_LOWER[folded] : Character.toLowerCase(folded);
    }

    private static char slowFold(char c) {
        if (c < 0x80) return c;
        switch (c) {
            case '\u2019', '\u2018', '\u02BC', '\u00B4', '\u0060' -> { return '\''; }
            case '\u2010', '\u2011', '\u2012', '\u2013' -> { return '-'; }
            case '\u00A0' -> { return ' '; }
            default -> { }
        }
        if (!Character.isLetter(c)) return c;
        String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        char base = d.charAt(0);
        return base < 0x250 ? base : c;
    }

    static boolean isWordChar(char c) {
        return c < TABLE ? WORD[c] : Character.isLetterOrDigit(c);
    }
}
