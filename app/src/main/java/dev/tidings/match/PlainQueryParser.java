package dev.tidings.match;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BoostAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The forms nearly every saved search takes, parsed by hand: words, {@code "phrases"} and
 * {@code "phrases"~5}, {@code word*}, AND / OR / NOT and {@code -word}, parentheses, and the field
 * prefixes before a word or a phrase. It reads them into {@link PlainQuery} nodes, from which
 * exactly the query, and exactly the leaves, that {@link QueryCompiler}'s classic-parser path builds for
 * the same text come out (a test holds it to that on every hand-written and generated query), many
 * times faster: a start with a million saved searches parses them all.
 *
 * <p>Anything else — other syntax, a word the analysis turns into synonyms, an unknown field or
 * concept, and every query with an error — it declines ({@link #parse} returns null), and the classic
 * path takes over, so errors are always reported in one way. Thread-safe (each parse is an instance).
 */
final class PlainQueryParser {
    private static final int CONJ_NONE = 0;
    private static final int CONJ_AND = 1;
    private static final int CONJ_OR = 2;

    /** What {@link #parse} returns: the query, and every leaf recorded, in query order (NOT ones too). */
    record Parsed(PlainQuery query, List<PlainQuery.Leaf> recorded) {}

    /**
     * Analyses already made, by field and text, for one analyzer: readers' searches use the same words
     * over and over, and analysing is most of what parsing costs. Bounded, since readers can type
     * anything: when full, new texts are analysed but not kept (the common ones come early, and
     * emptying it would make a large start analyse everything again and again). Thread-safe.
     */
    static final class Analyses {
        private static final int LIMIT = 200_000;
        /** The fields a text is analysed for, numbered: a text's analyses are an array by that number. */
        private static final List<String> FIELDS = java.util.stream.Stream.concat(
                QueryCompiler.DEFAULT_FIELDS.stream(), QueryCompiler.FIELDS.values().stream()).distinct().toList();
        /** By text, the analysis for each field (null until made): one look-up for the three default fields. */
        private final Map<String, Tokens[]> byText = new ConcurrentHashMap<>();

        Tokens of(Analyzer analyzer, String field, String text) {
            int slot = FIELDS.indexOf(field);
            if (slot < 0) return Tokens.of(analyzer, field, text);
            Tokens[] known = byText.get(text);
            if (known == null) {
                if (byText.size() >= LIMIT) return Tokens.of(analyzer, field, text);
                known = byText.computeIfAbsent(text, t -> new Tokens[FIELDS.size()]);
            }
            Tokens tokens = known[slot];
            // threads racing on a slot make equal analyses; either may stay
            if (tokens == null) known[slot] = tokens = Tokens.of(analyzer, field, text);
            return tokens;
        }
    }

    /** The terms an analysis gave and their positions; {@code plain} when one term per position, unboosted. */
    record Tokens(String[] terms, int[] positions, boolean plain) {
        static Tokens of(Analyzer analyzer, String field, String text) {
            List<String> terms = new ArrayList<>(2);
            int[] positions = new int[4];
            boolean plain = true;
            try (TokenStream stream = analyzer.tokenStream(field, text)) {
                TermToBytesRefAttribute term = stream.getAttribute(TermToBytesRefAttribute.class);
                PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
                PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
                BoostAttribute boost = stream.addAttribute(BoostAttribute.class);
                stream.reset();
                int position = -1;
                while (stream.incrementToken()) {
                    if (increment.getPositionIncrement() < 1 || length.getPositionLength() != 1
                            || boost.getBoost() != BoostAttribute.DEFAULT_BOOST) {
                        plain = false;
                    }
                    position += increment.getPositionIncrement();
                    if (terms.size() == positions.length) positions = Arrays.copyOf(positions, positions.length * 2);
                    positions[terms.size()] = position;
                    // through the UTF-8 a Lucene term holds, so that the text is the term's text() exactly
                    terms.add(term.getBytesRef().utf8ToString());
                }
                stream.end();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot analyse a query word", e);
            }
            return new Tokens(terms.toArray(String[]::new), Arrays.copyOf(positions, terms.size()), plain);
        }
    }

    /** Thrown to give up on a text: preallocated and without a stack trace, as declining is common. */
    private static final class Declined extends RuntimeException {
        Declined() {
            super("not a plain query", null, false, false);
        }
    }

    private static final Declined DECLINED = new Declined();

    private final String text;
    private final Analyzer analyzer;
    private final ConceptResolver concepts;
    private final Analyses analyses;
    private final List<PlainQuery.Leaf> leaves = new ArrayList<>(4);
    private int at;

    private PlainQueryParser(String text, Analyzer analyzer, ConceptResolver concepts, Analyses analyses) {
        this.text = text;
        this.analyzer = analyzer;
        this.concepts = concepts;
        this.analyses = analyses;
    }

    /**
     * The query and leaves the classic path would build for the text, or null when the text is not
     * of the plain forms (then the classic path must parse it).
     */
    static Parsed parse(String text, Analyzer analyzer, ConceptResolver concepts) {
        return parse(text, analyzer, concepts, null);
    }

    /** The same, reusing the analyses (made with this analyzer) when not null. */
    static Parsed parse(String text, Analyzer analyzer, ConceptResolver concepts, Analyses analyses) {
        PlainQueryParser parser = new PlainQueryParser(text, analyzer, concepts, analyses);
        try {
            PlainQuery query = parser.query(false);
            return new Parsed(query, parser.leaves);
        } catch (Declined d) {
            return null;
        }
    }

    // ---- the grammar of Lucene's classic parser, for the plain forms

    /** Clauses up to the end (or, nested, up to the ')' left for the caller), joined as the classic parser joins them. */
    private PlainQuery query(boolean nested) {
        List<PlainQuery> clauses = new ArrayList<>(4);
        List<Occur> occurs = new ArrayList<>(4);
        boolean negated = negation();
        PlainQuery q = clause();
        add(clauses, occurs, CONJ_NONE, negated, q);
        PlainQuery first = negated ? null : q;
        while (true) {
            skipSpace();
            if (at == text.length()) {
                if (nested) throw DECLINED;
                break;
            }
            if (text.charAt(at) == ')') {
                if (!nested) throw DECLINED;
                break;
            }
            int conjunction = conjunction();
            negated = negation();
            q = clause();
            add(clauses, occurs, conjunction, negated, q);
        }
        if (clauses.size() == 1 && first != null) return first;
        return new PlainQuery.Bool(List.copyOf(clauses), List.copyOf(occurs));
    }

    /**
     * The classic parser's rule with AND as the default operator: AND makes the clause before required,
     * OR makes it optional (unless excluded), and a clause is required unless introduced by OR.
     */
    private static void add(List<PlainQuery> clauses, List<Occur> occurs, int conjunction, boolean negated,
                            PlainQuery q) {
        if (!clauses.isEmpty() && conjunction != CONJ_NONE) {
            int last = occurs.size() - 1;
            if (occurs.get(last) != Occur.MUST_NOT) occurs.set(last, conjunction == CONJ_AND ? Occur.MUST : Occur.SHOULD);
        }
        clauses.add(q);
        occurs.add(negated ? Occur.MUST_NOT : conjunction == CONJ_OR ? Occur.SHOULD : Occur.MUST);
    }

    private int conjunction() {
        if (isOperator("AND")) {
            at += 3;
            return CONJ_AND;
        }
        if (isOperator("OR")) {
            at += 2;
            return CONJ_OR;
        }
        return CONJ_NONE;
    }

    /** A leading {@code -} or NOT; '+' and '!' are left to the classic parser. */
    private boolean negation() {
        skipSpace();
        if (at == text.length()) throw DECLINED;
        char c = text.charAt(at);
        if (c == '+' || c == '!') throw DECLINED;
        if (c == '-') {
            // the classic parser reads "a - b" as "a b": left to it
            if (++at == text.length() || Character.isWhitespace(text.charAt(at))) throw DECLINED;
            return true;
        }
        if (isOperator("NOT")) {
            at += 3;
            return true;
        }
        return false;
    }

    private PlainQuery clause() {
        skipSpace();
        if (at == text.length()) throw DECLINED;
        char c = text.charAt(at);
        if (c == '(') {
            at++;
            PlainQuery q = query(true);
            at++;  // the ')' that ended the nested query
            if (at < text.length() && text.charAt(at) == '^') throw DECLINED;
            return q;
        }
        if (c == '"') return phrase(null);
        String field = fieldPrefix();
        if (field != null) {
            if (at == text.length()) throw DECLINED;
            char next = text.charAt(at);
            if (next == '"') return phrase(field);
            if (Character.isWhitespace(next) || next == '(') throw DECLINED;
        }
        return word(field);
    }

    /** The field of {@code title:}, {@code about:}…, consumed; null (nothing consumed) when there is none. */
    private String fieldPrefix() {
        int end = at;
        while (end < text.length() && isAsciiLetter(text.charAt(end))) end++;
        if (end == at || end == text.length() || text.charAt(end) != ':') return null;
        String field = text.substring(at, end);
        if (!QueryCompiler.FIELDS.containsKey(field)) throw DECLINED;
        at = end + 1;
        return field;
    }

    private PlainQuery word(String field) {
        boolean concept = isConcept(field);
        int start = at;
        int end = at;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (Character.isWhitespace(c) || c == '(' || c == ')') break;
            boolean allowed = Character.isLetterOrDigit(c)
                    || (concept && end > start && (c == '/' || c == '-' || c == '_' || c == '.'))
                    || (!concept && c == '*' && end > start && isEnd(end + 1));
            if (!allowed) throw DECLINED;
            end++;
        }
        if (end == start) throw DECLINED;
        at = end;
        String written = text.substring(start, end);
        if (written.equals("AND") || written.equals("OR") || written.equals("NOT")) throw DECLINED;
        String shown = (field == null ? "" : field + ":") + written;
        if (written.endsWith("*")) {
            String stem = written.substring(0, written.length() - 1);
            return record(shown, expand(field, f -> new PlainQuery.Prefix(f, analyzer.normalize(f, stem).utf8ToString())));
        }
        if (concept) {
            String id = concepts.idOf(written).orElseThrow(() -> DECLINED);
            return record(shown, expand(field, f -> fieldQuery(f, id, 0)));
        }
        return record(shown, expand(field, f -> fieldQuery(f, written, 0)));
    }

    private PlainQuery phrase(String field) {
        int close = text.indexOf('"', at + 1);
        if (close < 0) throw DECLINED;
        String inner = text.substring(at + 1, close);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') throw DECLINED;
            // the classic path reads the text with line breaks and tabs made spaces
            if (c != ' ' && Character.isWhitespace(c)) inner = inner.replace(c, ' ');
        }
        at = close + 1;
        int slop = 0;
        if (at < text.length() && text.charAt(at) == '~') {
            int digits = ++at;
            while (at < text.length() && at - digits < 4 && isAsciiDigit(text.charAt(at))) at++;
            if (at == digits) throw DECLINED;
            slop = Integer.parseInt(text, digits, at, 10);
        }
        if (!isEnd(at)) throw DECLINED;
        String prefix = field == null ? "" : field + ":";
        String words = inner;
        if (isConcept(field)) {
            String id = concepts.idOf(words).orElseThrow(() -> DECLINED);
            return record(prefix + "\"" + words + "\"", expand(field, f -> fieldQuery(f, id, 0)));
        }
        int s = slop;
        return record(prefix + "\"" + words + "\"" + (slop == 0 ? "" : "~" + slop),
                expand(field, f -> fieldQuery(f, words, s)));
    }

    // ---- building, as the classic parser's QueryBuilder builds

    private interface Build {
        PlainQuery on(String field);
    }

    private static final List<Occur> ANY_DEFAULT_FIELD =
            QueryCompiler.DEFAULT_FIELDS.stream().map(f -> Occur.SHOULD).toList();

    /** Bare words search the default fields, any of them; a prefix names its field. */
    private static PlainQuery expand(String field, Build build) {
        if (field != null) return build.on(QueryCompiler.FIELDS.get(field));
        PlainQuery[] any = new PlainQuery[QueryCompiler.DEFAULT_FIELDS.size()];
        for (int i = 0; i < any.length; i++) any[i] = build.on(QueryCompiler.DEFAULT_FIELDS.get(i));
        return new PlainQuery.Bool(List.of(any), ANY_DEFAULT_FIELD);
    }

    /** A word or phrase in one field: a term, or the terms at their positions within the slop. */
    private PlainQuery fieldQuery(String field, String words, int slop) {
        Tokens tokens = analyses == null ? Tokens.of(analyzer, field, words) : analyses.of(analyzer, field, words);
        // nothing left after analysis, synonyms, boosts: rare, and the classic path knows them
        if (tokens.terms.length == 0 || !tokens.plain) throw DECLINED;
        if (tokens.terms.length == 1) return new PlainQuery.Word(field, tokens.terms[0]);
        // the arrays are shared with the cached analysis: nodes never change them
        return new PlainQuery.Phrase(field, tokens.terms, tokens.positions, slop);
    }

    private PlainQuery record(String display, PlainQuery query) {
        leaves.add(new PlainQuery.Leaf(display, query));
        return query;
    }

    // ---- characters

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }

    /** The operator word at the current position, standing alone. */
    private boolean isOperator(String operator) {
        return text.startsWith(operator, at) && isEnd(at + operator.length());
    }

    /** True when a word or phrase may end before {@code i}: at a space, a parenthesis or the end. */
    private boolean isEnd(int i) {
        if (i >= text.length()) return true;
        char c = text.charAt(i);
        return Character.isWhitespace(c) || c == '(' || c == ')';
    }

    private static boolean isConcept(String field) {
        return "concept".equals(field) || "about".equals(field);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
