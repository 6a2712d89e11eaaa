package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.Published;
import dev.tidings.model.Quote;
import dev.tidings.model.Reader;
import dev.tidings.model.Relevance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Hand-made readers, follows and articles for digest tests; every text here is written for the tests. */
final class Fixtures {
    static final Instant CREATED = Instant.parse("2021-01-04T09:00:00Z");

    private Fixtures() {
    }

    static Reader reader(String id, DigestFrequency frequency) {
        return new Reader(id, id + "@example.org", ZoneId.of("Europe/Berlin"), LocalTime.of(7, 0), frequency,
                DayOfWeek.MONDAY, true, CREATED);
    }

    static Reader reader() {
        return reader("r1", DigestFrequency.DAILY);
    }

    static Follow conceptFollow(Reader reader, String id, String conceptId, String label, Instant createdAt) {
        return new Follow(id, reader.id(), Follow.Kind.CONCEPT, conceptId, label, false, false, createdAt);
    }

    static Follow queryFollow(Reader reader, String id, String query, Instant createdAt) {
        return new Follow(id, reader.id(), Follow.Kind.QUERY, query, query, false, false, createdAt);
    }

    static FollowMatch matchOf(Follow follow) {
        String reason = follow.kind() == Follow.Kind.QUERY
                ? "Matches \"" + follow.target() + "\"" : "About " + follow.label();
        return new FollowMatch(follow, reason);
    }

    static ArticleBuilder article(String id) {
        return new ArticleBuilder(id);
    }

    static final class ArticleBuilder {
        private final String id;
        private String title;
        private Published published = Published.at(Instant.parse("2021-08-10T12:00:00Z"));
        private String url;
        private String source;
        private String summary = "A short summary of what happened.";
        private String text = "Body text.";
        private final List<ConceptTag> concepts = new ArrayList<>();
        private final List<Quote> quotes = new ArrayList<>();
        private String story;

        ArticleBuilder(String id) {
            this.id = id;
            this.title = "Title of " + id;
            this.story = "story-" + id;
        }

        ArticleBuilder title(String title) { this.title = title; return this; }
        ArticleBuilder published(Published published) { this.published = published; return this; }
        ArticleBuilder at(String instant) { this.published = Published.at(Instant.parse(instant)); return this; }
        ArticleBuilder url(String url) { this.url = url; return this; }
        ArticleBuilder source(String source) { this.source = source; return this; }
        ArticleBuilder summary(String summary) { this.summary = summary; return this; }
        ArticleBuilder text(String text) { this.text = text; return this; }
        ArticleBuilder story(String story) { this.story = story; return this; }

        ArticleBuilder about(String conceptId, String label, double score) {
            concepts.add(tag(conceptId, label, Relevance.ABOUT, score));
            return this;
        }

        ArticleBuilder mentions(String conceptId, String label, double score) {
            concepts.add(tag(conceptId, label, Relevance.MENTIONS, score));
            return this;
        }

        ArticleBuilder quote(String speaker, String words) {
            quotes.add(new Quote(speaker == null ? null : "person/" + speaker.toLowerCase().replace(' ', '-'), speaker, words));
            return this;
        }

        private static ConceptTag tag(String conceptId, String label, Relevance relevance, double score) {
            ConceptType type = ConceptType.ofKey(conceptId.substring(0, conceptId.indexOf('/')));
            return new ConceptTag(conceptId, label, type, relevance, score, 3);
        }

        Article build() {
            return new Article(id, title, published, "en", url, source, null, summary, text, List.of(),
                    concepts, quotes, story, "hash-" + id, Instant.parse("2021-08-10T13:00:00Z"));
        }
    }
}
