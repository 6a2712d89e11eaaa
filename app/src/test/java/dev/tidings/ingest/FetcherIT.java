package dev.tidings.ingest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static dev.tidings.ingest.TestWebServer.send;
import static org.assertj.core.api.Assertions.assertThat;

/** The fetcher against a real local HTTP server that misbehaves in every way the web does. */
class FetcherIT {
    private static final String FEED = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>";
    private static final String ACCEPT = "application/rss+xml, */*";
    private static final Instant NOW = Instant.parse("2021-08-11T07:00:00Z");

    private final TestWebServer web = new TestWebServer();
    /** Small caps and short deadlines so that each misbehaviour is cut off fast. */
    private final Fetcher fetcher = new Fetcher(new Fetcher.Limits(Duration.ofSeconds(2), Duration.ofMillis(800),
            64 * 1024, 3), InstantSource.fixed(NOW));

    FetcherIT() throws IOException {
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private FetchResult get(String path) {
        return fetcher.fetch(web.url(path), Fetcher.Validators.NONE, true, ACCEPT);
    }

    @Test
    void aFeedIsFetchedWithAClearUserAgentAndItsValidatorsAreKept() {
        web.on("/feed", ex -> {
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            ex.getResponseHeaders().set("Last-Modified", "Tue, 10 Aug 2021 09:00:00 GMT");
            send(ex, 200, "application/rss+xml", FEED.getBytes(StandardCharsets.UTF_8));
        });

        FetchResult r = get("/feed");

        assertThat(r).isInstanceOfSatisfying(FetchResult.Fetched.class, f -> {
            assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo(FEED);
            assertThat(f.etag()).isEqualTo("\"v1\"");
            assertThat(f.lastModified()).isEqualTo("Tue, 10 Aug 2021 09:00:00 GMT");
        });
        assertThat(web.requests("/feed").get(0).header("User-Agent")).startsWith("Tidings/");
    }

    @Test
    void theValidatorsAreSentBackAndAnUnchangedFeedIsNotModified() {
        web.on("/feed", ex -> {
            boolean same = "\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"));
            send(ex, same ? 304 : 200, "application/rss+xml", same ? new byte[0] : FEED.getBytes(StandardCharsets.UTF_8));
        });

        FetchResult r = fetcher.fetch(web.url("/feed"), new Fetcher.Validators("\"v1\"", "Tue, 10 Aug 2021 09:00:00 GMT"), true, ACCEPT);

