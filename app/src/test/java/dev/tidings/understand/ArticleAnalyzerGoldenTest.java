package dev.tidings.understand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Quote;
import dev.tidings.model.Relevance;
import dev.tidings.model.Understanding;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden cases: {@code src/test/resources/understand/<case>.txt} is an article, and
 * {@code <case>.expected.json} says what must hold for it:
 * <ul>
 *   <li>{@code language}: the detected (or given) language</li>
 *   <li>{@code about}, {@code mentions}: concept ids that must be tagged with that relevance</li>
 *   <li>{@code tagged}: ids that must be tagged, with either relevance</li>
 *   <li>{@code absent}: ids that must not be tagged</li>
 *   <li>{@code quotes}: quotes that must be found, in order, each with {@code speaker} (id or null),
 *       optional {@code speakerLabel}, {@code textStartsWith}, optional {@code textContains}</li>
 *   <li>{@code quoteCount}: the exact number of quotes, when given</li>
 *   <li>{@code notQuoted}: words that must not be (part of) any quote</li>
 * </ul>
 * An optional {@code <case>.taxonomy.json} ({@code {"concepts": [...]}}) is laid over the bundled
 * taxonomy for that case, as an admin's file would be: for rules the bundled data has no use for.
 */
class ArticleAnalyzerGoldenTest {
    private static ArticleAnalyzer analyzer;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void buildAnalyzer() {
        analyzer = new ArticleAnalyzer(Taxonomy.bundled());
    }

    static Path casesDir() throws URISyntaxException {
        return Path.of(ArticleAnalyzerGoldenTest.class.getResource("/understand").toURI());
    }

    static Stream<String> cases() throws Exception {
        try (Stream<Path> files = Files.list(casesDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.json"))
                    .map(n -> n.substring(0, n.length() - ".expected.json".length())).sorted().toList().stream();
        }
    }

    @Test
    void thereAreEnoughGoldenCases() throws Exception {
        assertThat(cases().count()).isGreaterThanOrEqualTo(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void articleIsUnderstoodAsExpected(String name) throws Exception {
        Path dir = casesDir();
        Path extra = dir.resolve(name + ".taxonomy.json");
        ArticleAnalyzer caseAnalyzer = !Files.exists(extra) ? analyzer : new ArticleAnalyzer(
                Taxonomy.bundled().extendedWith(Taxonomy.definitions(Files.readString(extra))));
        Understanding u = caseAnalyzer.analyze(TestArticles.read(dir.resolve(name + ".txt")));
        JsonNode expected = JSON.readTree(dir.resolve(name + ".expected.json").toFile());
        String found = describe(u);

        SoftAssertions soft = new SoftAssertions();
        if (expected.has("language")) {
            soft.assertThat(u.language()).as("language").isEqualTo(expected.get("language").asText());
        }
        for (JsonNode id : expected.path("about")) {
            soft.assertThat(tag(u, id.asText()).map(ConceptTag::relevance))
                    .as("%s must be about; found:%n%s", id.asText(), found).contains(Relevance.ABOUT);
        }
        for (JsonNode id : expected.path("mentions")) {
            soft.assertThat(tag(u, id.asText()).map(ConceptTag::relevance))
                    .as("%s must be a mention; found:%n%s", id.asText(), found).contains(Relevance.MENTIONS);
        }
        for (JsonNode id : expected.path("tagged")) {
            soft.assertThat(tag(u, id.asText())).as("%s must be tagged; found:%n%s", id.asText(), found).isPresent();
        }
        for (JsonNode id : expected.path("absent")) {
            soft.assertThat(tag(u, id.asText())).as("%s must not be tagged; found:%n%s", id.asText(), found).isEmpty();
        }
        int from = 0;
        for (JsonNode q : expected.path("quotes")) {
            String start = q.get("textStartsWith").asText();
            int at = indexOfQuote(u.quotes(), start, from);
            soft.assertThat(at).as("a quote starting '%s' after quote %d; found:%n%s", start, from, found).isGreaterThanOrEqualTo(0);
            if (at < 0) continue;
            Quote quote = u.quotes().get(at);
            String speaker = q.get("speaker").isNull() ? null : q.get("speaker").asText();
            soft.assertThat(quote.speakerId()).as("speaker of '%s'", start).isEqualTo(speaker);
            if (q.has("speakerLabel")) {
                soft.assertThat(quote.speakerLabel()).as("speaker label of '%s'", start).isEqualTo(q.get("speakerLabel").asText());
            }
            if (q.has("textContains")) {
                soft.assertThat(quote.text()).as("quote '%s'", start).contains(q.get("textContains").asText());
            }
            from = at + 1;
        }
        if (expected.has("quoteCount")) {
            soft.assertThat(u.quotes()).as("quotes; found:%n%s", found).hasSize(expected.get("quoteCount").asInt());
        }
        for (JsonNode word : expected.path("notQuoted")) {
            soft.assertThat(u.quotes()).as("no quote is '%s'", word.asText())
                    .noneMatch(q -> q.text().contains(word.asText()));
        }
        soft.assertThat(u.concepts()).as("tags are sorted by score")
                .isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        soft.assertAll();
    }

    private static Optional<ConceptTag> tag(Understanding u, String id) {
        return u.concepts().stream().filter(t -> t.conceptId().equals(id)).findFirst();
    }

    private static int indexOfQuote(List<Quote> quotes, String start, int from) {
        for (int i = from; i < quotes.size(); i++) {
            if (quotes.get(i).text().startsWith(start)) return i;
        }
        return -1;
    }

    static String describe(Understanding u) {
        StringBuilder sb = new StringBuilder();
        for (ConceptTag t : u.concepts()) {
            sb.append(String.format("  %s %s %.3f x%d%n", t.conceptId(), t.relevance(), t.score(), t.mentions()));
        }
        for (Quote q : u.quotes()) sb.append("  quote [").append(q.speakerId()).append("] ").append(q.text()).append('\n');
        return sb.toString();
    }
}
