package dev.tidings.understand;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {
    @Test
    void joinsTheTitleAndTheBodysParagraphsOneBlankLineApart() {
        Text text = new Text(" Storm Edda ", "Gales closed ports.\n\nFerries stayed in harbour — “for now”.");

        assertThat(text.raw).isEqualTo("Storm Edda\n\nGales closed ports.\n\nFerries stayed in harbour — “for now”.");
        assertThat(text.paragraph(2)).isEqualTo("Ferries stayed in harbour — “for now”.");
    }

    @Test
    void dropsBlankParagraphsAndStripsTheOthersWhenTheBodyIsNotNormalised() {
        Text text = new Text("", "  Gales closed ports. \n\n\n\n  Ferries stayed in harbour.\n\n");

        assertThat(text.raw).isEqualTo("Gales closed ports.\n\nFerries stayed in harbour.");
        assertThat(text.paragraphCount()).isEqualTo(3);
    }

    @Test
    void joinsParagraphsGivenApart() {
        Text text = new Text("Title", List.of("One.", " ", "Two."));

        assertThat(text.raw).isEqualTo("Title\n\nOne.\n\nTwo.");
    }
}
