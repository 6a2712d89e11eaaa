package dev.tidings.understand;

import dev.tidings.model.ConceptTag;
import dev.tidings.model.Quote;
import dev.tidings.model.Relevance;
import dev.tidings.model.Understanding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The model article in {@code ../shared/seed/} (beside the repository; not shipped with it): what
 * a reader following Belarus, Lukashenko or EU immigration must get from it. Skipped when the
 * shared folder is absent.
 */
class SeedArticleTest {
    private static Understanding understanding;

    @BeforeAll
    static void analyseSeed() throws IOException {
        Optional<Path> seed = seedFile();
        assumeTrue(seed.isPresent(), "../shared/seed is not there");
        List<String> lines = Files.readAllLines(seed.get(), StandardCharsets.UTF_8);
        // the first line is a header line (date and a promo), not body text
        understanding = new ArticleAnalyzer(Taxonomy.bundled())
                .analyze(TestArticles.document(seed.get().toString(), "", null, lines.subList(1, lines.size())));
    }

    static Optional<Path> seedFile() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) dir = dir.getParent();
        if (dir == null) return Optional.empty();
        Path seeds = dir.resolve("../shared/seed").normalize();
        if (!Files.isDirectory(seeds)) return Optional.empty();
        try (Stream<Path> files = Files.list(seeds)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().findFirst();
        }
    }

    @Test
    void seedIsAboutBelarusLukashenkoAndEuImmigration() {
        assertThat(relevance("place/belarus")).contains(Relevance.ABOUT);
        assertThat(relevance("person/alexander-lukashenko")).contains(Relevance.ABOUT);
        assertThat(relevance("topic/eu-immigration")).contains(Relevance.ABOUT);
    }

    @Test
    void canadaInAListOfSanctioningCountriesIsOnlyAMention() {
        assertThat(relevance("place/canada")).contains(Relevance.MENTIONS);
    }

    @Test
    void quotesAreCreditedToYlvaJohansson() {
        List<Quote> quotes = understanding.quotes();
        assertThat(quotes).hasSizeGreaterThanOrEqualTo(8);
        long hers = quotes.stream().filter(q -> "person/ylva-johansson".equals(q.speakerId())).count();
        assertThat(hers).as("quotes credited to Johansson of %s", quotes).isGreaterThanOrEqualTo(quotes.size() - 2);
        assertThat(quotes).filteredOn(q -> "person/ylva-johansson".equals(q.speakerId()))
                .allMatch(q -> q.speakerLabel().equals("Ylva Johansson"));
        assertThat(quotes).noneMatch(q -> q.text().startsWith("“") || q.text().endsWith("”") || q.text().endsWith(","));
    }

    @Test
    void possessivesAndDemonymsCountAsMentions() {
        ConceptTag belarus = understanding.concepts().stream()
                .filter(t -> t.conceptId().equals("place/belarus")).findFirst().orElseThrow();
        // Belarus’, Minsk, Belarusians, Belarusian as well as plain Belarus
        assertThat(belarus.mentions()).isGreaterThanOrEqualTo(10);
    }

    private static Optional<Relevance> relevance(String id) {
        return understanding.concepts().stream().filter(t -> t.conceptId().equals(id)).findFirst()
                .map(ConceptTag::relevance);
    }
}
