package dev.tidings.understand;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts rule terms in text: case-insensitive, accents folded, whole words, a trailing {@code *}
 * on a word matching any ending. At each word only the longest (then heaviest) term counts, so
 * "asylum seekers" is one hit, not also one for "asylum". Built once; thread-safe.
 */
final class TermIndex {
    /** A term as word patterns; a pattern ending in {@code *} is a prefix (kept without the star in {@code stems}). */
    record Term(String source, String[] words, double weight, String[] stems, boolean[] prefix) {
        Term(String source, String[] words, double weight) {
            this(source, words, weight, new String[words.length], new boolean[words.length]);
            for (int k = 0; k < words.length; k++) {
                prefix[k] = words[k].endsWith("*");
                stems[k] = prefix[k] ? words[k].substring(0, words[k].length() - 1) : words[k];
            }
        }

        /** True when the term's words are the text's words from word {@code k} on (compared lower-cased, folded). */
        boolean matchesAt(Text text, int k) {
            return matchesAt(text, k, 0);
        }

        /** As {@link #matchesAt(Text, int)}, taking the term's first {@code known} words as matched already. */
        boolean matchesAt(Text text, int k, int known) {
            if (k + stems.length > text.words) return false;
            char[] folded = text.foldedChars;
            for (int w = known; w < stems.length; w++) {
                int start = text.wordStart[k + w];
                int length = text.wordEnd[k + w] - start;
                String stem = stems[w];
                if (prefix[w] ? length < stem.length() : length != stem.length()) return false;
                for (int c = 0; c < stem.length(); c++) {
                    if (Folding.lowerFolded(folded[start + c]) != stem.charAt(c)) return false;
                }
            }
            return true;
        }

        /** True when the term occurs anywhere in the text. */
        boolean occursIn(Text text) {
            for (int k = 0; k < text.words; k++) {
                if (matchesAt(text, k)) return true;
            }
            return false;
        }

        boolean matchesAt(List<String> tokens, int i) {
            if (i + stems.length > tokens.size()) return false;
            for (int k = 0; k < stems.length; k++) {
                String t = tokens.get(i + k);
                if (prefix[k] ? !t.startsWith(stems[k]) : !t.equals(stems[k])) return false;
            }
            return true;
        }
    }

    /** True when both terms occur with their first words at most {@code words} words apart, in either order. */
    static boolean near(Text text, Term a, Term b, int words) {
        int lastA = Integer.MIN_VALUE / 2;
        int lastB = Integer.MIN_VALUE / 2;
        for (int k = 0; k < text.words; k++) {
            // one pass: each occurrence is compared with the latest of the other before it, which is the nearest
            if (a.matchesAt(text, k)) {
                if (k - lastB <= words) return true;
                lastA = k;
            }
            if (b.matchesAt(text, k)) {
                if (k - lastA <= words) return true;
                lastB = k;
            }
        }
        return false;
    }

    private final Map<String, List<Term>> byFirstWord = new HashMap<>();
    /** Terms whose first word is a prefix, by that word's first character. */
    private final Map<Character, List<Term>> prefixFirst = new HashMap<>();

    /** A rule term as word patterns, or null when it has no words. */
    static Term term(String source, double weight) {
        List<String> words = new ArrayList<>();
        for (String part : source.strip().split("\\s+")) {
            boolean prefix = part.endsWith("*");
            List<String> t = tokens(prefix ? part.substring(0, part.length() - 1) : part);
            if (prefix && !t.isEmpty()) t.set(t.size() - 1, t.get(t.size() - 1) + "*");
            words.addAll(t);
        }
        return words.isEmpty() ? null : new Term(source, words.toArray(String[]::new), weight);
    }

    TermIndex(Map<String, Double> terms) {
        terms.forEach((source, weight) -> {
            Term t = term(source, weight);
            if (t == null) return;
            if (t.prefix()[0]) prefixFirst.computeIfAbsent(t.stems()[0].isEmpty() ? ' ' : t.stems()[0].charAt(0), k -> new ArrayList<>()).add(t);
            else byFirstWord.computeIfAbsent(t.words()[0], k -> new ArrayList<>()).add(t);
        });
    }

    /** Lower-cased, folded words; punctuation, apostrophes and hyphens split words. */
    static List<String> tokens(String text) {
        String folded = Folding.fold(text).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < folded.length()) {
            if (!Folding.isWordChar(folded.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < folded.length() && Folding.isWordChar(folded.charAt(i))) i++;
            out.add(folded.substring(start, i));
        }
        return out;
    }

    /** How often each term occurs (terms that do not occur are absent). */
    Map<Term, Integer> count(List<String> tokens) {
        Map<Term, Integer> counts = new HashMap<>();
        int i = 0;
        while (i < tokens.size()) {
            Term best = null;
            for (Term t : byFirstWord.getOrDefault(tokens.get(i), List.of())) best = better(best, t, tokens, i);
            for (Term t : prefixFirst.getOrDefault(tokens.get(i).charAt(0), List.of())) best = better(best, t, tokens, i);
            if (best != null) {
                counts.merge(best, 1, Integer::sum);
                i += best.words().length;
            } else {
                i++;
            }
        }
        return counts;
    }

    private static Term better(Term best, Term candidate, List<String> tokens, int i) {
        if (!candidate.matchesAt(tokens, i)) return best;
        if (best == null || candidate.words().length > best.words().length
                || candidate.words().length == best.words().length && candidate.weight() > best.weight()) {
            return candidate;
        }
        return best;
    }
}
