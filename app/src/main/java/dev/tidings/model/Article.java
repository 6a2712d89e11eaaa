package dev.tidings.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored, understood article: the unit that is matched, grouped into stories and delivered.
 *
 * @param id          stable id derived from the article's identity (URL, else content)
 * @param title       title
 * @param published   publication date, or null when the input gave none (then {@code ingestedAt} stands in)
 * @param language    ISO 639-1 code
 * @param url         URL or null
 * @param source      publication name or null
 * @param author      byline or null
 * @param summary     first sentence or two
 * @param text        clean body text
 * @param boilerplate what was taken out of the body
 * @param concepts    concepts, most relevant first
 * @param quotes      quotations
 * @param story       id of the story it belongs to
 * @param contentHash hash of the normalised body, for exact-duplicate detection
 * @param ingestedAt  when Tidings first stored it
 */
public record Article(String id, String title, Published published, String language, String url, String source,
                      String author, String summary, String text, List<String> boilerplate,
                      List<ConceptTag> concepts, List<Quote> quotes, String story, String contentHash,
                      Instant ingestedAt) {
    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(story, "story");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
        boilerplate = List.copyOf(boilerplate);
        concepts = List.copyOf(concepts);
        quotes = List.copyOf(quotes);
    }

    /** The publication date, or the ingest time when the input gave none. */
    public Published effectivePublished() {
        return published != null ? published : Published.at(ingestedAt);
    }

    public Optional<ConceptTag> tag(String conceptId) {
        return concepts.stream().filter(c -> c.conceptId().equals(conceptId)).findFirst();
    }

    public Article withStory(String storyId) {
        return new Article(id, title, published, language, url, source, author, summary, text, boilerplate,
                concepts, quotes, storyId, contentHash, ingestedAt);
    }
}
