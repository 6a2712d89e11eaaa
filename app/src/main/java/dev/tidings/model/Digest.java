package dev.tidings.model;

import java.util.List;
import java.util.Objects;

/**
 * One reader's digest for one period, ready to render.
 *
 * @param reader   who it is for
 * @param period   the span it covers
 * @param sections one per follow that has news, in the reader's follow order
 */
public record Digest(Reader reader, DigestPeriod period, List<Section> sections) {
    public Digest {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(period, "period");
        sections = List.copyOf(sections);
    }

    /**
     * The news for one follow.
     *
     * @param heading what the reader follows, e.g. {@code EU immigration}
     * @param entries one per story, best first
     */
    public record Section(String heading, List<Entry> entries) {
        public Section {
            Objects.requireNonNull(heading, "heading");
            entries = List.copyOf(entries);
        }
    }

    /**
     * One story in a section.
     *
     * @param article the article shown for the story
     * @param reason  why it was sent ("About EU immigration")
     * @param others  other articles of the same story, folded in as "also reported by"
     */
    public record Entry(Article article, String reason, List<Article> others) {
        public Entry {
            Objects.requireNonNull(article, "article");
            Objects.requireNonNull(reason, "reason");
            others = List.copyOf(others);
        }
    }

    /** Every article the digest carries, shown or folded in; these count as sent. */
    public List<Article> articles() {
        return sections.stream().flatMap(s -> s.entries().stream())
                .flatMap(e -> java.util.stream.Stream.concat(java.util.stream.Stream.of(e.article()), e.others().stream()))
                .distinct().toList();
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }
}
