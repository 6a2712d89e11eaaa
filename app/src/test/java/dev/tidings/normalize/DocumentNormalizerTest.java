package dev.tidings.normalize;

import dev.tidings.model.Document;
import dev.tidings.model.Published;
import dev.tidings.model.Submission;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentNormalizerTest {
    private final DocumentNormalizer normalizer = new DocumentNormalizer();

    private static Submission submission(String title, String text, List<String> boilerplate) {
        return new Submission("test.txt", title, Published.on(LocalDate.of(2022, 1, 2)), " https://e.example/a ",
                "Source", null, "en", text, boilerplate);
    }

    @Test
    void aGivenTitleIsKeptAndCleaned() {
        Document d = normalizer.normalize(submission("  Riga\u00A0port  grows ", "Body text here.", List.of()));
        assertThat(d.title()).isEqualTo("Riga port grows");
        assertThat(d.url()).isEqualTo("https://e.example/a");
        assertThat(d.published()).isEqualTo(Published.on(LocalDate.of(2022, 1, 2)));
    }

    @Test
    void aDerivedTitleNeverComesFromBoilerplate() {
        Document d = normalizer.normalize(submission(null,
                "Download our app for the latest news.\n\nThe ferry to Helsinki was cancelled. Storms are expected.",
                List.of()));
        assertThat(d.title()).isEqualTo("The ferry to Helsinki was cancelled");
        assertThat(d.boilerplate()).containsExactly("Download our app for the latest news.");
    }

    @Test
    void aLongFirstSentenceIsCutAtAWordBoundaryBeforeOneHundredCharacters() {
        String sentence = "The council of the city of Tartu voted on Tuesday evening to rename the central square "
                + "after a nineteenth-century poet who was born in the town.";
        Document d = normalizer.normalize(submission(null, sentence, List.of()));
        assertThat(d.title()).endsWith("…").hasSizeLessThanOrEqualTo(101);
        assertThat(sentence).startsWith(d.title().replace("…", ""));
        assertThat(d.title().replace("…", "")).doesNotEndWith(" ");
        assertThat(sentence.charAt(d.title().length() - 1)).isEqualTo(' ');
    }

    @Test
    void boilerplateFromTheReaderComesFirstThenDetectedBoilerplateInOrder() {
        Document d = normalizer.normalize(submission("T",
                "Read more: other story\n\nReal text about the port.\n\nFollow us on Twitter for updates.",
                List.of("A crane at dusk. Photo: A. Berg/Reuters")));
        assertThat(d.boilerplate()).containsExactly("A crane at dusk. Photo: A. Berg/Reuters",
                "Read more: other story", "Follow us on Twitter for updates.");
        assertThat(d.text()).isEqualTo("Real text about the port.");
    }

    @Test
    void whenEverythingLooksLikeBoilerplateTheTextIsKept() {
        Document d = normalizer.normalize(submission(null, "Subscribe to our newsletter.", List.of()));
        assertThat(d.text()).isEqualTo("Subscribe to our newsletter.");
        assertThat(d.boilerplate()).isEmpty();
    }

    @Test
    void theSummaryIsTheFirstTwoSentencesWhenTheyFit() {
        Document d = normalizer.normalize(submission("T",
                "Mr. Berg arrived in the U.S. on Monday. He met officials. He left on Friday.", List.of()));
        assertThat(d.summary()).isEqualTo("Mr. Berg arrived in the U.S. on Monday. He met officials.");
    }

    @Test
    void aVeryLongFirstSentenceGivesAShortenedSummary() {
        String words = "word ".repeat(120).strip() + ".";
        Document d = normalizer.normalize(submission("T", words, List.of()));
        assertThat(d.summary()).endsWith("…").hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void paragraphsAreSeparatedByExactlyOneBlankLine() {
        Document d = normalizer.normalize(submission("T", "\n\nOne.\n\n\n\n \n\nTwo.\n\n", List.of()));
        assertThat(d.text()).isEqualTo("One.\n\nTwo.");
        assertThat(d.paragraphs()).containsExactly("One.", "Two.");
    }

    @Test
    void markupInATitleIsShownAsItsWordsNotAsTags() {
        Document d = normalizer.normalize(submission("Talks <b>resume</b> &amp; continue <script>x()</script>",
                "Talks resumed on Monday.", List.of()));
        assertThat(d.title()).isEqualTo("Talks resume & continue");
    }
}
