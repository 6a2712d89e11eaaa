package dev.tidings.match;

import dev.tidings.understand.Taxonomy;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written parser of the plain forms and Lucene's classic parser agree on every text: the same
 * query, the same leaves, the same clauses for the matcher, the same error. Hand-written edge cases
 * from {@code match/plain-queries.txt} and {@code match/queries.tsv}, and generated workloads.
 */
class PlainQueryParserTest {
    private static final Analyzer ANALYZER = ArticleFields.analyzer();
    /** Shared by every test, as a start shares them between all its searches. */
    private static final PlainQueryParser.Analyses ANALYSES = new PlainQueryParser.Analyses();
    /** One for every test too, so that clauses met in earlier searches are reused, as in a matcher. */
    private static final ClauseTranslator TRANSLATOR = new ClauseTranslator(new TermIds());
    /** Concepts by id as written, or a few by label, as a taxonomy would resolve them. */
    private static final ConceptResolver CONCEPTS = text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "eu immigration" -> Optional.of("topic/eu-immigration");
        case "belarus" -> Optional.of("place/belarus");
        case "atlantis" -> Optional.empty();
        default -> ConceptResolver.IDS_AS_WRITTEN.idOf(text);
    };

    static Stream<String> handWritten() throws IOException {
        List<String> texts = new ArrayList<>(lines("/match/plain-queries.txt"));
        for (String row : lines("/match/queries.tsv")) texts.add(row.split("\t", -1)[1]);
        // line breaks and tabs, which the classic path turns into spaces before parsing
        texts.addAll(List.of("border\nAND fence", "\"border\tguards\"", "a\tOR\nb", "border\n", "\u3000border"));
        // repeated clauses: Lucene keeps one of equal clauses per occurrence, and explains with the first
        texts.addAll(List.of("border OR fence OR border", "border (a OR b) (b OR a)", "x -y -y", "migra* migra*",
                "\"a b\" OR \"a b\"~0", "(a OR b) (a OR b) -(b OR a)", "title:x title:x OR x"));
        return texts.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handWritten")
    void aHandWrittenQueryComesOutAsTheClassicParserMakesIt(String text) {
        assertSameAsClassic(text);
    }

    @Test
    void theCommonFormsAreTakenByThePlainParser() {
        for (String text : List.of("border", "border fence", "\"border guards\"~3", "a OR b", "a -b",
                "(a OR \"b c\") AND NOT d", "title:border", "about:place/belarus migrants", "migra*", "lang:de x",
                "about:\"EU immigration\"", "concept:Belarus")) {
            assertThat(assertSameAsClassic(text)).as(text).isTrue();
        }
    }

    @Test
    void errorsAndRareFormsAreLeftToTheClassicParser() {
        for (String text : List.of("border AND", "NOT border", "(border", "foo:bar", "bord?r", "border~", "a && b",
                "about:\"Atlantis\"", "cross-border", "+a b", "a\\ b")) {
            assertThat(PlainQueryParser.parse(text, ANALYZER, CONCEPTS) != null
                    && !text.startsWith("NOT")).as(text).isFalse();
            assertSameAsClassic(text);
        }
    }

    @Test
    void generatedAlertSearchesComeOutAsTheClassicParserMakesThem() {
        SyntheticNews news = new SyntheticNews(Taxonomy.bundled().all(), 100_000);
        int plain = 0;
        List<String> texts = news.searches(20_000, 5);
        for (String text : texts) if (assertSameAsClassic(text)) plain++;
        // every form the workload generates is a plain one
        assertThat(plain).isEqualTo(texts.size());
    }

    @Test
    void generatedSearchesInEveryFormComeOutAsTheClassicParserMakesThem() {
        RandomCorpus corpus = new RandomCorpus(3);
        int plain = 0;
        int n = 5_000;
        for (int i = 0; i < n; i++) if (assertSameAsClassic(corpus.search())) plain++;
        // wildcards inside words and fuzzy words (about one search in 24) are the classic parser's
        assertThat(plain).isBetween(n * 9 / 10, n - 1);
    }

    /**
     * Asserts that the text compiles to the same outcome both ways; true when the plain parser took it.
     */
    private static boolean assertSameAsClassic(String text) {
        QueryCompiler.Compiled classic = null;
        QuerySyntaxException classicError = null;
        try {
            classic = QueryCompiler.compileClassic(text, ANALYZER, CONCEPTS);
        } catch (QuerySyntaxException e) {
            classicError = e;
        }
        QueryCompiler.Compiled compiled = null;
        QuerySyntaxException error = null;
        try {
            compiled = QueryCompiler.compile(text, ANALYZER, CONCEPTS, ANALYSES);
        } catch (QuerySyntaxException e) {
            error = e;
        }
        if (classicError != null) {
            assertThat(error).as("'%s' should fail as in the classic parser", text).isNotNull();
            assertThat(error.getMessage()).isEqualTo(classicError.getMessage());
            assertThat(error.position()).isEqualTo(classicError.position());
            return false;
        }
        assertThat(error).as("'%s' should parse", text).isNull();
        assertThat(compiled.query()).as(text).isEqualTo(classic.query());
        assertThat(compiled.query().toString()).as(text).isEqualTo(classic.query().toString());
        assertThat(compiled.leaves()).as(text).hasSameSizeAs(classic.leaves());
        var seenClassic = ClauseTranslator.newSeen();
        var seen = ClauseTranslator.newSeen();
        // hash-consed: the same instance exactly when the two clauses are equal
        assertThat(TRANSLATOR.translate(compiled.query(), seen)).as(text)
                .isSameAs(TRANSLATOR.translate(classic.query(), seenClassic));
        for (int i = 0; i < classic.leaves().size(); i++) {
            QueryCompiler.Leaf mine = compiled.leaves().get(i);
            QueryCompiler.Leaf theirs = classic.leaves().get(i);
            assertThat(mine.display()).as(text).isEqualTo(theirs.display());
            assertThat(mine.query()).as(text).isEqualTo(theirs.query());
            assertThat(TRANSLATOR.translate(mine.query(), seen)).as(text)
                    .isSameAs(TRANSLATOR.translate(theirs.query(), seenClassic));
        }
        if (compiled.plain() == null) return false;
        // and straight from the plain nodes, as a start translates them, the same clauses again
        ClauseTranslator.Translated plain = TRANSLATOR.translate(compiled.plain(), compiled.plainLeaves());
        assertThat(plain.clause()).as(text).isSameAs(TRANSLATOR.translate(classic.query(), seenClassic));
        assertThat(plain.leaves()).as(text).hasSameSizeAs(classic.leaves());
        for (int i = 0; i < classic.leaves().size(); i++) {
            QueryCompiler.Leaf theirs = classic.leaves().get(i);
            assertThat(plain.displays()[i]).as(text).isEqualTo(theirs.display());
            assertThat(plain.leaves()[i]).as(text).isSameAs(TRANSLATOR.translate(theirs.query(), seenClassic));
        }
        assertThat(PlainQueryParser.parse(text, ANALYZER, CONCEPTS)).as(text).isNotNull();
        return true;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = PlainQueryParserTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
