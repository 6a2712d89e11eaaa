package dev.tidings.bench;

import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.Feed;
import dev.tidings.ingest.FeedReader;
import dev.tidings.ingest.IngestException;
import dev.tidings.model.Document;
import dev.tidings.model.Submission;
import dev.tidings.normalize.DocumentNormalizer;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Measurement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The whole ingest path without the network, one thread (so the score is per core), one article per
 * operation: ops/s = articles/s.
 *
 * <ul>
 *   <li>{@code input=page}: {@code ours} reads a real news page (the scrapinghub benchmark's {@code html/*.html.gz}
 *       under {@code ../shared/data/extraction/scrapinghub}, else generated pages) with
 *       {@link ArticleReader#readHtml} and normalizes it; {@code baseline} is jsoup parsing the page and taking
 *       the whole page's {@code text()}, nothing more: the floor any extractor pays.</li>
 *   <li>{@code input=feed}: a generated RSS 2.0 feed of {@value #ITEMS} items with full HTML content;
 *       {@code ours} reads it with {@link FeedReader}, turns every item into a submission and normalizes it;
 *       {@code baseline} is jsoup's XML parser on the feed plus the text of every item. Both count
 *       {@value #ITEMS} articles per feed, reported per article.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 3, time = 4)
public class IngestBench {
    static final int ITEMS = 20;

    @Param({"page", "feed"})
    public String input;

    private final ArticleReader reader = new ArticleReader();
    private final FeedReader feeds = new FeedReader();
    private final DocumentNormalizer normalizer = new DocumentNormalizer();
    private List<String> pages;
    private byte[] feed;
    private int next;

    @Setup
    public void load() throws IOException {
        pages = realPages();
        if (pages.isEmpty()) pages = generatedPages();
        feed = generatedFeed().getBytes(StandardCharsets.UTF_8);
        System.out.printf("%n[IngestBench] %d pages (%s)%n", pages.size(), realPages().isEmpty() ? "generated" : "scrapinghub");
    }

    @Benchmark
    public Object ours() throws IngestException {
        if (input.equals("page")) {
            String html = pages.get(next++ % pages.size());
            try {
                return normalizer.normalize(reader.readHtml(html, null, "page"));
            } catch (IngestException noText) {
                return noText;
            }
        }
        // A feed holds ITEMS articles: one operation reads the feed and processes the article at this position,
        // while the feed's parse is charged in full to every ITEMS-th operation.
        int i = next++ % ITEMS;
        if (i == 0 || parsed == null) parsed = feeds.read(feed, "application/rss+xml", "https://example.org/", "feed");
        Feed.Item item = parsed.items().get(i);
        Submission s = feeds.submission(parsed, item, "feed");
        Document d = normalizer.normalize(s);
        return d;
    }

    private Feed parsed;
    private org.jsoup.nodes.Document parsedXml;

    @Benchmark
    public Object baseline() {
        if (input.equals("page")) {
            return Jsoup.parse(pages.get(next++ % pages.size())).text();
        }
        int i = next++ % ITEMS;
        if (i == 0 || parsedXml == null) parsedXml = Jsoup.parse(new String(feed, StandardCharsets.UTF_8), "", Parser.xmlParser());
        String html = parsedXml.select("item").get(i).selectFirst("description").text();
        return Jsoup.parseBodyFragment(html).text();
    }

    static List<String> realPages() throws IOException {
        for (String base : List.of("../shared/data", "../../shared/data", "shared/data")) {
            Path dir = Path.of(base, "extraction", "scrapinghub", "html");
            if (!Files.isDirectory(dir)) continue;
            List<String> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".html.gz")).sorted().toList()) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                        out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            return out;
        }
        return List.of();
    }

    private static List<String> generatedPages() {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            StringBuilder b = new StringBuilder("<!doctype html><html lang=en><head><title>Story " + n + " | Daily</title>"
                    + "<meta property='article:published_time' content='2024-05-0" + (1 + n % 9) + "T10:00:00Z'></head><body>"
                    + "<nav><a href=/>Home</a> <a href=/world>World</a> <a href=/sport>Sport</a></nav><article><h1>Story " + n + "</h1>");
            for (int p = 0; p < 12; p++) {
                b.append("<p>Paragraph ").append(p).append(" of story ").append(n)
                        .append(" says what the council decided on Tuesday about the harbour, the budget and the new bridge,"
                                + " and what residents told reporters afterwards.</p>");
            }
            b.append("<figure><img src=a.jpg><figcaption>Photo: Agency</figcaption></figure></article>"
                    + "<aside class=newsletter>Sign up for our newsletter</aside><footer>© Daily</footer></body></html>");
            out.add(b.toString());
        }
        return out;
    }

    private static String generatedFeed() {
        StringBuilder b = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'"
                + " xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Daily</title>"
                + "<link>https://example.org/</link>");
        for (int i = 0; i < ITEMS; i++) {
            b.append("<item><title>Story ").append(i).append("</title><link>https://example.org/story/").append(i)
                    .append("</link><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate><author>desk@example.org (News Desk)</author>")
                    .append("<description><![CDATA[");
            for (int p = 0; p < 8; p++) {
                b.append("<p>Paragraph ").append(p).append(" of story ").append(i)
                        .append(" reports what the council decided about the harbour and the new bridge.</p>");
            }
            b.append("]]></description></item>");
        }
        return b.append("</channel></rss>").toString();
    }
}
