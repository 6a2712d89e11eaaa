package dev.tidings.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {
    @Test
    void splitsAtSentenceEnds() {
        assertThat(SentenceSplitter.split("The port grew. Traffic rose! Did it last? Nobody knows."))
                .containsExactly("The port grew.", "Traffic rose!", "Did it last?", "Nobody knows.");
    }

    @Test
    void doesNotSplitAfterAbbreviationsInitialsOrAcronyms() {
        assertThat(SentenceSplitter.split("Dr. Ona Kalnina met Mr. J. K. Berg in the U.S. Senate. Then she left."))
                .containsExactly("Dr. Ona Kalnina met Mr. J. K. Berg in the U.S. Senate.", "Then she left.");
    }

    @Test
    void doesNotSplitDecimalsOrEllipses() {
        assertThat(SentenceSplitter.split("Growth was 3.5 percent. . . And it will slow... Maybe. The end."))
                .containsExactly("Growth was 3.5 percent. . . And it will slow... Maybe.", "The end.");
    }

    @Test
    void keepsClosingQuotesWithTheirSentence() {
        assertThat(SentenceSplitter.split("“It is over.” She left. (It rained.) “Next?”"))
                .containsExactly("“It is over.”", "She left.", "(It rained.)", "“Next?”");
    }
}
