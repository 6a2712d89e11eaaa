package dev.tidings.model;

import java.util.Objects;

/**
 * A concept found in one article.
 *
 * @param conceptId the concept's id
 * @param label     its label, copied so an article reads well without the taxonomy at hand
 * @param type      its type
 * @param relevance about or mentions
 * @param score     0..1, higher is more central to the article
 * @param mentions  how many times it is named (for topics: how many rule terms matched)
 */
public record ConceptTag(String conceptId, String label, ConceptType type, Relevance relevance, double score,
                         int mentions) {
    public ConceptTag {
        Objects.requireNonNull(conceptId, "conceptId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(relevance, "relevance");
    }

    public boolean isAbout() {
        return relevance == Relevance.ABOUT;
    }
}
