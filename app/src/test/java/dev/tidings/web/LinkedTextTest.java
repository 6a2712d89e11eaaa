package dev.tidings.web;

import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Relevance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedTextTest {
    private static ConceptTag tag(String id, String label) {
        return new ConceptTag(id, label, ConceptType.PLACE, Relevance.ABOUT, 0.9, 2);
    }

    @Test
    void theFirstMentionOfEachConceptLinksToItsPageAndTheRestStaysPlain() {
        var paragraphs = LinkedText.paragraphs("Poland and Belarus <b>met</b>.\n\nPoland said more.",
                List.of(tag("place/poland", "Poland"), tag("place/belarus", "Belarus")));
        assertThat(paragraphs).hasSize(2);
        assertThat(paragraphs.get(0)).containsExactly(
                new LinkedText.Piece("Poland", "/concepts/place/poland"), new LinkedText.Piece(" and ", null),
                new LinkedText.Piece("Belarus", "/concepts/place/belarus"), new LinkedText.Piece(" <b>met</b>.", null));
        assertThat(paragraphs.get(1)).containsExactly(new LinkedText.Piece("Poland said more.", null));
    }

    @Test
    void aLabelInsideALongerWordIsNotLinked() {
        var paragraphs = LinkedText.paragraphs("Omani and Oman.", List.of(tag("place/oman", "Oman")));
        assertThat(paragraphs.get(0)).containsExactly(new LinkedText.Piece("Omani and ", null),
                new LinkedText.Piece("Oman", "/concepts/place/oman"), new LinkedText.Piece(".", null));
    }
}
