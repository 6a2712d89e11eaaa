package dev.tidings.understand;

import dev.tidings.model.ConceptTag;
import dev.tidings.model.Relevance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A boolean condition of a topic rule, parsed from a small language:
 *
 * <pre>{@code
 * expr  := or
 * or    := and ("OR" and)*
 * and   := not ("AND" not)*
 * not   := "NOT" not | atom
 * atom  := "(" expr ")" | "\"phrase\"" | near | ["about:"] selector
 * near  := "NEAR(" "\"phrase\"" [","] "\"phrase\"" [","] N ")"                (1 <= N <= 50)
 * selector := "concept:" ID | "tag:" TAG | "type:" TYPE | ID            (an ID contains a slash)
 * }</pre>
 *
 * For example {@code about:tag:eu OR concept:organisation/frontex}, or
 * {@code NEAR("border", "asylum*", 8)}. A selector holds when a concept it selects was found in the
 * article ({@code about:} only counts concepts the article is about); a phrase holds when the text
 * contains it (case-insensitive, whole words, {@code *} ending a word matches any ending); a
 * {@code NEAR} holds when the two phrases occur, in either order, with their first words at most
 * N words apart.
 */
sealed interface Condition {

    /** What a condition is evaluated against: the concepts already found and the text. */
    interface Facts {
        List<ConceptTag> tags();

        Set<String> tagsOf(String conceptId);

        boolean containsPhrase(String phrase);

        /** True when both phrases occur with their first words at most {@code words} words apart, in either order. */
        boolean near(String first, String second, int words);

        /**
         * True when a concept found (or, with {@code aboutOnly}, one the article is about) has this id
         * ({@code kind} "concept"), type key ("type") or taxonomy tag ("tag"). Implementations that
         * evaluate many conditions over one article may answer from sets built once.
         */
        default boolean selects(String kind, String value, boolean aboutOnly) {
            for (ConceptTag t : tags()) {
                if (aboutOnly && t.relevance() != Relevance.ABOUT) continue;
                boolean hit = switch (kind) {
                    case "concept" -> t.conceptId().equals(value);
                    case "type" -> t.type().key().equals(value);
                    case "tag" -> tagsOf(t.conceptId()).contains(value);
                    default -> false;
                };
                if (hit) return true;
            }
            return false;
        }
    }

    boolean test(Facts facts);

    default void phrases(List<String> out) {
    }

    record And(Condition left, Condition right) implements Condition {
        public boolean test(Facts f) {
            return left.test(f) && right.test(f);
        }

        public void phrases(List<String> out) {
            left.phrases(out);
            right.phrases(out);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public boolean test(Facts f) {
            return left.test(f) || right.test(f);
        }

        public void phrases(List<String> out) {
            left.phrases(out);
            right.phrases(out);
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean test(Facts f) {
            return !inner.test(f);
        }

        public void phrases(List<String> out) {
            inner.phrases(out);
        }
    }

    record Phrase(String phrase) implements Condition {
        public boolean test(Facts f) {
            return f.containsPhrase(phrase);
        }

        public void phrases(List<String> out) {
            out.add(phrase);
        }
    }

    /** Two phrases close to each other: "border" within 8 words of "asylum*". */
    record Near(String first, String second, int words) implements Condition {
        /** Farther apart than this, two words are not "near" in any sense a rule can use. */
        static final int MAX_WORDS = 50;

        public boolean test(Facts f) {
            return f.near(first, second, words);
        }

        public void phrases(List<String> out) {
            out.add(first);
            out.add(second);
        }
    }

    /** Selects concepts by id, by type or by a taxonomy tag such as {@code eu}. */
    record Selector(String kind, String value, boolean aboutOnly) implements Condition {
        public boolean test(Facts f) {
            return f.selects(kind, value, aboutOnly);
        }
    }

    /** Parses the rule language; throws {@link IllegalArgumentException} naming the problem. */
    static Condition parse(String source) {
        return new Parser(source).parseAll();
    }

    final class Parser {
        private final List<String> tokens = new ArrayList<>();
        private final String source;
        private int pos;

        Parser(String source) {
            this.source = source;
            int i = 0;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')' || c == ',') {
                    tokens.add(String.valueOf(c));
                    i++;
                } else if (c == '"') {
                    int end = source.indexOf('"', i + 1);
                    if (end < 0) throw error("unclosed quote");
                    tokens.add(source.substring(i, end + 1));
                    i = end + 1;
                } else {
                    int start = i;
                    while (i < source.length() && !Character.isWhitespace(source.charAt(i))
                            && source.charAt(i) != '(' && source.charAt(i) != ')' && source.charAt(i) != ',') i++;
                    tokens.add(source.substring(start, i));
                }
            }
        }

