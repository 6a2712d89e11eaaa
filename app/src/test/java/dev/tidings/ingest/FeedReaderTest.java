package dev.tidings.ingest;

import dev.tidings.model.Published;
import dev.tidings.model.Submission;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedReaderTest {
    private final FeedReader reader = new FeedReader();

    static byte[] resource(String name) {
        try (InputStream in = FeedReaderTest.class.getResourceAsStream("/ingest/feeds/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Feed read(String name) throws IngestException {
        return reader.read(resource(name), null, null, name);
    }

    @Test
    void anRss2ItemGivesTitleResolvedLinkDateAuthorAndItsFullContent() throws Exception {
        Feed feed = read("rss2.xml");

        assertThat(feed.format()).isEqualTo("rss_2.0");
        assertThat(feed.title()).isEqualTo("Border Watch");
        assertThat(feed.items()).hasSize(2);
        Feed.Item first = feed.items().get(0);
        assertThat(first.title()).isEqualTo("Fence breached near Kuźnica");
        assertThat(first.link()).isEqualTo("https://news.example.org/2021/08/fence-breach?utm_source=rss");
        assertThat(first.published()).isEqualTo(Published.at(Instant.parse("2021-08-10T09:30:00Z")));
        assertThat(first.author()).isEqualTo("Anna Nowak");
        assertThat(first.summary()).isFalse();

        Submission s = reader.submission(feed, first, "rss2.xml");
        assertThat(s.source()).isEqualTo("Border Watch");
        assertThat(s.text()).isEqualTo("Guards said a group of people breached the fence near Kuźnica on Tuesday night."
                + "\n\nThe ministry promised a report by Friday.");
        assertThat(s.boilerplate()).anySatisfy(b -> assertThat(b).contains("© Agency"));
    }

    @Test
    void anItemWithOnlyAShortDescriptionIsATeaserWorthFetchingThePageFor() throws Exception {
        Feed feed = read("rss2.xml");

        assertThat(FeedReader.isTeaser(feed.items().get(0))).isFalse();
        Feed.Item teaser = feed.items().get(1);
        assertThat(teaser.summary()).isTrue();
        assertThat(FeedReader.isTeaser(teaser)).isTrue();
        assertThat(reader.submission(feed, teaser, "rss2.xml").text()).isEqualTo("One line about it.");
    }

    @Test
    void anAtomEntryPrefersPublishedOverUpdatedAndReadsXhtmlContent() throws Exception {
        Feed feed = read("atom.xml");

        assertThat(feed.format()).isEqualTo("atom_1.0");
        assertThat(feed.title()).isEqualTo("Harbour & Coast");
        Feed.Item entry = feed.items().get(0);
        assertThat(entry.link()).isEqualTo("https://coast.example.net/malta-rescue");
        assertThat(entry.published()).isEqualTo(Published.at(Instant.parse("2021-08-11T06:00:00Z")));
        assertThat(entry.author()).isEqualTo("Marco Borg");
        assertThat(reader.submission(feed, entry, "atom.xml").text())
                .isEqualTo("The armed forces rescued 60 people from a boat drifting south of Malta.\n\nAll were brought to Valletta.");
    }

    @Test
    void aJsonFeedReadsHtmlAndPlainTextItemsAndBothAuthorStyles() throws Exception {
        Feed feed = read("json-feed.json");

        assertThat(feed.format()).isEqualTo("json_1.1");
        assertThat(feed.title()).isEqualTo("Lagoon Notes");
        assertThat(feed.items()).extracting(Feed.Item::author).containsExactly("Lucía Pérez", "Old Style");
        assertThat(feed.items().get(0).published()).isEqualTo(Published.at(Instant.parse("2021-08-09T23:15:00Z")));
        assertThat(feed.items().get(1).link()).isEqualTo("https://lagoon.example.com/posts/plain");
        assertThat(reader.submission(feed, feed.items().get(1), "json").text())
                .isEqualTo("First paragraph.\n\nSecond <b>paragraph</b>.");
    }

    @Test
    void anOldRssFeedWithAPublicDoctypeAndHtmlEntitiesIsReadWithoutFetchingTheDtd() throws Exception {
        Feed feed = read("rss091-doctype.xml");

        assertThat(feed.title()).isEqualTo("Café Report");
        assertThat(feed.items().get(0).title()).isEqualTo("Le café est ouvert");
    }

    @Test
    void aFeedThatLiesAboutItsCharsetInTheHeaderIsStillReadCorrectly() throws Exception {
        Feed feed = reader.read(resource("windows-1252.xml"), "application/rss+xml; charset=utf-8", null, "w");

        assertThat(feed.title()).isEqualTo("Café Europa");
        assertThat(feed.items().get(0).title()).isEqualTo("Naïve “quotes”");
    }

    @Test
    void anExternalEntityIsRefusedWithAClearErrorAndNoFileIsRead() {
        assertThatThrownBy(() -> read("xxe.xml"))
                .isInstanceOf(IngestException.class)
                .hasMessage("xxe.xml declares a DTD with entities, which Tidings refuses to read (it is how XML entity attacks work)")
                .hasMessageNotContaining("root:");
    }

    @Test
    void entityExpansionIsRefusedAtOnceInsteadOfBlowingUp() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> read("billion-laughs.xml"))
                .isInstanceOf(IngestException.class).hasMessageContaining("declares a DTD with entities");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }

    @Test
    void theXmlParserItselfRefusesADoctypeWithEntitiesIfThePreCheckIsBypassed() throws Exception {
        var input = new com.rometools.rome.io.SyndFeedInput();
        input.setAllowDoctypes(false);
        String xxe = new String(resource("xxe.xml"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> input.build(new java.io.StringReader(xxe)))
                .hasStackTraceContaining("DOCTYPE is disallowed");
    }

    @Test
    void malformedXmlSaysWhereItBreaks() {
        assertThatThrownBy(() -> read("malformed.xml"))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith("malformed.xml is not well-formed XML (line 2, column");
    }

    @Test
    void binaryGarbageAndOtherJsonAreRefusedClearly() {
        byte[] garbage = new byte[2000];
        new java.util.Random(7).nextBytes(garbage);
        assertThatThrownBy(() -> reader.read(garbage, null, null, "garbage.bin"))
                .hasMessage("garbage.bin is not text (it looks binary)");
        assertThatThrownBy(() -> reader.read("{\"title\": \"x\"}".getBytes(StandardCharsets.UTF_8), null, null, "a.json"))
                .hasMessage("a.json is JSON but not a JSON Feed (no jsonfeed.org version)");
        assertThatThrownBy(() -> reader.read("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), null, null, "p.html"))
                .hasMessage("p.html is not an RSS, Atom or JSON feed");
    }

    @Test
    void feedsAreToldApartFromPagesAndArticlesByTheirContent() {
        assertThat(FeedReader.looksLikeFeed(resource("rss2.xml"))).isTrue();
        assertThat(FeedReader.looksLikeFeed(resource("atom.xml"))).isTrue();
        assertThat(FeedReader.looksLikeFeed(resource("json-feed.json"))).isTrue();
        assertThat(FeedReader.looksLikeFeed("<!doctype html><html><body><p>rss</p></body></html>".getBytes())).isFalse();
        assertThat(FeedReader.looksLikeFeed("{\"title\": \"article\", \"text\": \"x\"}".getBytes())).isFalse();
        assertThat(FeedReader.looksLikeFeed("date 2021-08-10 a text article".getBytes())).isFalse();
    }

    private Feed readString(String xml) throws IngestException {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8), null, null, "inline.xml");
    }

    @Test
    void anItemUsingAContentPrefixItNeverDeclaredIsStillRead() throws IngestException {
        Feed feed = readString("<rss version=\"2.0\"><channel><title>Undeclared</title><item><title>One</title>"
                + "<link>https://example.org/1</link><content:encoded><![CDATA[<p>The whole story.</p>]]></content:encoded>"
                + "</item></channel></rss>");
        assertThat(feed.title()).isEqualTo("Undeclared");
        assertThat(feed.items()).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("One");
            assertThat(i.link()).isEqualTo("https://example.org/1");
            assertThat(i.html()).contains("The whole story.");
            assertThat(i.summary()).isFalse();
        });
    }

    @Test
    void aChannelDefinitionFormatFeedGivesItsItemsLinksAndTitles() throws IngestException {
        Feed feed = readString("<CHANNEL HREF=\"https://example.org/\"><TITLE>Old CDF</TITLE>"
                + "<ITEM HREF=\"https://example.org/a\"><TITLE>First</TITLE><ABSTRACT>Short note</ABSTRACT></ITEM></CHANNEL>");
        assertThat(feed.title()).isEqualTo("Old CDF");
        assertThat(feed.items()).extracting(Feed.Item::link, Feed.Item::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("https://example.org/a", "First"));
    }

    @Test
    void base64TitlesAndMarkupInsideTitlesAreDecodedToText() throws IngestException {
        Feed feed = readString("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">Example <b>bold</b> news</title>"
                + "<entry><title type=\"application/octet-stream\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title></entry></feed>");
        assertThat(feed.title()).isEqualTo("Example bold news");
        assertThat(feed.items().get(0).title()).isEqualTo("Example Atom");
    }

    @Test
    void anAtomFeedInAnUnknownNamespaceIsReadByElementNames() throws IngestException {
        Feed feed = readString("<feed version=\"0.3\" xmlns=\"http://example.com/newformat#\"><title>Renamed</title>"
                + "<entry><title>Entry</title><link rel=\"alternate\" href=\"https://example.org/e\"/>"
                + "<author><name>Ann Lee</name></author><issued>2024-03-01T10:00:00Z</issued></entry></feed>");
        assertThat(feed.title()).isEqualTo("Renamed");
        Feed.Item item = feed.items().get(0);
        assertThat(item.link()).isEqualTo("https://example.org/e");
        assertThat(item.author()).isEqualTo("Ann Lee");
        assertThat(item.published().instant()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
    }

    @Test
    void brokenXmlIsStillRefusedEvenWithTheLenientReader() {
        assertThatThrownBy(() -> readString("<rss><channel><item><title>Unclosed</channel></rss>"))
                .isInstanceOf(IngestException.class).hasMessageStartingWith("inline.xml is not well-formed XML");
    }

    @Test
    void aDtdInsideAFeedIsRefusedBeforeAnyParserSeesIt() {
        assertThatThrownBy(() -> readString("<!DOCTYPE rss [<!ENTITY x \"boom\">]><rss><channel><title>&x;</title></channel></rss>"))
                .isInstanceOf(IngestException.class).hasMessageContaining("DTD");
    }
}
