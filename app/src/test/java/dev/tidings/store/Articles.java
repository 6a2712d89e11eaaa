package dev.tidings.store;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Published;
import dev.tidings.model.Quote;
import dev.tidings.model.Relevance;

import java.time.Instant;
import java.util.List;

/** Hand-made articles for the store tests. */
final class Articles {
    static final Instant INGESTED = Instant.parse("2021-08-11T06:00:00Z");

    private Articles() {
    }

    /** A full article: concepts, quotes, boilerplate, a whole-day date and no URL. */
    static Article full(String id) {
        return new Article(id, "Border guards report more crossings", Published.on(java.time.LocalDate.of(2021, 8, 10)),
                "en", null, "Example Herald", "A. Writer",
                "Guards at the eastern border counted more crossings this week.",
                "Guards at the eastern border counted more crossings this week.\n\nThe minister said: \"We are watching.\"",
                List.of("Subscribe to our border newsletter."),
                List.of(new ConceptTag("place/belarus", "Belarus", ConceptType.PLACE, Relevance.ABOUT, 0.93, 7),
                        new ConceptTag("topic/eu-immigration", "EU immigration", ConceptType.TOPIC, Relevance.MENTIONS, 0.41, 2)),
                List.of(new Quote("person/some-minister", "Some Minister", "We are watching."),
                        new Quote(null, null, "Nobody knows.")),
                "story-" + id, "hash-" + id, INGESTED);
    }

    static Article at(String id, Published published, ConceptTag... tags) {
        return new Article(id, "Title " + id, published, "en", "https://news.example/" + id, "Example Herald", null,
                "Summary " + id + ".", "Body of " + id + ".", List.of(), List.of(tags), List.of(),
                "story-" + id, "hash-" + id, INGESTED);
    }

    static ConceptTag tag(String conceptId, Relevance relevance) {
        String slug = conceptId.substring(conceptId.indexOf('/') + 1);
        return new ConceptTag(conceptId, slug, ConceptType.ofKey(conceptId.substring(0, conceptId.indexOf('/'))),
                relevance, relevance == Relevance.ABOUT ? 0.9 : 0.3, 1);
    }
}
