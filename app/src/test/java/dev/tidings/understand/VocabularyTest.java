package dev.tidings.understand;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VocabularyTest {
    private static final String BODY = """
            Poland said on Monday that the border with Belarus would stay shut.

            Who controls the crossing? The WHO, the UN and the EU's Frontex deported nobody; \
            asylum seekers were deportees in all but name, Erdoğan's office said.""";

    /** Each found word as "word:has a slot:has a stem group", in text order. */
    private static List<String> described(Text text, Vocabulary.Found found) {
        List<String> out = new ArrayList<>();
        for (int f = 0; f < found.count; f++) {
            int k = found.word[f];
            out.add(new String(text.foldedChars, text.wordStart[k], text.wordEnd[k] - text.wordStart[k])
                    + ":" + (found.slot[f] >= 0) + ":" + (found.group[f] >= 0));
        }
        return out;
    }

    @Test
    void looksUpWordsAsTextReadsThemWithTheSameResultAsASecondPass() {
        Taxonomy taxonomy = Taxonomy.bundled();
        TopicTagger topics = new TopicTagger(taxonomy);
        Vocabulary vocabulary = new Vocabulary(new NameMatcher(taxonomy).firstWords(), topics.firstWords(), topics.stems());
        Vocabulary.Found whileReading = vocabulary.found(null, 0);
        Text read = new Text("Belarus border: Poland shuts crossings", BODY, new Text.Scratch(), whileReading);
        Text plain = new Text("Belarus border: Poland shuts crossings", BODY);

        List<String> expected = described(plain, vocabulary.find(plain));
        assertThat(described(read, whileReading)).isEqualTo(expected)
                .contains("Poland:true:false", "Belarus:true:false", "Frontex:true:false", "deported:false:true");
    }

    @Test
    void anUncapitalisedWordStartsNoNameThatIsOnlyWrittenCapitalised() {
        Vocabulary vocabulary = new Vocabulary(Map.of("Who", new NameMatcher.Node()), Map.of(), Map.of());
        Text text = new Text("", "who said Who");

        assertThat(described(text, vocabulary.find(text))).containsExactly("Who:true:false");
    }

    @Test
    void anUncapitalisedWordIsStillFoundWhenItStartsARuleTerm() {
        Vocabulary vocabulary = new Vocabulary(Map.of("Who", new NameMatcher.Node()), Map.of("who", new int[] {0}), Map.of());
        Text text = new Text("", "who said Who");

        assertThat(described(text, vocabulary.find(text))).containsExactly("who:true:false", "Who:true:false");
    }

    @Test
    void wordsOfMoreThanFourCharactersAreComparedInFull() {
        Vocabulary vocabulary = new Vocabulary(Map.of("Frontex", new NameMatcher.Node()), Map.of(), Map.of());
        Text text = new Text("", "Frontex Frantex Frontexx Front");

        assertThat(described(text, vocabulary.find(text))).containsExactly("Frontex:true:false");
    }
}
