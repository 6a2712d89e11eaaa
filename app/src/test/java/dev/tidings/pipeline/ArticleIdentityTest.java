package dev.tidings.pipeline;

import dev.tidings.model.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleIdentityTest {
    private static Document doc(String url, String title, String text) {
        return new Document("test", title, null, url, null, null, null, text, text, List.of());
    }

    @Test
    void trackingParametersFragmentsAndCaseDoNotChangeTheCanonicalUrl() {
        assertThat(ArticleIdentity.canonicalUrl("HTTPS://News.Example.org:443/a/b?utm_source=x&id=7&fbclid=y#top"))
                .isEqualTo("https://news.example.org/a/b?id=7");
        assertThat(ArticleIdentity.canonicalUrl("http://example.org")).isEqualTo("http://example.org/");
        assertThat(ArticleIdentity.canonicalUrl("  ")).isNull();
    }

    @Test
    void anArticleWithAUrlKeepsItsIdWhenItsTextChanges() {
        assertThat(ArticleIdentity.id(doc("https://example.org/a?utm_medium=rss", "T", "one text")))
                .isEqualTo(ArticleIdentity.id(doc("https://example.org/a", "T2", "another text")));
    }

    @Test
    void withoutAUrlTheContentIsTheIdentityAndSpacingOrCaseDoNotMatter() {
        assertThat(ArticleIdentity.id(doc(null, "Title", "Some  text, here.")))
                .isEqualTo(ArticleIdentity.id(doc(null, "title", "some text here")))
                .isNotEqualTo(ArticleIdentity.id(doc(null, "Title", "Other text")));
        assertThat(ArticleIdentity.contentHash(doc(null, "a", "Same words.")))
                .isEqualTo(ArticleIdentity.contentHash(doc("https://x.example/", "b", "same   WORDS")));
    }
}
