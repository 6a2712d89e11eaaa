package dev.tidings.match;

import dev.tidings.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The query language, case by case, from {@code match/queries.tsv}. */
class SavedQueryTest {
    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = SavedQueryTest.class.getResourceAsStream("/match/queries.tsv")) {
            String tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return tsv.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> {
                String[] cols = l.split("\t", -1);
                if (cols.length != 4) throw new IllegalStateException("expected 4 tab-separated columns: " + l);
                return Arguments.of(cols[0], cols[1], cols[2], cols[3]);
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void queryCase(String name, String query, String articleName, String expected) {
        if (expected.startsWith("error at ")) {
            QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> SavedQuery.parse(query));
            assertThat(e).as("%s should not parse", query).isNotNull();
            String rest = expected.substring("error at ".length());
            int position = Integer.parseInt(rest.substring(0, rest.indexOf(':')));
            String message = rest.substring(rest.indexOf(':') + 2);
            assertThat(e.getMessage()).isEqualTo("Query error at position " + position + ": " + message);
            assertThat(e.position()).isEqualTo(position);
            return;
        }
        SavedQuery saved = parse(query);
        Article article = Articles.named(articleName);
        if (expected.equals("no match")) {
            assertThat(saved.matches(article)).as("%s should not match %s", query, articleName).isFalse();
        } else {
            assertThat(expected).startsWith("match: ");
            assertThat(saved.matches(article)).as("%s should match %s", query, articleName).isTrue();
            List<String> fired = Arrays.asList(expected.substring("match: ".length()).split(", "));
            assertThat(saved.firedTerms(article)).containsExactlyElementsOf(fired);
        }
    }

    @Test
    void anEmptyQueryIsRefused() {
        for (String blank : List.of("", "   ", "\t\n")) {
            assertThatThrownBy(() -> SavedQuery.parse(blank)).isInstanceOf(QuerySyntaxException.class)
                    .hasMessage("Query error: the query is empty; type the words to look for");
        }
    }

    @Test
    void aQueryOfPunctuationOnlyHasNothingToLookFor() {
        assertThatThrownBy(() -> SavedQuery.parse("\"...\"")).isInstanceOf(QuerySyntaxException.class)
                .hasMessage("Query error: the query has no words to look for");
    }

    @Test
    void theTextIsKeptAsWritten() {
        assertThat(parse("Lukashenko AND (migrants OR border)").text()).isEqualTo("Lukashenko AND (migrants OR border)");
    }

    @Test
    void aPositionAfterALineBreakCountsFromTheStartOfTheText() {
        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class,
                () -> SavedQuery.parse("border\nAND"));
        assertThat(e.position()).isEqualTo(10);
    }

    private static SavedQuery parse(String query) {
        try {
            return SavedQuery.parse(query);
        } catch (QuerySyntaxException e) {
            throw new AssertionError("'" + query + "' should parse: " + e.getMessage(), e);
        }
    }

    @Test
    void conceptsCanBeNamedByLabelThroughTheResolverGiven() throws QuerySyntaxException {
        ConceptResolver taxonomy = text -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "eu immigration", "topic/eu-immigration" -> java.util.Optional.of("topic/eu-immigration");
            case "belarus", "place/belarus" -> java.util.Optional.of("place/belarus");
            default -> java.util.Optional.empty();
        };

        SavedQuery about = SavedQuery.parse("about:\"EU immigration\"", taxonomy);
        SavedQuery any = SavedQuery.parse("concept:Belarus", taxonomy);

        assertThat(about.matches(Articles.named("asylum-vote"))).isTrue();
        assertThat(about.matches(Articles.named("belarus-border"))).as("only mentions EU immigration").isFalse();
        assertThat(about.firedTerms(Articles.named("asylum-vote"))).containsExactly("about:\"EU immigration\"");
        assertThat(any.matches(Articles.named("asylum-vote"))).as("mentions Belarus").isTrue();
    }

    @Test
    void anUnknownConceptIsAnErrorAtItsPosition() {
        ConceptResolver none = text -> java.util.Optional.empty();

        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class,
                () -> SavedQuery.parse("border about:\"Atlantis\"", none));

        assertThat(e.position()).isEqualTo(13);
        assertThat(e.getMessage()).isEqualTo("Query error at position 13: unknown concept 'Atlantis' after 'about:';"
                + " use a concept id such as place/belarus or the label of a concept");
    }
}
