package dev.tidings.pipeline;

import dev.tidings.testing.MutableClock;
import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.ingest.Fetcher;
import dev.tidings.ingest.TestWebServer;
import dev.tidings.model.Article;
import dev.tidings.store.FailureLog;
import dev.tidings.store.SourceStore.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.tidings.ingest.TestWebServer.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Polling real feeds from a local HTTP server into a fresh data folder. */
class SourcePollingIT {
    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2021-08-11T07:00:00Z"));
    private TestWebServer web;
    private Tidings tidings;
    private SourcePoller poller;
    /** The feed the server currently publishes; its ETag is a hash of the text. */
    private final AtomicReference<String> feed = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        web = new TestWebServer();
        web.on("/feed", ex -> {
            String body = feed.get();
            String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                send(ex, 304, null, new byte[0]);
            } else {
                send(ex, 200, "application/rss+xml; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
            }
        });
        tidings = new Tidings(Config.load(data, Map.of()), clock);
        poller = new SourcePoller(tidings.sources(), tidings.pipeline(),
                new Fetcher(new Fetcher.Limits(Duration.ofSeconds(2), Duration.ofMillis(1500), 256 * 1024, 3), clock),
                tidings.failures(), data.resolve("failed"), clock, 4);
    }

    @AfterEach
    void stop() {
        poller.close();
        tidings.close();
        web.close();
    }

    @Test
    void aFeedIsIngestedOnceThenNotModifiedThenOnlyItsNewItemComesIn() throws Exception {
        feed.set(rss(item(1), item(2), item(3)));
        Source source = poller.add(web.url("/feed"), Duration.ofMinutes(15), true).orElseThrow();

        assertThat(poller.pollDue()).containsExactly(new SourcePoller.Poll(source.id(), "fetched", 3, 0, 0));
        assertThat(tidings.articles().count()).isEqualTo(3);
        Source afterFirst = tidings.sources().byId(source.id()).orElseThrow();
        assertThat(afterFirst.title()).isEqualTo("Border Watch");
        assertThat(afterFirst.itemsTotal()).isEqualTo(3);
        assertThat(afterFirst.nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));

        assertThat(poller.pollDue()).as("nothing is due before the interval").isEmpty();
        clock.advance(Duration.ofMinutes(15));
        assertThat(poller.pollDue()).containsExactly(new SourcePoller.Poll(source.id(), "not modified", 0, 0, 0));
        assertThat(web.requests("/feed").get(1).header("If-None-Match")).isNotNull();
        assertThat(tidings.articles().count()).isEqualTo(3);

        feed.set(rss(item(4), item(1), item(2), item(3)));
        clock.advance(Duration.ofHours(1));
        assertThat(poller.pollDue()).containsExactly(new SourcePoller.Poll(source.id(), "fetched", 1, 0, 0));
        assertThat(tidings.articles().count()).isEqualTo(4);
        assertThat(tidings.articles().latest(100, 0)).extracting(Article::url).contains(web.url("/news/4"));
    }

    @Test
    void anItemWhoseTextChangedIsStoredAsAnUpdateOfTheSameArticle() throws Exception {
        feed.set(rss(item(1), item(2)));
        Source source = poller.add(web.url("/feed"), Duration.ofMinutes(15), true).orElseThrow();
        poller.pollDue();
        Article before = tidings.articles().latest(100, 0).stream().filter(a -> a.url().endsWith("/news/2")).findFirst().orElseThrow();

        feed.set(rss(item(1), item(2).replace("The ministry promised", "Correction: the ministry denied")));
        clock.advance(Duration.ofHours(1));

        assertThat(poller.pollDue()).containsExactly(new SourcePoller.Poll(source.id(), "fetched", 0, 1, 0));
        assertThat(tidings.articles().count()).isEqualTo(2);
        Article after = tidings.articles().byId(before.id()).orElseThrow();
        assertThat(after.text()).contains("Correction: the ministry denied").doesNotContain("The ministry promised");
        assertThat(after.ingestedAt()).isEqualTo(before.ingestedAt());
    }

    @Test
    void aTeaserItemGetsTheFullTextOfItsPage() throws Exception {
        web.on("/news/long", ex -> send(ex, 200, "text/html; charset=utf-8", ("<html><head><title>Long read</title></head><body>"
                + "<nav>Home | World</nav><article><h1>Long read</h1><p>" + sentence(7) + "</p><p>" + sentence(8)
                + "</p><p>Rescuers reached the boat south of Lampedusa before dawn on Wednesday.</p></article></body></html>")
                .getBytes(StandardCharsets.UTF_8)));
        feed.set(rss("<item><title>Long read</title><link>" + web.url("/news/long") + "</link>"
                + "<pubDate>Wed, 11 Aug 2021 06:00:00 GMT</pubDate><description>A teaser.</description></item>"));
        poller.add(web.url("/feed"), Duration.ofMinutes(15), true);

        poller.pollDue();

        Article a = tidings.articles().latest(100, 0).get(0);
        assertThat(a.title()).isEqualTo("Long read");
        assertThat(a.source()).isEqualTo("Border Watch");
        assertThat(a.text()).contains("Rescuers reached the boat south of Lampedusa").doesNotContain("A teaser").doesNotContain("Home | World");
    }

    @Test
    void anUnreadableFeedIsRecordedOnItsSourceKeptRawAndBackedOff() throws Exception {
        web.on("/broken", ex -> send(ex, 200, "application/rss+xml", "<rss><channel><title>x</channel>".getBytes(StandardCharsets.UTF_8)));
        Source source = poller.add(web.url("/broken"), Duration.ofMinutes(10), true).orElseThrow();

        poller.pollDue();

        Source s = tidings.sources().byId(source.id()).orElseThrow();
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.lastErrorKind()).isEqualTo("UNREADABLE");
        assertThat(s.lastErrorMessage()).startsWith(web.url("/broken") + " is not well-formed XML");
        assertThat(s.lastErrorAt()).isEqualTo(clock.instant());
        assertThat(s.nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(20)));
        assertThat(tidings.failures().recent(5)).extracting(FailureLog.Failure::where).contains(web.url("/broken"));
        try (Stream<Path> raw = Files.list(data.resolve("failed").resolve(String.valueOf(source.id())))) {
            List<Path> files = raw.toList();
            assertThat(files).hasSize(1);
            assertThat(Files.readString(files.get(0))).isEqualTo("<rss><channel><title>x</channel>");
        }

        clock.advance(Duration.ofMinutes(20));
        poller.pollDue();
        Source twice = tidings.sources().byId(source.id()).orElseThrow();
        assertThat(twice.failures()).isEqualTo(2);
        assertThat(twice.nextPollAt()).as("the wait doubles").isEqualTo(clock.instant().plus(Duration.ofMinutes(40)));
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() throws Exception {
        web.on("/busy", ex -> {
            ex.getResponseHeaders().set("Retry-After", "7200");
            send(ex, 429, "text/plain", new byte[0]);
        });
        Source source = poller.add(web.url("/busy"), Duration.ofMinutes(15), true).orElseThrow();

        poller.pollDue();

        Source s = tidings.sources().byId(source.id()).orElseThrow();
        assertThat(s.lastErrorKind()).isEqualTo("RATE_LIMITED");
        assertThat(s.nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
    }

    @Test
    void oneSlowSourceDoesNotHoldTheOthersUp() throws Exception {
        web.on("/stuck", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("<rss>".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        feed.set(rss(item(1), item(2), item(3)));
        Source stuck = poller.add(web.url("/stuck"), Duration.ofMinutes(15), true).orElseThrow();
        Source good = poller.add(web.url("/feed"), Duration.ofMinutes(15), true).orElseThrow();

        long start = System.nanoTime();
        List<SourcePoller.Poll> polls = poller.pollDue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(polls).contains(new SourcePoller.Poll(good.id(), "fetched", 3, 0, 0),
                new SourcePoller.Poll(stuck.id(), "failed: TIMEOUT", 0, 0, 0));
    }

    @Test
    void aQuietSourceIsPolledLessOftenButNeverMoreThanFourTimesItsInterval() throws Exception {
        feed.set(rss(item(1)));
        Source source = poller.add(web.url("/feed"), Duration.ofMinutes(15), true).orElseThrow();
        poller.pollDue();

        clock.advance(Duration.ofHours(2));
        poller.pollDue(); // 304, quiet for 2 h: wait 30 min
        assertThat(tidings.sources().byId(source.id()).orElseThrow().nextPollAt())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));

        clock.advance(Duration.ofDays(2));
        poller.pollDue(); // quiet for two days: capped at 4 × 15 min
        assertThat(tidings.sources().byId(source.id()).orElseThrow().nextPollAt())
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void aPrivateSourceIsRefusedUnlessAllowed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> poller.add(web.url("/feed"), Duration.ofMinutes(15), false))
                .isInstanceOf(RejectedInput.class)
                .hasMessageContaining("resolves to the private address 127.0.0.1");
        assertThat(tidings.sources().all()).isEmpty();
    }

    private String rss(String... items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Border Watch</title><link>"
                + web.url("/") + "</link>" + String.join("", items) + "</channel></rss>";
    }

    private String item(int n) {
        return "<item><title>Report number " + n + " from the border</title><link>" + web.url("/news/" + n) + "?utm_source=rss</link>"
                + "<pubDate>Wed, 11 Aug 2021 0" + n + ":00:00 GMT</pubDate>"
                + "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA[<p>" + sentence(n)
                + "</p><p>The ministry promised a report on case " + n + " by Friday.</p>]]></content:encoded></item>";
    }

    private static String sentence(int n) {
        String[] places = {"Kuźnica", "Lampedusa", "Ceuta", "Melilla", "Lesbos", "Calais", "Evros", "Vilnius", "Riga"};
        return "Guards said that a group of " + (10 * n + 3) + " people crossed near " + places[n % places.length]
                + " on day " + n + " of the operation, and that " + n + " of them asked for asylum.";
    }
}
