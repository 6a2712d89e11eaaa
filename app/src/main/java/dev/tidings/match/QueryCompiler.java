package dev.tidings.match;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a saved search into a Lucene query over {@link ArticleFields}, on top of Lucene's
 * classic query parser: words and "phrases", AND / OR / NOT (upper case) and {@code -word}, parentheses,
 * {@code "a b"~5}, trailing wildcards, and the field prefixes {@code title:}, {@code source:},
 * {@code lang:}, {@code concept:} and {@code about:} (concepts by id or label, through a {@link ConceptResolver}). Bare words must all be present (AND) and are looked for in the
 * title, the text and the labels of the article's concepts.
 *
 * <p>Besides the query it keeps the positive leaves (the words, phrases and prefixes not under a NOT)
 * with the reader's own spelling, so a match can say which of them were found.
 */
final class QueryCompiler {
    /** Query prefixes and the fields they search. */
    static final Map<String, String> FIELDS = Map.of(
            "title", ArticleFields.TITLE, "source", ArticleFields.SOURCE, "lang", ArticleFields.LANGUAGE,
            "language", ArticleFields.LANGUAGE, "concept", ArticleFields.CONCEPT, "about", ArticleFields.ABOUT);
    /** What bare words search. */
    static final List<String> DEFAULT_FIELDS = List.of(ArticleFields.TITLE, ArticleFields.TEXT, ArticleFields.LABEL);
    private static final Pattern LEXICAL_COLUMN = Pattern.compile("column (\\d+)");

    /** A word, phrase or prefix of the query as the reader wrote it, and its Lucene query. */
    record Leaf(String display, Query query) {}

    /**
     * A compiled search: the Lucene query and its positive leaves; for the plain forms also their
     * {@link PlainQuery} nodes, from which the Lucene query is then built on first use only (a start
     * with a million searches never needs it). Thread-safe.
     */
    static final class Compiled {
        private final PlainQuery plain;
        private final List<PlainQuery.Leaf> plainLeaves;
        private volatile Lucene lucene;

        private record Lucene(Query query, List<Leaf> leaves) {}

        Compiled(Query query, List<Leaf> leaves) {
            this.plain = null;
            this.plainLeaves = null;
            this.lucene = new Lucene(query, leaves);
        }

        Compiled(PlainQuery plain, List<PlainQuery.Leaf> plainLeaves) {
            this.plain = plain;
            this.plainLeaves = plainLeaves;
        }

        /** The nodes of a plain search; null when the classic parser read it. */
        PlainQuery plain() {
            return plain;
        }

        /** The positive leaves of a plain search, in query order; null when the classic parser read it. */
        List<PlainQuery.Leaf> plainLeaves() {
            return plainLeaves;
        }

        Query query() {
            return lucene().query();
        }

        List<Leaf> leaves() {
            return lucene().leaves();
        }

        private Lucene lucene() {
            Lucene l = lucene;
            if (l == null) {
                // racing threads build equal queries; either may stay
                Map<PlainQuery, Query> built = new IdentityHashMap<>();
                Query query = plain.toLucene(built);
                List<Leaf> leaves = new ArrayList<>(plainLeaves.size());
                for (PlainQuery.Leaf leaf : plainLeaves) leaves.add(new Leaf(leaf.display(), leaf.node().toLucene(built)));
                lucene = l = new Lucene(query, List.copyOf(leaves));
            }
            return l;
        }
    }

    private QueryCompiler() {
    }

    /**
     * The plain forms go through {@link PlainQueryParser}, several times faster; the rest (and every
     * error) through Lucene's classic parser. Both give the same query for the same text.
     */
    static Compiled compile(String text, Analyzer analyzer, ConceptResolver concepts) throws QuerySyntaxException {
        return compile(text, analyzer, concepts, null);
    }

