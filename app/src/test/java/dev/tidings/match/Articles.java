package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Published;
import dev.tidings.model.Relevance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-made articles that the query and matcher tests refer to by name. */
final class Articles {
    static final Map<String, Article> BY_NAME = Map.of(
            "belarus-border", article("belarus-border",
                    "Lukashenko accused of pushing migrants to the border",
                    "Lithuanian officials say hundreds of migrants crossed from Belarus this month.\n\n"
                            + "Guards at the border reported groups arriving at night.",
                    "Baltic Wire", "en",
                    tag("place/belarus", "Belarus", Relevance.ABOUT),
                    tag("person/alexander-lukashenko", "Alexander Lukashenko", Relevance.ABOUT),
                    tag("place/lithuania", "Lithuania", Relevance.MENTIONS),
                    tag("topic/eu-immigration", "EU immigration", Relevance.MENTIONS)),
            "asylum-vote", article("asylum-vote",
                    "Parliament votes on asylum rules",
                    "The European Parliament approved new asylum rules on Tuesday.\n\n"
                            + "Ministers in Brussels welcomed the vote.",
                    "Brussels Daily", "en",
                    tag("organisation/european-parliament", "European Parliament", Relevance.ABOUT),
                    tag("topic/eu-immigration", "EU immigration", Relevance.ABOUT),
                    tag("place/belarus", "Belarus", Relevance.MENTIONS)),
            "football", article("football",
                    "Late goal settles derby",
                    "A header in stoppage time settled the derby in Zürich.",
                    "Sport Ticker", "de",
                    tag("place/switzerland", "Switzerland", Relevance.MENTIONS)));

    private Articles() {
    }

    static Article named(String name) {
        Article article = BY_NAME.get(name);
        if (article == null) throw new IllegalArgumentException("no test article named " + name);
        return article;
    }

    static Article article(String id, String title, String text, String source, String language, ConceptTag... tags) {
        return new Article(id, title, Published.at(Instant.parse("2021-08-10T09:00:00Z")), language, null, source,
                null, text.substring(0, text.indexOf('.') + 1), text, List.of(), List.of(tags), List.of(), id,
                "hash-" + id, Instant.parse("2021-08-10T10:00:00Z"));
    }

    static ConceptTag tag(String id, String label, Relevance relevance) {
        return new ConceptTag(id, label, ConceptType.ofKey(id.substring(0, id.indexOf('/'))), relevance,
                relevance == Relevance.ABOUT ? 0.9 : 0.3, 1);
    }
}
