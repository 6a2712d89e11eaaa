package dev.tidings.understand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.model.Concept;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Document;
import dev.tidings.model.Relevance;
import dev.tidings.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The breadth of the bundled taxonomy and the rules its data must keep. */
class TaxonomyDataTest {
    private final Taxonomy taxonomy = Taxonomy.bundled();
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer(taxonomy);

    private static Document doc(String title, String text) {
        return new Document("test", title, null, null, null, null, "en", text, "", List.of());
    }

    private Optional<ConceptTag> tag(Document d, String id) {
        return analyzer.analyze(d).concepts().stream().filter(t -> t.conceptId().equals(id)).findFirst();
    }

    @Test
    void theTaxonomyHasAtLeast300OrganisationsAnd60TopicsBesideEveryCountry() {
        Map<ConceptType, Long> counts = taxonomy.counts();
        assertThat(counts.get(ConceptType.ORGANISATION)).isGreaterThanOrEqualTo(300);
        assertThat(counts.get(ConceptType.TOPIC)).isGreaterThanOrEqualTo(60);
        assertThat(counts.get(ConceptType.PERSON)).isGreaterThanOrEqualTo(150);
        assertThat(counts.get(ConceptType.PLACE)).isGreaterThanOrEqualTo(450);
        for (String id : List.of("organisation/frontex", "organisation/unhcr", "organisation/nato", "organisation/taliban",
                "organisation/hamas", "organisation/world-trade-organization", "organisation/federal-reserve",
                "organisation/african-union", "organisation/organization-of-the-petroleum-exporting-countries")) {
            assertThat(taxonomy.byId(id)).as(id).isPresent();
        }
    }

    @Test
    void everyTopicButTheOriginalOneIsMappedToAnIptcMediaTopicThatExists() throws Exception {
        Set<String> known = new HashSet<>();
        Optional<Path> vocab = SharedData.find("data/vocab");
        if (vocab.isPresent()) {
            JsonNode iptc = new ObjectMapper().readTree(Files.readString(vocab.get().resolve("iptc-media-topics.json")));
            iptc.get("conceptSet").forEach(c -> known.add(c.get("qcode").asText().substring("medtop:".length())));
        }
        long mapped = 0;
        for (Concept c : taxonomy.all()) {
            if (c.type() != ConceptType.TOPIC) continue;
            Optional<String> code = taxonomy.iptc(c.id());
            if (code.isEmpty()) continue;
            mapped++;
            assertThat(code.get()).matches("\\d{8}");
            if (!known.isEmpty()) assertThat(known).as(c.id()).contains(code.get());
        }
        assertThat(mapped).isGreaterThanOrEqualTo(60);
    }

    @Test
    void theHeadsOfEveryG20CountryAreKnownPeople() {
        for (String name : List.of("Javier Milei", "Anthony Albanese", "Lula", "Mark Carney", "Xi Jinping", "Narendra Modi",
                "Prabowo Subianto", "Sanae Takaichi", "Claudia Sheinbaum", "Vladimir Putin", "Mohammed bin Salman",
                "Cyril Ramaphosa", "Lee Jae-myung", "Recep Tayyip Erdoğan", "Keir Starmer", "Donald Trump",
                "Friedrich Merz", "Emmanuel Macron", "Giorgia Meloni", "Ursula von der Leyen")) {
            assertThat(taxonomy.resolve(name)).as(name).get().extracting(Concept::type).isEqualTo(ConceptType.PERSON);
        }
    }

    @Test
    void aCityCountsForItsCountryAndADatelineMakesTheStoryAboutIt() {
        Document frankfurt = doc("Bank shares fall", "Shares of lenders fell in Frankfurt on Monday as investors sold.\n\n"
                + "Traders in Frankfurt said the mood was poor.");
        assertThat(tag(frankfurt, "place/frankfurt")).isPresent();
        assertThat(tag(frankfurt, "place/germany")).isPresent();

        Document wire = doc("ACME CORP SEES HIGHER PROFIT", "NORWALK, Conn., March 2 - Acme Corp said it expected "
                + "higher profit this year after selling two plants.\n\nThe company gave no figures.");
        assertThat(tag(wire, "place/united-states")).get().extracting(ConceptTag::relevance).isEqualTo(Relevance.ABOUT);
        assertThat(tag(wire, "place/connecticut")).isPresent();
    }