    /** The same, reusing the analyses when not null (they must have been made with this analyzer). */
    static Compiled compile(String text, Analyzer analyzer, ConceptResolver concepts,
                            PlainQueryParser.Analyses analyses) throws QuerySyntaxException {
        if (text == null || text.isBlank()) {
            throw new QuerySyntaxException("Query error: the query is empty; type the words to look for", 0);
        }
        checkQuotes(text);
        PlainQueryParser.Parsed plain = PlainQueryParser.parse(text, analyzer, concepts, analyses);
        if (plain != null && !(plain.query() instanceof PlainQuery.Bool b && b.hasOnlyExclusions())) {
            return new Compiled(plain.query(), positiveLeaves(plain.query(), plain.recorded()));
        }
        return compileClassic(text, analyzer, concepts);
    }

    /** Through Lucene's classic parser only: for every form, and for the errors. */
    static Compiled compileClassic(String text, Analyzer analyzer, ConceptResolver concepts)
            throws QuerySyntaxException {
        if (text == null || text.isBlank()) {
            throw new QuerySyntaxException("Query error: the query is empty; type the words to look for", 0);
        }
        checkQuotes(text);
        Escaped escaped = Escaped.of(text);
        Parser parser = new Parser(analyzer, escaped, concepts);
        Query query;
        try {
            query = parser.parse(escaped.text);
        } catch (ParseException e) {
            throw translate(e, escaped, text);
        } catch (SyntaxProblem p) {
            throw new QuerySyntaxException("Query error at position " + p.position + ": " + p.getMessage(), p.position);
        } catch (BooleanQuery.TooManyClauses e) {
            throw new QuerySyntaxException("Query error: the query expands to too many words; make wildcards longer", -1);
        }
        if (query == null || (query instanceof BooleanQuery b && b.clauses().isEmpty())) {
            throw new QuerySyntaxException("Query error: the query has no words to look for", 0);
        }
        if (hasOnlyExclusions(query)) {
            int at = firstExclusion(text);
            throw new QuerySyntaxException("Query error at position " + at
                    + ": a query cannot consist only of excluded words (NOT, -); add a word to look for", at);
        }
        return new Compiled(query, positiveLeaves(query, parser.leaves));
    }

    // ---- the parser

    /** Signals a problem found while building a clause, with its position in the reader's text. */
    private static final class SyntaxProblem extends RuntimeException {
        final int position;

        SyntaxProblem(String message, int position) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    /** Functional form of the parser's own clause builders, which throw {@link ParseException}. */
    private interface Build {
        Query on(String field) throws ParseException;
    }

    private static final class Parser extends QueryParser {
        final List<Leaf> leaves = new ArrayList<>();
        private final Escaped source;
        private final ConceptResolver concepts;

        Parser(Analyzer analyzer, Escaped source, ConceptResolver concepts) {
            super(null, analyzer);
            this.source = source;
            this.concepts = concepts;
            setDefaultOperator(Operator.AND);
            setAllowLeadingWildcard(false);
            setSplitOnWhitespace(true);
            // "e-mail" is the phrase "e mail", not two words anywhere
            setAutoGeneratePhraseQueries(true);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (isConcept(field)) {
                String id = resolve(field, queryText, quoted);
                return record(prefix(field) + (quoted ? "\"" + queryText + "\"" : queryText),
                        expand(field, f -> super.getFieldQuery(f, id, false)));
            }
            Query q = expand(field, f -> super.getFieldQuery(f, queryText, quoted));
            return record(prefix(field) + (quoted ? "\"" + queryText + "\"" : queryText), q);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            if (isConcept(field)) return getFieldQuery(field, queryText, true);
            int before = getPhraseSlop();
            setPhraseSlop(slop);
            try {
                Query q = expand(field, f -> super.getFieldQuery(f, queryText, true));
                return record(prefix(field) + "\"" + queryText + "\"" + (slop == 0 ? "" : "~" + slop), q);
            } finally {
                setPhraseSlop(before);
            }
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return record(prefix(field) + termStr + "*", expand(field, f -> super.getPrefixQuery(f, termStr)));
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if (termStr.startsWith("*") || termStr.startsWith("?")) {
                throw new SyntaxProblem("a word cannot start with '*' or '?'; put at least one letter first",
                        positionOf(termStr));
            }
            return record(prefix(field) + termStr, expand(field, f -> super.getWildcardQuery(f, termStr)));
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            return record(prefix(field) + termStr + "~", expand(field, f -> super.getFuzzyQuery(f, termStr, minSimilarity)));
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            // never reached: every '/' is escaped before parsing
            throw new SyntaxProblem("regular expressions are not supported", positionOf(termStr));
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) throws ParseException {
            throw new SyntaxProblem("ranges ([a TO b]) are not supported", positionOf("["));
        }

