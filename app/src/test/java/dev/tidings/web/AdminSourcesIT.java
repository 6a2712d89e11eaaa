package dev.tidings.web;

import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.ingest.TestWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin page lists sources with their health and adds one from its form. */
class AdminSourcesIT {
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path data;

    private Tidings tidings;
    private WebServer server;
    private TestWebServer feeds;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        tidings = new Tidings(Config.load(data, Map.of("TIDINGS_ADMIN_PASSWORD", "pw")), InstantSource.system());
        server = WebServer.start(tidings, "127.0.0.1", 0);
        feeds = new TestWebServer();
        feeds.on("/broken", ex -> TestWebServer.send(ex, 500, "text/plain", "oops".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        server.close();
        tidings.close();
        feeds.close();
    }

    @Test
    void anAdminAddsASourceFromTheFormAndSeesItsHealth() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/admin")).header("Authorization", BASIC).GET());
        assertThat(page.body()).contains("No sources yet.").contains("action=\"/admin/sources\"");
        String csrf = cookie(page, "tidings_csrf");

        String form = "csrf=" + csrf + "&url=" + enc(feeds.url("/broken")) + "&every=30&allowPrivate=on";
        HttpResponse<String> added = send(HttpRequest.newBuilder(uri("/admin/sources")).header("Authorization", BASIC)
                .header("Cookie", "tidings_csrf=" + csrf).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);

        tidings.poller().pollDue();
        String after = send(HttpRequest.newBuilder(uri("/admin")).header("Authorization", BASIC).GET()).body();
        assertThat(after).contains(feeds.url("/broken")).contains("30 min").contains("failing ×1: HTTP_STATUS")
                .contains("answered HTTP 500");
    }

    @Test
    void theFormNeedsTheAdminPasswordAndItsCsrfToken() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/admin/sources"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("url=" + enc(feeds.url("/broken")))));
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/admin/sources")).header("Authorization", BASIC)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("url=" + enc(feeds.url("/broken")) + "&allowPrivate=on")));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(tidings.sources().all()).isEmpty();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String cookie(HttpResponse<?> r, String name) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            Matcher m = Pattern.compile("^" + name + "=([^;]*)").matcher(c);
            if (m.find()) return m.group(1);
        }
        throw new AssertionError("no cookie " + name);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