        assertThat(r).isInstanceOf(FetchResult.NotModified.class);
        assertThat(web.requests("/feed").get(0).header("If-Modified-Since")).isEqualTo("Tue, 10 Aug 2021 09:00:00 GMT");
    }

    @Test
    void tooManyRequestsWithRetryAfterInSecondsOrAsADateIsRateLimited() {
        web.on("/slow-down", ex -> {
            ex.getResponseHeaders().set("Retry-After", "120");
            send(ex, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
        });
        web.on("/maintenance", ex -> {
            ex.getResponseHeaders().set("Retry-After", "Wed, 11 Aug 2021 08:00:00 GMT");
            send(ex, 503, "text/plain", new byte[0]);
        });

        assertThat(get("/slow-down")).isEqualTo(new FetchResult.RateLimited(429, Optional.of(Duration.ofSeconds(120))));
        assertThat(get("/maintenance")).isEqualTo(new FetchResult.RateLimited(503, Optional.of(Duration.ofHours(1))));
    }

    @Test
    void gzipIsAskedForAndDecompressed() throws IOException {
        byte[] gz = gzip(FEED.getBytes(StandardCharsets.UTF_8));
        web.on("/gz", ex -> {
            assertThat(ex.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            send(ex, 200, "application/rss+xml", gz);
        });

        assertThat(get("/gz")).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo(FEED));
    }

    @Test
    void aGzipBombIsCutOffAtTheCapOnTheDecompressedSize() throws IOException {
        byte[] bomb = gzip(new byte[10 * 1024 * 1024]); // about 10 KB on the wire, 10 MB inflated
        assertThat(bomb.length).isLessThan(64 * 1024);
        web.on("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            send(ex, 200, "application/rss+xml", bomb);
        });

        assertThat(get("/bomb")).isEqualTo(new FetchResult.Failed(FetchResult.Kind.TOO_LARGE,
                web.url("/bomb") + " decompresses to more than 65536 bytes"));
    }

    @Test
    void aFiftyMegabyteBodyIsCutOffAtTheCapWithoutReadingItAll() {
        web.on("/huge", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, 50L * 1024 * 1024);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 800; i++) out.write(chunk);
            }
        });

        long start = System.nanoTime();
        FetchResult r = get("/huge");

        assertThat(r).isEqualTo(new FetchResult.Failed(FetchResult.Kind.TOO_LARGE, web.url("/huge") + " is larger than 65536 bytes"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aSlowDripIsCutOffAtTheTotalDeadline() {
        web.on("/drip", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('<');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        long start = System.nanoTime();
        FetchResult r = get("/drip");

        assertThat(r).isEqualTo(new FetchResult.Failed(FetchResult.Kind.TIMEOUT,
                web.url("/drip") + " did not answer completely within 800 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aServerThatNeverAnswersIsCutOffAtTheDeadlineToo() {
        web.on("/silent", ex -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(get("/silent")).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FetchResult.Kind.TIMEOUT));
    }

    @Test
    void binaryResponsesAndErrorStatusesAreRefusedClearly() {
        web.on("/photo", ex -> send(ex, 200, "image/jpeg", new byte[]{(byte) 0xff, (byte) 0xd8, 0, 1}));
        web.on("/gone", ex -> send(ex, 410, "text/plain", "gone".getBytes(StandardCharsets.UTF_8)));

        assertThat(get("/photo")).isEqualTo(new FetchResult.Failed(FetchResult.Kind.UNSUPPORTED,
                web.url("/photo") + " is image/jpeg, not a feed or a page"));
        assertThat(get("/gone")).isEqualTo(new FetchResult.Failed(FetchResult.Kind.HTTP_STATUS,
                web.url("/gone") + " answered HTTP 410"));
    }

    @Test
    void redirectsAreFollowedButOnlySoFar() {
        web.on("/old", ex -> {
            ex.getResponseHeaders().set("Location", "/new");
            send(ex, 301, null, new byte[0]);
        });
        web.on("/new", ex -> send(ex, 200, "application/rss+xml", FEED.getBytes(StandardCharsets.UTF_8)));
        web.on("/loop", ex -> {
            ex.getResponseHeaders().set("Location", "/loop");
            send(ex, 302, null, new byte[0]);
        });

        assertThat(get("/old")).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat(f.url()).isEqualTo(web.url("/new")));
        assertThat(get("/loop")).isEqualTo(new FetchResult.Failed(FetchResult.Kind.REDIRECTS,
                web.url("/loop") + " redirects more than 3 times"));
        assertThat(web.requests("/loop")).hasSize(4);
    }

    @Test
    void aSourceNotAllowedPrivateIsRefusedBeforeAnyRequestIsMade() {
        web.on("/feed", ex -> send(ex, 200, "application/rss+xml", FEED.getBytes(StandardCharsets.UTF_8)));

        FetchResult r = fetcher.fetch(web.url("/feed"), Fetcher.Validators.NONE, false, ACCEPT);

        assertThat(r).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FetchResult.Kind.REFUSED);
            assertThat(f.message()).contains("resolves to the private address 127.0.0.1");
        });
        assertThat(web.requests("/feed")).isEmpty();
    }

    @Test
    void everyRedirectHopIsCheckedAgainSoARedirectIntoThePrivateNetworkIsRefused() {
        // The first host stands for a public site (the check lets "localhost" through); the redirect points
        // at 127.0.0.1, which the real address guard judges. The secret must never be requested.
        web.on("/public-feed", ex -> {
            ex.getResponseHeaders().set("Location", web.url("/secret"));
            send(ex, 302, null, new byte[0]);
        });
        web.on("/secret", ex -> send(ex, 200, "text/plain", "metadata".getBytes(StandardCharsets.UTF_8)));
        AddressGuard strict = new AddressGuard(false);
        Fetcher.HopCheck publicLocalhost = hop -> {
            if (!hop.getHost().equals("localhost")) strict.check(hop);
        };

        FetchResult r = fetcher.fetch("http://localhost:" + web.port() + "/public-feed", Fetcher.Validators.NONE,
                publicLocalhost, ACCEPT);

        assertThat(r).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FetchResult.Kind.REFUSED);
            assertThat(f.message()).startsWith(web.url("/secret") + " resolves to the private address 127.0.0.1");
        });
        assertThat(web.requests("/public-feed")).hasSize(1);
        assertThat(web.requests("/secret")).isEmpty();
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        FetchResult r = fetcher.fetch("http://127.0.0.1:" + port + "/", Fetcher.Validators.NONE, true, ACCEPT);

        assertThat(r).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FetchResult.Kind.UNREACHABLE));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