        private Query expand(String field, Build build) throws ParseException {
            if (field == null) {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                boolean some = false;
                for (String f : DEFAULT_FIELDS) {
                    Query q = build.on(f);
                    if (q != null) {
                        any.add(q, BooleanClause.Occur.SHOULD);
                        some = true;
                    }
                }
                return some ? any.build() : null;
            }
            String resolved = FIELDS.get(field);
            if (resolved == null) {
                throw new SyntaxProblem("unknown field '" + field + ":'; use title:, source:, lang:, concept: or about:",
                        positionOf(field + ":"));
            }
            return build.on(resolved);
        }

        private static boolean isConcept(String field) {
            return "concept".equals(field) || "about".equals(field);
        }

        /** The concept id for what follows {@code concept:} or {@code about:}; a syntax problem when unknown. */
        private String resolve(String field, String written, boolean quoted) {
            return concepts.idOf(written).orElseThrow(() -> new SyntaxProblem("unknown concept '" + written
                    + "' after '" + field + ":'; use a concept id such as place/belarus or the label of a"
                    + " concept" + (quoted ? "" : " (in quotes when it has several words)"),
                    positionOf(quoted ? "\"" + written : written)));
        }

        private Query record(String display, Query query) {
            if (query != null) leaves.add(new Leaf(display, query));
            return query;
        }

        private static String prefix(String field) {
            return field == null ? "" : field + ":";
        }

        /** Where the clause being built starts in the reader's text: at the parser's current token if it fits. */
        private int positionOf(String fragment) {
            int at = -1;
            if (token != null && token.image != null && token.image.contains(fragment)) {
                at = token.beginColumn;
            }
            if (at < 0) at = source.text.indexOf(fragment);
            return at < 0 ? -1 : source.original(at);
        }
    }

    // ---- errors

    private static QuerySyntaxException translate(ParseException wrapped, Escaped escaped, String text) {
        Throwable cause = wrapped.getCause();
        if (cause instanceof TokenMgrError lexical) {
            Matcher m = LEXICAL_COLUMN.matcher(String.valueOf(lexical.getMessage()));
            int at = m.find() ? escaped.original(Math.max(0, Integer.parseInt(m.group(1)) - 1)) : -1;
            return new QuerySyntaxException("Query error" + (at >= 0 ? " at position " + at : "")
                    + ": cannot read the query here (a stray backslash?)", at);
        }
        if (!(cause instanceof ParseException e) || e.currentToken == null || e.currentToken.next == null) {
            return new QuerySyntaxException("Query error: " + wrapped.getMessage(), -1);
        }
        Token current = e.currentToken;
        Token next = current.next;
        boolean atEnd = next.kind == QueryParserConstants.EOF;
        int at = atEnd ? text.length() : escaped.original(next.beginColumn);
        // after an operator, a field prefix or '(' only a clause can come; elsewhere the parser also
        // accepts more clauses, which says nothing useful
        boolean needsClause = current.image == null || switch (current.kind) {
            case QueryParserConstants.AND, QueryParserConstants.OR, QueryParserConstants.NOT,
                 QueryParserConstants.PLUS, QueryParserConstants.MINUS, QueryParserConstants.COLON,
                 QueryParserConstants.LPAREN -> true;
            default -> false;
        };
        String after = current.image == null ? "at the start" : "after " + describe(current, escaped.text);
        String message;
        if (atEnd && needsClause) {
            message = "expected a word, a phrase or '(' " + after;
        } else if (atEnd && expects(e, QueryParserConstants.RPAREN)) {
            message = "expected ')' to close the '(' before the end of the query";
        } else if (atEnd) {
            message = "the query ends too early";
        } else {
            message = "unexpected " + describe(next, escaped.text) + " " + after
                    + (needsClause ? "; expected a word, a phrase or '('" : "");
        }
        return new QuerySyntaxException("Query error at position " + at + ": " + message, at);
    }

