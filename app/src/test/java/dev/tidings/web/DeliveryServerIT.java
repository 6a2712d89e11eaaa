package dev.tidings.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.model.Reader;
import dev.tidings.pipeline.DigestDispatcher;
import dev.tidings.pipeline.ReaderAccounts;
import dev.tidings.testing.Maildir;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A digest from the real server's parts, re-parsed with Apache mime4j, and the links in it used over HTTP
 * as a mail client and a reader would: a section's own unsubscribe, the one-click List-Unsubscribe, the
 * private feed; and the admin's view of suppressed addresses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryServerIT {
    private static final String BASE = "http://tidings.test";
    private static final String TOKEN = "test-api-token";

    private Path data;
    private Tidings tidings;
    private WebServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start() throws Exception {
        data = Files.createTempDirectory("tidings-delivery-it");
        Config config = Config.load(data, Map.of("TIDINGS_API_TOKEN", TOKEN, "TIDINGS_ADMIN_PASSWORD", "admin-pw",
                "TIDINGS_BASE_URL", BASE, "TIDINGS_MAIL_FROM", "Tidings <news@tidings.test>"));
        tidings = new Tidings(config, InstantSource.system());
        server = WebServer.start(tidings, "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        server.close();
        tidings.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> oneClick(String url) throws Exception {
        // what a mail client does for RFC 8058: a POST with this body, no cookies
        String path = url.substring(BASE.length());
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void postArticle(String title, String text) throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("title", title, "published",
                Instant.now().minus(1, ChronoUnit.HOURS).toString(), "source", "Test Wire", "text", text));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/articles")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }

    private static String decoded(Entity part) throws Exception {
        return new String(((TextBody) part.getBody()).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aDigestParsesAsMultipartAlternativeAndItsLinksUnsubscribeOneFollowThenEverything() throws Exception {
        ReaderAccounts accounts = tidings.accounts();
        Reader erin = accounts.add("erin@example.org", ReaderAccounts.Preferences.defaults(), true, null);
        accounts.follow(erin, "Belarus", false, false);
        accounts.follow(erin, "Lithuania", false, false);
        postArticle("Migrants try to cross into Poland from Belarus", "Polish border guards said on Tuesday that "
                + "about 300 migrants tried to cross from Belarus into Poland overnight, as the European Union accused "
                + "Minsk of pushing people toward its frontier. Belarus denied it.");
        postArticle("Lithuania closes two border posts", "Lithuania closed two of its border posts on Friday, the "
                + "interior ministry in Vilnius said, citing a shortage of guards. Lithuania expects to reopen them.");

        DigestDispatcher.Result result = tidings.digests().run(erin, Instant.now(), false);
        assertThat(result.status()).isEqualTo(DigestDispatcher.Status.SENT);
        String raw = Maildir.messages(data.resolve("mail")).stream().filter(m -> m.contains("To: erin@example.org"))
                .findFirst().orElseThrow();

        Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        assertThat(message.getMimeType()).isEqualTo("multipart/alternative");
        Multipart alternative = (Multipart) message.getBody();
        assertThat(alternative.getBodyParts()).extracting(Entity::getMimeType).containsExactly("text/plain", "text/html");
        assertThat(message.getMessageId()).isEqualTo(result.mail().messageId())
                .startsWith("<digest." + erin.id() + ".").endsWith("@tidings.test>");
        assertThat(message.getDate()).isNotNull();
        assertThat(message.getFrom().get(0).getAddress()).isEqualTo("news@tidings.test");
        String listUnsubscribe = message.getHeader().getField("List-Unsubscribe").getBody();
        assertThat(listUnsubscribe).contains("<" + BASE + "/u/").contains("<mailto:news@tidings.test?subject=unsubscribe");
        assertThat(message.getHeader().getField("List-Unsubscribe-Post").getBody()).isEqualTo("List-Unsubscribe=One-Click");

        String plain = decoded(alternative.getBodyParts().get(0));
        String html = decoded(alternative.getBodyParts().get(1));
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100 * 1024);
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .contains("prefers-color-scheme: dark").contains("name=\"color-scheme\" content=\"light dark\"");
        assertThat(plain).contains("Belarus").contains("Lithuania").contains("Stop Belarus:").contains("Stop Lithuania:");

        // the private feed has what matched
        String feedToken = tidings.digests().feedToken(erin);
        HttpResponse<String> feed = get("/r/" + feedToken + "/feed.atom");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        assertThat(feed.body()).contains("Migrants try to cross into Poland from Belarus").contains("Lithuania closes two border posts");
        assertThat(get("/r/forged/feed.atom").statusCode()).isEqualTo(404);

        // a section's own link stops that follow only
        String stopBelarus = lineAfter(plain, "Stop Belarus:");
        assertThat(get(stopBelarus.substring(BASE.length())).body()).contains("Stop news about Belarus");
        assertThat(oneClick(stopBelarus).statusCode()).isEqualTo(200);
        assertThat(accounts.follows(erin)).extracting(f -> f.label()).containsExactly("Lithuania");

        // the header's link stops everything
        Matcher https = Pattern.compile("<(" + Pattern.quote(BASE) + "/u/[^>]+)>").matcher(listUnsubscribe);
        assertThat(https.find()).isTrue();
        assertThat(get(https.group(1).substring(BASE.length())).body()).contains("Stop all digests and alerts");
        assertThat(oneClick(https.group(1)).statusCode()).isEqualTo(200);
        assertThat(accounts.follows(erin)).isEmpty();
    }

    @Test
    void theAdminSeesSuppressedAddressesAndOthersDoNot() throws Exception {
        tidings.deliveries().suppress("gone@example.org", "3 hard bounces, the last: 550 no such user");
        assertThat(get("/admin/delivery").statusCode()).isEqualTo(401);
        String auth = "Basic " + Base64.getEncoder().encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> page = get("/admin/delivery", "Authorization", auth);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("gone@example.org").contains("550 no such user");
    }

    private static String lineAfter(String text, String label) {
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].strip().equals(label)) return lines[i + 1].strip();
        }
        throw new AssertionError("no line '" + label + "' in:\n" + text);
    }
}
