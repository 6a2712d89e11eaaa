package dev.tidings.understand;

import dev.tidings.model.ConceptTag;
import dev.tidings.model.Document;
import dev.tidings.model.Understanding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleAnalyzerTest {
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer(Taxonomy.bundled());

    private static Document doc(String title, String language, String... paragraphs) {
        return TestArticles.document("test", title, language, List.of(String.join("\n\n", paragraphs).split("\n", -1)));
    }

    private static List<String> ids(Understanding u) {
        return u.concepts().stream().map(ConceptTag::conceptId).toList();
    }

    @Test
    void languageGivenByTheDocumentIsTrusted() {
        Understanding u = analyzer.analyze(doc("Sanctions on Belarus", "en-GB",
                "Die Regierung hat am Montag neue Sanktionen gegen Belarus angekündigt, die von der EU beschlossen wurden."));
        assertThat(u.language()).isEqualTo("en");
    }

    @Test
    void lowercaseCommonWordsAreNotCountries() {
        Understanding u = analyzer.analyze(doc("Kitchen notes", null,
                "We carved the turkey on the best china while a guy called chad poured the wine from jordan almonds."));
        assertThat(ids(u)).doesNotContain("place/turkey", "place/china", "place/chad", "place/jordan");
    }

    @Test
    void namesInsideLongerWordsDoNotCount() {
        Understanding u = analyzer.analyze(doc("Notes", null,
                "The Omanis and Iranians met; the Nigerian delegation left. Chadwick and Perugia were also mentioned."));
        assertThat(ids(u)).doesNotContain("place/chad", "place/peru", "place/niger");
        assertThat(ids(u)).contains("place/nigeria");
    }

    @Test
    void possessivesCountAsMentions() {
        Understanding u = analyzer.analyze(doc("Border", null,
                "Belarus’ border guards waited. Lukashenko’s spokesman said Poland's fence was illegal. Lukashenko's allies agreed."));
        assertThat(u.concepts()).filteredOn(t -> t.conceptId().equals("person/alexander-lukashenko"))
                .singleElement().extracting(ConceptTag::mentions).isEqualTo(2);
        assertThat(ids(u)).contains("place/belarus", "place/poland");
    }

    @Test
    void aSurnameCountsForThePersonNamedInFullBefore() {
        Understanding u = analyzer.analyze(doc("Talks", null,
                "Magnus Brunner met ministers in Warsaw. Brunner said more money would come. Later Brunner left."));
        assertThat(u.concepts()).filteredOn(t -> t.conceptId().equals("person/magnus-brunner"))
                .singleElement().extracting(ConceptTag::mentions).isEqualTo(3);
    }

    @Test
    void aBareSurnameThatIsNotAnAliasNeedsTheFullNameFirst() {
        Understanding u = analyzer.analyze(doc("Talks", null, "Brunner said more money would come for border guards."));
        assertThat(ids(u)).doesNotContain("person/magnus-brunner");
    }

    @Test
    void emptyBodyGivesNoConceptsAndNoQuotes() {
        Understanding u = analyzer.analyze(new Document("test", "", null, null, null, null, null, "", "", List.of()));
        assertThat(u.concepts()).isEmpty();
        assertThat(u.quotes()).isEmpty();
        assertThat(u.language()).isEqualTo("en");
    }

    @Test
    void oneAnalyzerServesManyThreadsWithTheSameResults() throws Exception {
        Document d = doc("Lithuania asks EU for help", null,
                "Migrants crossed from Belarus into Lithuania, and asylum applications rose, Frontex said.",
                "“We will not be left alone,” Interior minister Agne Petraityte said in Vilnius.");
        Understanding expected = analyzer.analyze(d);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Understanding>> results = pool.invokeAll(java.util.Collections.nCopies(40, () -> analyzer.analyze(d)));
            for (Future<Understanding> f : results) assertThat(f.get()).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