    private static boolean expects(ParseException e, int kind) {
        if (e.expectedTokenSequences == null) return false;
        for (int[] sequence : e.expectedTokenSequences) {
            if (sequence.length > 0 && sequence[0] == kind) return true;
        }
        return false;
    }

    private static String describe(Token token, String text) {
        return switch (token.kind) {
            case QueryParserConstants.AND, QueryParserConstants.OR, QueryParserConstants.NOT -> token.image;
            case QueryParserConstants.EOF -> "the end";
            case QueryParserConstants.COLON -> {
                Matcher field = Pattern.compile("([\\p{L}\\d_]+)\\s*$").matcher(text.substring(0, token.beginColumn));
                yield field.find() ? "'" + field.group(1) + ":'" : "':'";
            }
            default -> "'" + token.image + "'";
        };
    }

    /** An unclosed phrase is reported at its opening quote, where the reader can see it. */
    private static void checkQuotes(String text) throws QuerySyntaxException {
        int open = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                open = open < 0 ? i : -1;
            }
        }
        if (open >= 0) {
            throw new QuerySyntaxException("Query error at position " + open
                    + ": the phrase that starts here has no closing '\"'", open);
        }
    }

    private static int firstExclusion(String text) {
        Matcher m = Pattern.compile("(?<![\\p{L}\\d])(NOT\\b|-|!)").matcher(text);
        return m.find() ? m.start() : 0;
    }

    // ---- structure

    /** True when some boolean query (the whole or a part) has only NOT clauses, which match nothing. */
    private static boolean hasOnlyExclusions(Query query) {
        boolean[] found = {false};
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                if (parent instanceof BooleanQuery b && !b.clauses().isEmpty()
                        && b.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT)) {
                    found[0] = true;
                }
                return this;
            }
        });
        return found[0];
    }

    /** The recorded leaves that can make the plain query match: those not under a NOT, as for a Lucene query. */
    private static List<PlainQuery.Leaf> positiveLeaves(PlainQuery query, List<PlainQuery.Leaf> recorded) {
        Set<PlainQuery> positive = Collections.newSetFromMap(new IdentityHashMap<>());
        addPositive(query, positive);
        List<PlainQuery.Leaf> leaves = new ArrayList<>(recorded.size());
        for (PlainQuery.Leaf leaf : recorded) if (positive.contains(leaf.node())) leaves.add(leaf);
        return List.copyOf(leaves);
    }

    /**
     * As a Lucene boolean query visits its clauses: those of one occurrence as a multiset, so of equal
     * clauses only the first is visited ("a OR b OR a" explains with its first "a" only).
     */
    private static void addPositive(PlainQuery query, Set<PlainQuery> positive) {
        positive.add(query);
        if (query instanceof PlainQuery.Bool b) {
            List<PlainQuery> clauses = b.clauses();
            next:
            for (int i = 0; i < clauses.size(); i++) {
                BooleanClause.Occur occur = b.occurs().get(i);
                if (occur == BooleanClause.Occur.MUST_NOT) continue;
                for (int j = 0; j < i; j++) {
                    if (b.occurs().get(j) == occur && sameQuery(clauses.get(j), clauses.get(i))) continue next;
                }
                addPositive(clauses.get(i), positive);
            }
        }
    }

    /** Whether the Lucene queries of the nodes are equal: boolean ones compare their clauses per occurrence, in any order. */
    private static boolean sameQuery(PlainQuery a, PlainQuery b) {
        if (!(a instanceof PlainQuery.Bool x) || !(b instanceof PlainQuery.Bool y)) return a.equals(b);
        // a quick no: the words, phrases and prefixes that may match differ (nearly always so)
        if (leafSum(x) != leafSum(y)) return false;
        if (x.equals(y)) return true;
        for (BooleanClause.Occur occur : BooleanClause.Occur.values()) {
            List<PlainQuery> mine = new ArrayList<>();
            List<PlainQuery> theirs = new ArrayList<>();
            for (int i = 0; i < x.clauses().size(); i++) if (x.occurs().get(i) == occur) mine.add(x.clauses().get(i));
            for (int i = 0; i < y.clauses().size(); i++) if (y.occurs().get(i) == occur) theirs.add(y.clauses().get(i));
            // MUST_NOT clauses are a set in Lucene, the others a multiset
            if (occur == BooleanClause.Occur.MUST_NOT) {
                if (!containsAll(mine, theirs) || !containsAll(theirs, mine)) return false;
            } else {
                if (mine.size() != theirs.size()) return false;
                matching:
                for (PlainQuery m : mine) {
                    for (int k = 0; k < theirs.size(); k++) {
                        if (sameQuery(m, theirs.get(k))) {
                            theirs.remove(k);
                            continue matching;
                        }
                    }
                    return false;
                }
            }
        }
        return true;
    }

    /** A sum over the clauses that are not boolean and not excluded, equal for equal queries whatever the order. */
    private static int leafSum(PlainQuery.Bool b) {
        int sum = 0;
        for (int i = 0; i < b.clauses().size(); i++) {
            BooleanClause.Occur occur = b.occurs().get(i);
            if (occur != BooleanClause.Occur.MUST_NOT && !(b.clauses().get(i) instanceof PlainQuery.Bool)) {
                sum += b.clauses().get(i).hashCode() * 31 + occur.ordinal();
            }
        }
        return sum;
    }

    private static boolean containsAll(List<PlainQuery> all, List<PlainQuery> some) {
        outer:
        for (PlainQuery s : some) {
            for (PlainQuery a : all) if (sameQuery(a, s)) continue outer;
            return false;
        }
        return true;
    }

    /** The recorded leaves that can make the query match: those not under a NOT. */
    private static List<Leaf> positiveLeaves(Query query, List<Leaf> recorded) {
        Set<Query> positive = Collections.newSetFromMap(new IdentityHashMap<>());
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                if (occur == BooleanClause.Occur.MUST_NOT) return QueryVisitor.EMPTY_VISITOR;
                positive.add(parent);
                return this;
            }

            @Override
            public void consumeTerms(Query q, org.apache.lucene.index.Term... terms) {
                positive.add(q);
            }

            @Override
            public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                positive.add(q);
            }

            @Override
            public void visitLeaf(Query q) {
                positive.add(q);
            }
        });
        return recorded.stream().filter(l -> positive.contains(l.query())).toList();
    }

    // ---- escaping

    /**
     * The reader's text made fit for the classic parser: '/' escaped (so {@code concept:place/belarus}
     * is one term, not a regular expression) and line breaks and tabs made spaces; with the way back
     * from a position in the escaped text to one in the reader's.
     */
    private record Escaped(String text, int[] origin) {
        static Escaped of(String original) {
            StringBuilder out = new StringBuilder(original.length() + 8);
            int[] origin = new int[original.length() * 2 + 1];
            for (int i = 0; i < original.length(); i++) {
                char c = original.charAt(i);
                if (c == '\\' && i + 1 < original.length()) {
                    origin[out.length()] = i;
                    out.append(c);
                    origin[out.length()] = i + 1;
                    out.append(original.charAt(++i));
                    continue;
                }
                if (c == '/') {
                    origin[out.length()] = i;
                    out.append('\\');
                }
                origin[out.length()] = i;
                out.append(Character.isWhitespace(c) ? ' ' : c);
            }
            origin[out.length()] = original.length();
            return new Escaped(out.toString(), origin);
        }

        int original(int escapedPosition) {
            if (escapedPosition < 0) return -1;
            return origin[Math.min(escapedPosition, text.length())];
        }
    }
}
