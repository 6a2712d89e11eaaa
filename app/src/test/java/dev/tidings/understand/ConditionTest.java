package dev.tidings.understand;

import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Relevance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionTest {
    private static Condition.Facts facts(List<ConceptTag> tags, Map<String, Set<String>> conceptTags, String text) {
        return new Condition.Facts() {
            public List<ConceptTag> tags() {
                return tags;
            }

            public Set<String> tagsOf(String id) {
                return conceptTags.getOrDefault(id, Set.of());
            }

            public boolean containsPhrase(String phrase) {
                return !new TermIndex(Map.of(phrase, 1.0)).count(TermIndex.tokens(text)).isEmpty();
            }

            public boolean near(String first, String second, int words) {
                return TermIndex.near(new Text("", List.of(text)), TermIndex.term(first, 1), TermIndex.term(second, 1), words);
            }
        };
    }

    private static final List<ConceptTag> GREECE_ABOUT_EU_MENTIONED = List.of(
            new ConceptTag("place/greece", "Greece", ConceptType.PLACE, Relevance.ABOUT, 0.9, 4),
            new ConceptTag("organisation/european-union", "European Union", ConceptType.ORGANISATION, Relevance.MENTIONS, 0.2, 1));
    private static final Map<String, Set<String>> TAGS = Map.of("place/greece", Set.of("eu", "europe"),
            "organisation/european-union", Set.of("eu"));

    @Test
    void selectorsMatchByIdTagAndTypeWithOptionalAbout() {
        Condition.Facts f = facts(GREECE_ABOUT_EU_MENTIONED, TAGS, "");
        assertThat(Condition.parse("concept:organisation/european-union").test(f)).isTrue();
        assertThat(Condition.parse("about:organisation/european-union").test(f)).isFalse();
        assertThat(Condition.parse("about:tag:eu").test(f)).isTrue();
        assertThat(Condition.parse("type:person").test(f)).isFalse();
        assertThat(Condition.parse("about:type:place").test(f)).isTrue();
    }

    @Test
    void booleanOperatorsBindNotThenAndThenOr() {
        Condition.Facts f = facts(GREECE_ABOUT_EU_MENTIONED, TAGS, "Boats reached Lesbos.");
        assertThat(Condition.parse("type:person OR type:place AND NOT tag:asia").test(f)).isTrue();
        assertThat(Condition.parse("(type:person OR type:place) AND NOT tag:europe").test(f)).isFalse();
        assertThat(Condition.parse("NOT NOT about:tag:eu").test(f)).isTrue();
    }

    @Test
    void phrasesMatchWholeWordsCaseInsensitively() {
        Condition.Facts f = facts(List.of(), Map.of(), "Migrants crossed the US-Mexico border near El Paso.");
        assertThat(Condition.parse("\"us-mexico border\"").test(f)).isTrue();
        assertThat(Condition.parse("\"el pas\"").test(f)).isFalse();
        assertThat(Condition.parse("\"El Paso\" AND NOT \"Lesbos\"").test(f)).isTrue();
    }

    @Test
    void nearHoldsWhenTwoPhrasesAreWithinTheDistanceInEitherOrder() {
        Condition.Facts f = facts(List.of(), Map.of(),
                "Guards at the border turned back people seeking asylum. Far away, in another story about trade and "
                        + "tariffs and ports and shipping lanes and harvests, refugees were mentioned once.");
        assertThat(Condition.parse("NEAR(\"border\", \"asylum\", 5)").test(f)).isTrue();
        assertThat(Condition.parse("NEAR(\"asylum\", \"border\", 5)").test(f)).isTrue();
        assertThat(Condition.parse("NEAR(\"border\", \"asylum\", 3)").test(f)).isFalse();
        assertThat(Condition.parse("NEAR(\"border\" \"refugee*\" 10)").test(f)).isFalse();
        assertThat(Condition.parse("NEAR(\"turned back\", \"seeking asyl*\", 4) AND NOT \"Lesbos\"").test(f)).isTrue();
        assertThat(Condition.parse("NEAR(\"border\", \"frontex\", 50)").test(f)).isFalse();
    }

    @Test
    void badNearIsRejectedWithTheReason() {
        assertThatThrownBy(() -> Condition.parse("NEAR(\"border\", 5)")).hasMessageContaining("NEAR needs two quoted phrases");
        assertThatThrownBy(() -> Condition.parse("NEAR(\"a\", \"b\", x)")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Condition.parse("NEAR(\"a\", \"b\", 0)")).hasMessageContaining("from 1 to 50");
        assertThatThrownBy(() -> Condition.parse("NEAR(\"a\", \"b\", 500)")).hasMessageContaining("from 1 to 50");
        assertThatThrownBy(() -> Condition.parse("NEAR(\"a\", \"b\", 5")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> Condition.parse("NEAR \"a\" \"b\" 5")).hasMessageContaining("NEAR needs");
        assertThatThrownBy(() -> Condition.parse("NEAR(\"\", \"b\", 5)")).hasMessageContaining("empty phrase");
    }

    @Test
    void badConditionsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Condition.parse("tag:eu AND")).hasMessageContaining("ends too early");
        assertThatThrownBy(() -> Condition.parse("(tag:eu")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> Condition.parse("colour:red")).hasMessageContaining("unknown selector");
        assertThatThrownBy(() -> Condition.parse("europe")).hasMessageContaining("neither a quoted phrase nor a selector");
        assertThatThrownBy(() -> Condition.parse("\"open")).hasMessageContaining("unclosed quote");
    }

    @Test
    void termsCountTheLongestMatchOnceAndStarsMatchEndings() {
        TermIndex index = new TermIndex(Map.of("asylum", 1.5, "asylum seeker*", 2.0, "deport*", 1.0));
        Map<TermIndex.Term, Integer> counts = index.count(TermIndex.tokens(
                "Asylum seekers were deported; asylum rules and deportations were discussed."));
        Map<String, Integer> bySource = new java.util.HashMap<>();
        counts.forEach((t, n) -> bySource.put(t.source(), n));
        assertThat(bySource).containsEntry("asylum seeker*", 1).containsEntry("asylum", 1).containsEntry("deport*", 2);
    }
}
