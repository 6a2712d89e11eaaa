package dev.tidings.story;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Published;
import dev.tidings.model.Relevance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoryAssignerTest {
    private final StoryAssigner assigner = new StoryAssigner();

    private static Article article(String id, String story, String when, String text, String... about) {
        List<ConceptTag> tags = java.util.Arrays.stream(about)
                .map(c -> new ConceptTag(c, c, ConceptType.PLACE, Relevance.ABOUT, 0.9, 3)).toList();
        return new Article(id, "t " + id, Published.at(Instant.parse(when)), "en", null, null, null, text, text,
                List.of(), tags, List.of(), story, "hash-" + text.hashCode(), Instant.parse(when));
    }

    private static final String BREACH = "About 120 people broke through the border fence near the village of "
            + "Dubicze Cerkiewne overnight; border guards detained 31 of them and two guards were injured, "
            + "the interior minister said, blaming Minsk for organising the crossing.";
    private static final String BREACH_REWRITE = "Two border guards were injured overnight when about 120 people "
            + "broke through the fence near Dubicze Cerkiewne; 31 were detained, the interior minister said, "
            + "accusing Minsk of organising the crossing at the border.";
    private static final String OTHER_INCIDENT = "Latvia extended its state of emergency on the border with Belarus "
            + "until May, saying attempts to cross the frontier had not fallen since the summer, and will build "
            + "more watchtowers along the border.";

    @Test
    void aRewriteOfTheSameEventJoinsTheStory() {
        Article first = article("a1", "a1", "2026-11-10T06:00:00Z", BREACH, "place/poland");
        Article second = article("a2", "a2", "2026-11-10T12:00:00Z", BREACH_REWRITE, "place/poland");
        assertThat(assigner.assign(second, List.of(first))).isEqualTo("a1");
    }

    @Test
    void anotherEventInTheSameRegionStaysApart() {
        Article first = article("a1", "a1", "2026-11-10T06:00:00Z", BREACH, "place/poland", "place/belarus");
        Article other = article("a3", "a3", "2026-11-11T06:00:00Z", OTHER_INCIDENT, "place/latvia", "place/belarus");
        assertThat(assigner.assign(other, List.of(first))).isEqualTo("a3");
    }

    @Test
    void theSameTextWeeksLaterIsANewStory() {
        Article first = article("a1", "a1", "2026-10-01T06:00:00Z", BREACH, "place/poland");
        Article late = article("a2", "a2", "2026-11-10T06:00:00Z", BREACH_REWRITE, "place/poland");
        assertThat(assigner.assign(late, List.of(first))).isEqualTo("a2");
    }

    @Test
    void theChoiceDoesNotDependOnCandidateOrder() {
        Article a = article("a1", "s-b", "2026-11-10T06:00:00Z", BREACH, "place/poland");
        Article b = article("a9", "s-a", "2026-11-10T07:00:00Z", BREACH, "place/poland");
        Article c = article("a5", "a5", "2026-11-10T08:00:00Z", BREACH_REWRITE, "place/poland");
        assertThat(assigner.assign(c, List.of(a, b))).isEqualTo(assigner.assign(c, List.of(b, a)));
    }
}