    @Test
    void shortAcronymsInAnAllCapitalsHeadlineAreOrdinaryWords() {
        Document d = doc("WHO SAYS IT WILL CUT US JOBS", "The company will cut 200 jobs at its plant in Ohio, it said on Monday.");
        assertThat(tag(d, "organisation/world-health-organization")).isEmpty();
        assertThat(tag(d, "place/ohio")).isPresent();
    }

    @Test
    void germanFrenchAndSpanishArticlesGetOrganisationsFromTheirLocalNames() {
        assertThat(analyzer.analyze(new Document("t", "Weltbank warnt", null, null, null, null, "de",
                "Die Weltbank und der Internationale Währungsfonds warnen vor einer Rezession.", "", List.of())).concepts())
                .extracting(ConceptTag::conceptId).contains("organisation/world-bank", "organisation/international-monetary-fund");
        assertThat(analyzer.analyze(new Document("t", "L'OMS alerte", null, null, null, null, "fr",
                "L'Organisation mondiale de la santé et la Banque mondiale ont publié un rapport.", "", List.of())).concepts())
                .extracting(ConceptTag::conceptId).contains("organisation/world-health-organization", "organisation/world-bank");
        assertThat(analyzer.analyze(new Document("t", "La OTAN", null, null, null, null, "es",
                "El Fondo Monetario Internacional y la Organización Mundial del Comercio se reunieron.", "", List.of())).concepts())
                .extracting(ConceptTag::conceptId).contains("organisation/international-monetary-fund", "organisation/world-trade-organization");
    }

    @Test
    void aDefinitionIsCheckedWithAnErrorNamingTheField() {
        assertThat(taxonomy.check("{\"id\": \"organisation/acme\", \"label\": \"Acme\", \"aliases\": [\"acme\"]}"))
                .isInstanceOfSatisfying(Taxonomy.Check.Invalid.class, i -> assertThat(i.error()).contains("'aliases'").contains("capital"));
        assertThat(taxonomy.check("{\"id\": \"topic/x\", \"label\": \"X\"}"))
                .isInstanceOfSatisfying(Taxonomy.Check.Invalid.class, i -> assertThat(i.error()).contains("needs a 'rule'"));
        assertThat(taxonomy.check("{\"id\": \"place/x-town\", \"label\": \"X Town\", \"colour\": \"red\"}"))
                .isInstanceOfSatisfying(Taxonomy.Check.Invalid.class, i -> assertThat(i.error()).contains("unknown field 'colour'"));
        assertThat(taxonomy.check("{\"id\": \"place/x-town\", \"label\": \"X Town\", \"partOf\": \"place/france\"}"))
                .isInstanceOf(Taxonomy.Check.Valid.class);
    }

    @Test
    void anExtendedTaxonomyTagsTheNewConceptAndAReplacedOneChanges() {
        Taxonomy extended = taxonomy.extendedWith(List.of(
                "{\"id\": \"organisation/harbour-watch\", \"label\": \"Harbour Watch\"}",
                "{\"id\": \"organisation/frontex\", \"label\": \"Frontex\", \"description\": \"changed\"}"));
        ArticleAnalyzer a = new ArticleAnalyzer(taxonomy);
        Document d = doc("Harbour Watch rescues 40", "Harbour Watch said its crew rescued 40 people near Frontex vessels.");
        assertThat(a.analyze(d).concepts()).extracting(ConceptTag::conceptId).doesNotContain("organisation/harbour-watch");
        a.use(extended);
        assertThat(a.analyze(d).concepts()).extracting(ConceptTag::conceptId).contains("organisation/harbour-watch", "organisation/frontex");
        assertThat(a.taxonomy().byId("organisation/frontex")).get().extracting(Concept::description).isEqualTo("changed");
        assertThat(taxonomy.byId("organisation/harbour-watch")).isEmpty();
    }

    @Test
    void aPersonDiscoveredByARoleIsReportedAsADiscoveredConcept() {
        ArticleAnalyzer.Analysis a = analyzer.analyzeAndDiscover(doc("Minister visits", "Foreign minister Ana Ortiz met "
                + "her counterparts on Monday.\n\nOrtiz said talks would go on."));
        assertThat(a.discovered()).extracting(Concept::id).containsExactly("person/ana-ortiz");
        assertThat(a.discovered().get(0).discovered()).isTrue();
        assertThat(a.understanding().concepts()).filteredOn(t -> t.conceptId().equals("person/ana-ortiz"))
                .singleElement().extracting(ConceptTag::mentions).isEqualTo(2);
    }
}