        Condition parseAll() {
            Condition c = or();
            if (pos < tokens.size()) throw error("unexpected '" + tokens.get(pos) + "'");
            return c;
        }

        private Condition or() {
            Condition c = and();
            while (accept("OR")) c = new Or(c, and());
            return c;
        }

        private Condition and() {
            Condition c = not();
            while (accept("AND")) c = new And(c, not());
            return c;
        }

        private Condition not() {
            if (accept("NOT")) return new Not(not());
            return atom();
        }

        private Condition atom() {
            if (pos >= tokens.size()) throw error("condition ends too early");
            String t = tokens.get(pos++);
            if (t.equals("(")) {
                Condition c = or();
                if (!accept(")")) throw error("missing ')'");
                return c;
            }
            if (t.startsWith("\"")) {
                String phrase = t.substring(1, t.length() - 1).trim();
                if (phrase.isEmpty()) throw error("empty phrase");
                return new Phrase(phrase);
            }
            if (t.equals("NEAR")) return near();
            if (t.equals(")") || t.equals("AND") || t.equals("OR")) throw error("unexpected '" + t + "'");
            boolean about = false;
            if (t.startsWith("about:")) {
                about = true;
                t = t.substring("about:".length());
            }
            int colon = t.indexOf(':');
            if (colon > 0) {
                String kind = t.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = t.substring(colon + 1);
                if (!Set.of("concept", "tag", "type").contains(kind) || value.isEmpty()) {
                    throw error("unknown selector '" + t + "' (expected concept:, tag: or type:)");
                }
                return new Selector(kind, value, about);
            }
            if (t.contains("/")) return new Selector("concept", t, about);
            throw error("'" + t + "' is neither a quoted phrase nor a selector");
        }

        /** After "NEAR": ( "a" , "b" , N ). */
        private Condition near() {
            String usage = "NEAR needs two quoted phrases and a distance in words, e.g. NEAR(\"border\", \"asylum\", 8)";
            if (!accept("(")) throw error(usage);
            String first = quoted(usage);
            accept(",");
            String second = quoted(usage);
            accept(",");
            if (pos >= tokens.size()) throw error(usage);
            String n = tokens.get(pos++);
            int words;
            try {
                words = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw error("NEAR distance '" + n + "' is not a whole number; " + usage);
            }
            if (words < 1 || words > Near.MAX_WORDS) {
                throw error("NEAR distance " + words + " must be from 1 to " + Near.MAX_WORDS + " words");
            }
            if (!accept(")")) throw error("missing ')' after NEAR's distance");
            return new Near(first, second, words);
        }

        private String quoted(String usage) {
            if (pos >= tokens.size() || !tokens.get(pos).startsWith("\"")) throw error(usage);
            String t = tokens.get(pos++);
            String phrase = t.substring(1, t.length() - 1).trim();
            if (phrase.isEmpty()) throw error("empty phrase in NEAR");
            return phrase;
        }

        private boolean accept(String word) {
            if (pos < tokens.size() && tokens.get(pos).equals(word)) {
                pos++;
                return true;
            }
            return false;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("rule condition '" + source + "': " + what);
        }
    }
}
