package dev.tidings.cli;

import dev.tidings.ingest.TestWebServer;
import dev.tidings.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tidings.ingest.TestWebServer.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Sources, OPML and feed imports from the command line, against a local HTTP server. */
class SourcesCommandIT {
    @TempDir
    Path dir;

    private final TestWebServer web = new TestWebServer();

    SourcesCommandIT() throws IOException {
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private static final String ITEM = "<item><title>Fence breached near Kuźnica</title><link>https://news.example.org/fence</link>"
            + "<pubDate>Tue, 10 Aug 2021 09:30:00 GMT</pubDate><description><![CDATA[<p>Guards said a group of about forty"
            + " people breached the border fence near Kuźnica on Tuesday night, and that most of them asked for asylum.</p>"
            + "<p>The ministry promised a full report on the breach by Friday.</p>]]></description></item>";
    private static final String FEED = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Border Watch</title>"
            + ITEM + "</channel></rss>";

    @Test
    void aSourceIsAddedListedWithItsHealthExportedAsOpmlAndRemoved() {
        Cli cli = new Cli(dir.resolve("data"));
        web.on("/feed", ex -> send(ex, 200, "application/rss+xml", FEED.getBytes(StandardCharsets.UTF_8)));

        Cli.Run refused = cli.run("sources", "add", web.url("/feed"));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("resolves to the private address 127.0.0.1").contains("--allow-private");

        Cli.Run add = cli.run("sources", "add", web.url("/feed"), "--every", "30m", "--allow-private");
        assertThat(add.exit()).as(add.all()).isZero();
        assertThat(add.out()).isEqualTo("Added source 1: " + web.url("/feed") + " (every 30m)\n");
        assertThat(cli.run("sources", "add", web.url("/feed"), "--allow-private").err()).contains("is already a source");
        assertThat(cli.run("sources", "add", "https://example.org/rss", "--every", "soon").exit()).isEqualTo(2);

        Cli.Run list = cli.run("sources", "list");
        assertThat(list.out()).contains("1  " + web.url("/feed")).contains("every 30m · private allowed · 0 items · last fetch never");

        Cli.Run opml = cli.run("opml", "export");
        assertThat(opml.out()).startsWith("<?xml").contains("<opml version=\"2.0\">")
                .contains("xmlUrl=\"" + web.url("/feed") + "\"");

        assertThat(cli.run("sources", "remove", "1").out()).isEqualTo("Removed source 1.\n");
        assertThat(cli.run("sources", "remove", "1").exit()).isEqualTo(1);
        assertThat(cli.run("sources", "list").out()).startsWith("No sources.");
    }

    @Test
    void importReadsFeedFilesFeedUrlsAndOpmlFilesByTheirContent() throws IOException {
        Cli cli = new Cli(dir.resolve("data"));
        Path feedFile = dir.resolve("border.xml");
        Files.writeString(feedFile, FEED);
        Path opml = dir.resolve("subscriptions.opml");
        Files.writeString(opml, "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Mine</title></head><body>"
                + "<outline text=\"News\"><outline text=\"Coast\" type=\"rss\" xmlUrl=\"" + web.url("/coast.atom") + "\"/></outline>"
                + "</body></opml>");
        web.on("/json-feed", ex -> send(ex, 200, "application/feed+json", ("{\"version\": \"https://jsonfeed.org/version/1.1\","
                + " \"title\": \"Lagoon\", \"items\": [{\"id\": \"1\", \"url\": \"https://lagoon.example.com/canaries\","
                + " \"title\": \"Cayuco reaches El Hierro\", \"content_html\": \"<p>A cayuco with 150 people reached La Restinga"
                + " on El Hierro on Monday night, the Spanish sea rescue service said.</p>\"}]}").getBytes(StandardCharsets.UTF_8)));

        Cli.Run file = cli.run("import", feedFile.toString());
        assertThat(file.exit()).as(file.all()).isZero();
        assertThat(file.out()).contains("new       Fence breached near Kuźnica");

        Cli.Run url = cli.run("import", web.url("/json-feed"), "--allow-private");
        assertThat(url.exit()).as(url.all()).isZero();
        assertThat(url.out()).contains("new       Cayuco reaches El Hierro");

        Cli.Run sources = cli.run("import", opml.toString(), "--allow-private");
        assertThat(sources.exit()).as(sources.all()).isZero();
        assertThat(sources.out()).contains("source 1  added  Coast");
        assertThat(cli.run("sources", "list").out()).contains(web.url("/coast.atom"));

        Cli.Run again = cli.run("import", feedFile.toString());
        assertThat(again.out()).contains("duplicate");
    }

    @Test
    void anXxeFeedFileIsRefusedWithOneClearSentence() throws IOException {
        Cli cli = new Cli(dir.resolve("data"));
        Path evil = dir.resolve("evil.xml");
        Files.writeString(evil, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<rss version=\"2.0\"><channel><title>&x;</title></channel></rss>");

        Cli.Run r = cli.run("import", evil.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(evil + " declares a DTD with entities, which Tidings refuses to read")
                .doesNotContain("root:");
    }
}
