package dev.tidings.model;

import java.util.List;
import java.util.Objects;

/**
 * What understanding found in a document.
 *
 * @param language ISO 639-1 code of the text
 * @param concepts concepts found, most relevant first
 * @param quotes   direct quotations in order of appearance
 */
public record Understanding(String language, List<ConceptTag> concepts, List<Quote> quotes) {
    public Understanding {
        Objects.requireNonNull(language, "language");
        concepts = List.copyOf(concepts);
        quotes = List.copyOf(quotes);
    }
}
