package dev.tidings.understand;

import dev.tidings.model.Concept;
import dev.tidings.model.ConceptType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaxonomyTest {
    private final Taxonomy taxonomy = Taxonomy.bundled();

    @Test
    void resolvesAnIdExactly() {
        assertThat(taxonomy.resolve("place/belarus")).map(Concept::label).contains("Belarus");
        assertThat(taxonomy.byId("place/united-kingdom")).map(Concept::label).contains("United Kingdom");
    }

    @Test
    void resolvesALabelCaseInsensitively() {
        assertThat(taxonomy.resolve("belarus")).map(Concept::id).contains("place/belarus");
        assertThat(taxonomy.resolve("EU immigration")).map(Concept::id).contains("topic/eu-immigration");
        assertThat(taxonomy.resolve("eu IMMIGRATION")).map(Concept::id).contains("topic/eu-immigration");
    }

    @Test
    void resolvesCapitalsDemonymsAndForeignNames() {
        assertThat(taxonomy.resolve("Minsk")).map(Concept::id).contains("place/belarus");
        assertThat(taxonomy.resolve("Belarusians")).map(Concept::id).contains("place/belarus");
        assertThat(taxonomy.resolve("Weißrussland").or(() -> taxonomy.resolve("Biélorussie")))
                .map(Concept::id).contains("place/belarus");
        assertThat(taxonomy.resolve("Deutschland")).map(Concept::id).contains("place/germany");
        assertThat(taxonomy.resolve("UK")).map(Concept::id).contains("place/united-kingdom");
    }

    @Test
    void resolvesWithAccentsFolded() {
        assertThat(taxonomy.resolve("Erdogan")).map(Concept::id).contains("person/recep-tayyip-erdogan");
        assertThat(taxonomy.resolve("erdoğan")).map(Concept::id).contains("person/recep-tayyip-erdogan");
        assertThat(taxonomy.resolve("Cote d'Ivoire")).map(Concept::id).contains("place/ivory-coast");
    }

    @Test
    void resolvesOrganisationsByAcronymAndFormerName() {
        assertThat(taxonomy.resolve("EU")).map(Concept::id).contains("organisation/european-union");
        assertThat(taxonomy.resolve("EASO")).map(Concept::id).contains("organisation/european-union-agency-for-asylum");
        assertThat(taxonomy.resolve("European Border and Coast Guard Agency")).map(Concept::id).contains("organisation/frontex");
    }

    @Test
    void prefersThePlaceWhenANameIsAlsoSomeonesName() {
        Concept place = new Concept("place/georgia", ConceptType.PLACE, "Georgia", List.of(), "", false);
        Concept person = new Concept("person/georgia-smith", ConceptType.PERSON, "Georgia Smith", List.of("Georgia"), "", false);
        assertThat(Taxonomy.of(List.of(person, place)).resolve("georgia")).map(Concept::id).contains("place/georgia");
    }

    @Test
    void unknownNamesResolveToNothing() {
        assertThat(taxonomy.resolve("Atlantis")).isEmpty();
        assertThat(taxonomy.resolve("place/atlantis")).isEmpty();
        assertThat(taxonomy.resolve("  ")).isEmpty();
        assertThat(taxonomy.resolve(null)).isEmpty();
    }

    @Test
    void isoCodesAreDataNotNames() {
        assertThat(taxonomy.resolve("BY")).isEmpty();
        assertThat(taxonomy.resolve("BLR")).isEmpty();
        assertThat(taxonomy.byId("place/belarus").orElseThrow().aliases()).doesNotContain("BY", "BLR");
        assertThat(taxonomy.entry("place/belarus").orElseThrow().codes()).containsEntry("iso2", "BY").containsEntry("iso3", "BLR");
    }

    @Test
    void searchRanksExactThenPrefixThenSubstring() {
        List<String> ids = taxonomy.search("bel", 10).stream().map(Concept::id).toList();
        assertThat(ids).contains("place/belarus", "place/belgium", "place/belize");
        List<Concept> exact = taxonomy.search("Belarus", 5);
        assertThat(exact.get(0).id()).isEqualTo("place/belarus");
        List<String> substring = taxonomy.search("frontex", 5).stream().map(Concept::id).toList();
        assertThat(substring).first().isEqualTo("organisation/frontex");
        assertThat(taxonomy.search("lukash", 3)).extracting(Concept::id).containsExactly("person/alexander-lukashenko");
    }

    @Test
    void searchHonoursTheLimitAndIgnoresBlankText() {
        assertThat(taxonomy.search("a", 7)).hasSize(7);
        assertThat(taxonomy.search("", 7)).isEmpty();
        assertThat(taxonomy.search("zzzzqqq", 7)).isEmpty();
    }

    @Test
    void bundledTaxonomyHasEveryCountryAndTheSeedsConcepts() {
        long places = taxonomy.all().stream().filter(c -> c.type() == ConceptType.PLACE).count();
        assertThat(places).isGreaterThanOrEqualTo(249);
        assertThat(taxonomy.all()).extracting(Concept::id).contains("organisation/european-union",
                "organisation/frontex", "organisation/unhcr", "organisation/nato", "organisation/taliban",
                "person/ylva-johansson", "person/alexander-lukashenko", "person/margaritis-schinas",
                "person/vladimir-putin", "topic/eu-immigration");
        assertThat(taxonomy.byId("person/ylva-johansson").orElseThrow().description()).contains("Home Affairs");
        assertThat(Taxonomy.bundled()).isSameAs(taxonomy);
    }
}
