package dev.tidings.store;

import dev.tidings.match.QuerySyntaxException;
import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Published;
import dev.tidings.model.Relevance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchIndexTest {
    @TempDir
    Path dir;
    Database db;
    ArticleStore articles;
    SearchIndex index;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("tidings.db"));
        articles = new ArticleStore(db);
        index = SearchIndex.open(dir.resolve("index"));
        articles.save(article("border", "Guards reinforce the border", "Migrants crossed the border from Belarus at night.",
                "Baltic Wire", "en", 1, new ConceptTag("place/belarus", "Belarus", ConceptType.PLACE, Relevance.ABOUT, 0.9, 3)));
        articles.save(article("asylum", "Parliament votes on asylum rules", "The new asylum rules passed; the border agency "
                + "will get more staff over the next years, ministers said after a long debate.", "Brussels Daily", "en", 2));
        articles.save(article("derby", "Late goal settles derby", "A header in stoppage time settled the derby.",
                "Sport Ticker", "de", 3));
    }

    @AfterEach
    void close() {
        index.close();
        db.close();
    }

    @Test
    void catchingUpIndexesEveryStoredArticleOnce() throws Exception {
        assertThat(index.catchUp(articles)).isEqualTo(3);
        assertThat(index.catchUp(articles)).isZero();

        assertThat(index.search("derby", 10)).containsExactly("derby");
        assertThat(index.search("rules OR goal", 10)).containsExactlyInAnyOrder("asylum", "derby");
    }

    @Test
    void searchFindsWordsPhrasesFieldsAndConcepts() throws Exception {
        index.catchUp(articles);

        assertThat(index.search("migrant", 10)).containsExactly("border");
        assertThat(index.search("\"asylum rules\"", 10)).containsExactly("asylum");
        assertThat(index.search("\"rules asylum\"", 10)).isEmpty();
        assertThat(index.search("title:border", 10)).containsExactly("border");
        assertThat(index.search("source:\"sport ticker\"", 10)).containsExactly("derby");
        assertThat(index.search("lang:de", 10)).containsExactly("derby");
        assertThat(index.search("concept:place/belarus", 10)).containsExactly("border");
        assertThat(index.search("border -asylum", 10)).containsExactly("border");
    }

    @Test
    void theBestMatchComesFirst() throws Exception {
        index.catchUp(articles);

        // "border" is in the first article's title and text, once in the second's long text
        assertThat(index.search("border", 10)).containsExactly("border", "asylum");
        assertThat(index.search("border", 1)).containsExactly("border");
    }

    @Test
    void aChangedArticleReplacesItsEntry() throws Exception {
        index.catchUp(articles);
        Article derby = articles.byId("derby").orElseThrow();
        Article renamed = new Article(derby.id(), "Cup final goes to penalties", derby.published(), derby.language(),
                derby.url(), derby.source(), derby.author(), derby.summary(), "The final went to penalties.",
                derby.boilerplate(), derby.concepts(), derby.quotes(), derby.story(), derby.contentHash(),
                derby.ingestedAt());
        articles.save(renamed);

        assertThat(index.catchUp(articles)).isEqualTo(1);
        assertThat(index.search("penalties", 10)).containsExactly("derby");
        assertThat(index.search("stoppage", 10)).isEmpty();
        assertThat(index.search("lang:de", 10)).containsExactly("derby");
    }

    @Test
    void aReopenedIndexContinuesWhereItStopped() throws Exception {
        index.catchUp(articles);
        index.close();

        index = SearchIndex.open(dir.resolve("index"));
        assertThat(index.search("derby", 10)).containsExactly("derby");
        assertThat(index.catchUp(articles)).isZero();
        articles.save(article("fourth", "Fourth story", "Something else entirely.", null, "en", 4));
        assertThat(index.catchUp(articles)).isEqualTo(1);
        assertThat(index.search("entirely", 10)).containsExactly("fourth");
    }

    @Test
    void anIndexNeverFilledFindsNothing() throws Exception {
        assertThat(index.search("border", 10)).isEmpty();
    }

    @Test
    void aBadQueryIsReportedWithItsPosition() {
        assertThatThrownBy(() -> index.search("border AND", 10)).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("position 10");
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheIndex() {
        index.catchUp(articles);
        try (SearchIndex other = SearchIndex.open(dir.resolve("index"))) {
            assertThatThrownBy(() -> other.catchUp(articles)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("being written by another process");
        }
    }

    static Article article(String id, String title, String text, String source, String language, int hour,
                           ConceptTag... tags) {
        return new Article(id, title, Published.at(Instant.parse("2021-08-10T00:00:00Z").plusSeconds(3600L * hour)),
                language, null, source, null, text, text, List.of(), List.of(tags), List.of(), id, "hash-" + id,
                Instant.parse("2021-08-11T00:00:00Z"));
    }
}
