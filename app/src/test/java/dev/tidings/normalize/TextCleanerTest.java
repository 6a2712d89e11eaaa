package dev.tidings.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextCleanerTest {
    @Test
    void turnsEveryKindOfSpaceIntoOneSpaceAndTrims() {
        assertThat(TextCleaner.clean("  Riga\u00A0and\u2009Tallinn\t\tand\u3000Vilnius  ")).isEqualTo("Riga and Tallinn and Vilnius");
    }

    @Test
    void removesControlAndZeroWidthCharacters() {
        assertThat(TextCleaner.clean("border\u200Bguard\u0007s pat\u00ADrol")).isEqualTo("borderguard s patrol");
    }

    @Test
    void composesToNfc() {
        assertThat(TextCleaner.clean("Cafe\u0301 Vilnius")).isEqualTo("Caf\u00e9 Vilnius");
    }

    @Test
    void removesSpacesBeforePunctuationButKeepsSpacedEllipses() {
        assertThat(TextCleaner.clean("the official says . Yes , really ! elections. . . When"))
                .isEqualTo("the official says. Yes, really! elections. . . When");
    }

    @Test
    void separatesParagraphsByBlankLinesAndDropsEmptyOnes() {
        assertThat(TextCleaner.paragraphs("One\n \n\n\u00A0\n\nTwo\nstill two\n\n\n"))
                .containsExactly("One", "Two\nstill two");
    }
}
