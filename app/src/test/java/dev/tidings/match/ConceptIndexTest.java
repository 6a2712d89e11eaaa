package dev.tidings.match;

import dev.tidings.model.Relevance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConceptIndexTest {
    private static List<Integer> numbers(ConceptIndex.Audience audience) {
        List<Integer> out = new ArrayList<>();
        audience.forEach((int n) -> out.add(n));
        return out;
    }

    @Test
    void anArticleAboutAConceptReachesAllItsFollowersAndAMentionOnlyThoseNotAboutOnly() {
        ConceptIndex index = new ConceptIndex();
        index.add(1, "place/belarus", false);
        index.add(2, "place/belarus", true);
        index.add(3, "place/poland", false);

        assertThat(numbers(index.audience(List.of(Articles.tag("place/belarus", "Belarus", Relevance.ABOUT)))))
                .containsExactlyInAnyOrder(1, 2);
        assertThat(numbers(index.audience(List.of(Articles.tag("place/belarus", "Belarus", Relevance.MENTIONS)))))
                .containsExactly(1);
        assertThat(index.audience(List.of(Articles.tag("place/italy", "Italy", Relevance.ABOUT))).size()).isZero();
    }

    @Test
    void aRemovedFollowIsNoLongerReachedAndTheOthersStay() {
        ConceptIndex index = new ConceptIndex();
        for (int i = 0; i < 10; i++) index.add(i, "place/belarus", i % 2 == 0);

        assertThat(index.remove(4, "place/belarus", true)).isTrue();
        assertThat(index.remove(4, "place/belarus", true)).isFalse();
        assertThat(index.remove(5, "place/belarus", true)).as("filed as any mention").isFalse();

        assertThat(numbers(index.audience(List.of(Articles.tag("place/belarus", "Belarus", Relevance.ABOUT)))))
                .containsExactlyInAnyOrder(0, 1, 2, 3, 5, 6, 7, 8, 9);
        assertThat(index.size()).isEqualTo(9);
    }
}
