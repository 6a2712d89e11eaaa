package dev.tidings.model;

import java.util.Objects;

/**
 * Something a reader never wants to hear about: articles about a concept, or from a source, are
 * left out of their digests and alerts even when a follow matches them.
 *
 * @param readerId whose mute it is
 * @param kind     a concept or a source
 * @param target   the concept id ({@code place/belarus}) or the source name as articles carry it
 * @param label    what to show: the concept's label or the source name
 */
public record Mute(String readerId, Kind kind, String target, String label) {
    public enum Kind { CONCEPT, SOURCE }

    public Mute {
        Objects.requireNonNull(readerId, "readerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(label, "label");
    }

    /** True when this mute silences the article: it is about the muted concept or from the muted source. */
    public boolean silences(Article article) {
        return switch (kind) {
            case CONCEPT -> article.tag(target).map(ConceptTag::isAbout).orElse(false);
            case SOURCE -> article.source() != null && article.source().equalsIgnoreCase(target);
        };
    }
}
