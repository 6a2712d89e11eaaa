package dev.tidings.normalize;

import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.SharedData;
import dev.tidings.model.Document;
import dev.tidings.model.Published;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The model article in {@code ../shared/seed/}: read and normalised, its title comes from the first real
 * paragraph, the promo on its first line and the photo caption are boilerplate. Skips when the folder is absent.
 */
class SeedArticleTest {
    @Test
    void theSeedArticleKeepsItsPromoAndCaptionOutOfTheBody() throws Exception {
        Path seed = SharedData.folder("seed");
        assumeTrue(seed != null, "../shared/seed is not present");
        Path file = firstText(seed);
        assumeTrue(file != null, "no seed article");

        Document d = new DocumentNormalizer().normalize(new ArticleReader().read(file));

        String firstParagraph = d.paragraphs().get(0);
        String titleStem = d.title().replace("…", "").strip();
        assertThat(firstParagraph).startsWith(titleStem);
        assertThat(d.title()).doesNotContainIgnoringCase("sign up").hasSizeLessThanOrEqualTo(111);
        assertThat(d.published()).isEqualTo(Published.on(LocalDate.of(2021, 8, 10)));
        assertThat(d.boilerplate()).isNotEmpty();
        assertThat(d.boilerplate().get(0)).startsWith("Sign up for");
        assertThat(d.boilerplate()).anySatisfy(b -> assertThat(b).contains("©"));
        assertThat(d.text()).doesNotContain("Sign up for").doesNotContain("©");
        assertThat(d.text()).contains("is ‘desperate’,").doesNotContain(" ‘,").doesNotContain("says .");
        assertThat(d.text()).doesNotContain(", ”").contains("Lukashenko’s");
        assertThat(d.summary()).startsWith(titleStem).hasSizeLessThanOrEqualTo(300);
    }

    private static Path firstText(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> texts = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
            return texts.isEmpty() ? null : texts.get(0);
        }
    }
}
