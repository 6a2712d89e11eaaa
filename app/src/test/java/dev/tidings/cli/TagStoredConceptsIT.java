package dev.tidings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.pipeline.TaxonomyCuration;
import dev.tidings.store.ConceptStore;
import dev.tidings.testing.Cli;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tidings tag} applies the concepts stored in the data folder's database, as {@code import} does. */
class TagStoredConceptsIT {
    private static final String ARTICLE = """
            The port of Vellmark named Orla Brannagh as its new harbour master on Tuesday.

            Brannagh ran the port of a smaller town for a decade. Vellmark handled record traffic last year,
            and its council wants the new harbour master to start next month.
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName("tag tags an admin's concept and a discovered one stored in the database")
    void tagAppliesStoredConcepts() throws IOException {
        Path data = dir.resolve("data");
        try (Tidings tidings = new Tidings(Config.load(data, Map.of()), InstantSource.system())) {
            var outcome = tidings.curation().define("""
                    {"id": "place/vellmark", "label": "Vellmark", "description": "A port town"}""", null, true);
            assertThat(outcome).isInstanceOf(TaxonomyCuration.Outcome.Saved.class);
            new ConceptStore(tidings.database()).addDiscovered("person/orla-brannagh",
                    "{\"id\":\"person/orla-brannagh\",\"label\":\"Orla Brannagh\",\"discovered\":true}");
        }
        Path article = dir.resolve("harbour.txt");
        Files.writeString(article, ARTICLE, StandardCharsets.UTF_8);

        Cli.Run run = new Cli(data).run("tag", "--json", article.toString());

        assertThat(run.exit()).as(run.all()).isZero();
        List<String> ids = conceptIds(run.out());
        assertThat(ids).contains("place/vellmark", "person/orla-brannagh");
    }

    @Test
    @DisplayName("tag on a data folder without a database creates none and tags with the bundled taxonomy")
    void tagWithoutDatabaseCreatesNone() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path article = dir.resolve("harbour.txt");
        Files.writeString(article, ARTICLE, StandardCharsets.UTF_8);

        Cli.Run run = new Cli(data).run("tag", "--json", article.toString());

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(conceptIds(run.out())).doesNotContain("place/vellmark", "person/orla-brannagh");
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tidings.db"))).isEmpty();
        }
    }

    private static List<String> conceptIds(String jsonLine) throws IOException {
        JsonNode out = new ObjectMapper().readTree(jsonLine);
        List<String> ids = new ArrayList<>();
        out.path("concepts").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }
}
