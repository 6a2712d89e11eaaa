package dev.tidings.model;

import java.util.List;
import java.util.Objects;

/**
 * A clean article: normalised text with boilerplate taken out and a title and summary always present.
 * What normalisation hands to understanding.
 *
 * @param origin      where it came from
 * @param title       the given title, or one derived from the text
 * @param published   publication date, or null when unknown
 * @param url         canonical URL or null
 * @param source      publication name or null
 * @param author      byline or null
 * @param language    ISO 639-1 code given by the input, or null (understanding detects it)
 * @param text        the body: paragraphs separated by one blank line, no boilerplate
 * @param summary     the first sentence or two of the body
 * @param boilerplate the promos, captions and credits that were taken out, in order of appearance
 */
public record Document(String origin, String title, Published published, String url, String source, String author,
                       String language, String text, String summary, List<String> boilerplate) {
    public Document {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(summary, "summary");
        boilerplate = List.copyOf(boilerplate);
    }

    /** The body split into paragraphs. */
    public List<String> paragraphs() {
        return List.of(text.split("\n\n"));
    }
}
