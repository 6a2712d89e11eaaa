package dev.tidings.model;

import java.util.List;
import java.util.Objects;

/**
 * An article as it arrived, before any clean-up: what ingest hands to normalisation.
 * Every field but {@code origin} and {@code text} may be null when the input did not say.
 *
 * @param origin      where it came from, for errors and logs: a file path, a URL, {@code api}
 * @param title       the title given by the input
 * @param published   the publication date given by the input
 * @param url         the article's URL
 * @param source      the publication's name
 * @param author      the byline
 * @param language    an ISO 639-1 code given by the input
 * @param text        the body as plain text, paragraphs separated by blank lines; may still hold boilerplate
 * @param boilerplate pieces the reader already knew to be boilerplate (a promo on a header line, page chrome)
 */
public record Submission(String origin, String title, Published published, String url, String source,
                         String author, String language, String text, List<String> boilerplate) {
    public Submission {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(text, "text");
        boilerplate = boilerplate == null ? List.of() : List.copyOf(boilerplate);
    }
}
