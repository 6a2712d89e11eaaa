package dev.tidings.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.pipeline.BackgroundWork;
import dev.tidings.pipeline.ReaderAccounts;
import dev.tidings.testing.Maildir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.xml.parsers.DocumentBuilderFactory;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Boots the real server on a free port over a fresh data folder and uses it over HTTP, as clients do. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerIT {
    private static final String TOKEN = "test-api-token";
    private static final String BASE = "http://tidings.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path data;
    private Tidings tidings;
    private WebServer server;
    private BackgroundWork background;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start() throws java.io.IOException {
        data = Files.createTempDirectory("tidings-server-it");
        Config config = Config.load(data, Map.of("TIDINGS_API_TOKEN", TOKEN, "TIDINGS_ADMIN_PASSWORD", "admin-pw",
                "TIDINGS_BASE_URL", BASE));
        tidings = new Tidings(config, InstantSource.system());
        server = WebServer.start(tidings, "127.0.0.1", 0);
        background = tidings.backgroundWork();
    }

    @AfterAll
    void stop() {
        server.close();
        tidings.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode postArticle(String json) throws Exception {
        HttpResponse<String> r = post("/api/articles", "application/json", json, "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return JSON.readTree(r.body());
    }

    private static String article(String title, String published, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("title", title, "published", published, "source", "Test Wire", "text", text));
    }

    private static final String BORDER_TEXT = "Polish border guards said on Tuesday that about 300 migrants tried to cross "
            + "from Belarus into Poland overnight, as the European Union accused Minsk of pushing people toward its frontier.\n\n"
            + "Frontex, the EU border agency, is sending 40 more officers to Poland, Lithuania and Latvia. Asylum "
            + "applications at the border have risen, Polish officials said, and the EU is preparing new sanctions on Belarus.";

    @Test
    void postingAnArticleNeedsTheBearerTokenAndReturnsItsAnalysis() throws Exception {
        String body = article("Migrants try to cross into Poland from Belarus", "2026-11-20T09:00:00Z", BORDER_TEXT);
        assertThat(post("/api/articles", "application/json", body).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = post("/api/articles", "application/json", body, "Authorization", "Bearer nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).get("error").asText()).contains("token");

        HttpResponse<String> created = post("/api/articles", "application/json", body, "Authorization", "Bearer " + TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode a = JSON.readTree(created.body());
        assertThat(a.get("title").asText()).isEqualTo("Migrants try to cross into Poland from Belarus");
        assertThat(a.get("story").asText()).isNotBlank();
        assertThat(a.get("concepts").toString()).contains("place/poland").contains("place/belarus");

        HttpResponse<String> fetched = get("/api/articles/" + a.get("id").asText());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fetched.body()).get("id").asText()).isEqualTo(a.get("id").asText());

        HttpResponse<String> listed = get("/api/articles?concept=place/poland&limit=5");
        assertThat(listed.body()).contains(a.get("id").asText());
    }

    @Test
    void badArticlesGetA400WithAnErrorAndHugeOnesA413() throws Exception {
        String auth = "Bearer " + TOKEN;
        for (String bad : List.of("{not json", "[]", "{\"title\": \"no text\"}", "{\"text\": 5}")) {
            HttpResponse<String> r = post("/api/articles", "application/json", bad, "Authorization", auth);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).as(bad).isNotBlank();
        }
        String huge = "{\"text\": \"" + "a".repeat(7 * 1024 * 1024) + "\"}";
        assertThat(post("/api/articles", "application/json", huge, "Authorization", auth).statusCode()).isEqualTo(413);
        assertThat(get("/api/articles/does-not-exist").statusCode()).isEqualTo(404);
    }

    @Test
    void conceptsCanBeLookedUp() throws Exception {
        JsonNode found = JSON.readTree(get("/api/concepts?q=Belarus").body());
        assertThat(found.get("concepts").get(0).get("id").asText()).isEqualTo("place/belarus");
        assertThat(get("/api/concepts/place/belarus").statusCode()).isEqualTo(200);
        assertThat(get("/api/concepts/place/atlantis").statusCode()).isEqualTo(404);
    }

    @Test
    void healthMetricsAndOpenApiAnswer() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");
        assertThat(get("/metrics").body()).contains("tidings_articles");
        assertThat(JSON.readTree(get("/api/openapi.json").body()).get("openapi").asText()).startsWith("3.");
    }

    @Test
    void pagesShowArticlesConceptsAndFeedsWithSecurityHeaders() throws Exception {
        JsonNode a = postArticle(article("Frontex doubles its officers on the Bulgarian border", "2026-11-21T10:00:00Z",
                "Frontex, the EU border and coast guard agency, will double its officers on Bulgaria's border with Turkey, "
                        + "the agency said, as irregular crossings into the European Union rise.\n\nAsylum requests in "
                        + "Bulgaria rose by a third this year, officials in Sofia said."));
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Frontex doubles its officers on the Bulgarian border");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));

        HttpResponse<String> page = get("/articles/" + a.get("id").asText());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Bulgaria");

        HttpResponse<String> concept = get("/concepts/place/bulgaria");
        assertThat(concept.statusCode()).isEqualTo(200);
        assertThat(concept.body()).contains("/concepts/place/bulgaria/follow").contains("feed.atom")
                .contains("Frontex doubles its officers")
                .contains("aria-label=\"1 stories about Bulgaria in the last 30 days, per day\"");
        HttpResponse<String> feed = get("/concepts/place/bulgaria/feed.atom");
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).contains("atom+xml");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("entry").getLength()).isGreaterThanOrEqualTo(1);
        assertThat(get("/concepts/place/atlantis").statusCode()).isEqualTo(404);
    }

    @Test
    void aStoryReportedByTwoSourcesAppearsOnceOnTheHomePageWithTheOtherSourceFoldedIn() throws Exception {
        String text = "Latvia extended its state of emergency on the border with Belarus for another six months on "
                + "Wednesday, saying attempts to cross the frontier had not fallen since the summer.\n\nThe government "
                + "in Riga will build 20 more watchtowers along the border and keep soldiers deployed there.";
        JsonNode first = postArticle(JSON.writeValueAsString(Map.of("title", "Latvia extends border emergency",
                "published", "2026-11-25T09:00:00Z", "source", "Riga Wire", "url", "https://one.example.org/lv", "text", text)));
        JsonNode second = postArticle(JSON.writeValueAsString(Map.of("title", "Riga keeps emergency rule on Belarus border",
                "published", "2026-11-25T11:00:00Z", "source", "Baltic Desk", "url", "https://two.example.org/lv",
                "text", text.replace("Wednesday", "Wednesday afternoon"))));
        assertThat(second.get("story").asText()).isEqualTo(first.get("story").asText());
        String home = get("/").body();
        int shown = (home.contains("Latvia extends border emergency") ? 1 : 0)
                + (home.contains("Riga keeps emergency rule on Belarus border") ? 1 : 0);
        assertThat(shown).as("one card for the story").isEqualTo(1);
        assertThat(home).contains("Also reported by").contains("/stories/" + first.get("story").asText());
        assertThat(get("/stories/" + first.get("story").asText()).body()).contains("Riga Wire").contains("Baltic Desk");
    }

    @Test
    void anArticleImportedByAnotherProcessJoinsTheStoryOfALaterCopyPostedToTheServer() throws Exception {
        String text = "Slovakia closed two crossings on its border with Hungary on Thursday after a rise in migrants "
                + "travelling north from Serbia, the interior ministry in Bratislava said.\n\nPolice will check all cars "
                + "at the remaining crossings for at least ten days, the ministry added, and soldiers will help them.";
        tidings.pipeline(); // the server's story index exists before the other process stores anything
        try (Tidings cli = new Tidings(Config.load(data, Map.of("TIDINGS_API_TOKEN", TOKEN, "TIDINGS_BASE_URL", BASE)),
                InstantSource.system())) {
            cli.pipeline().ingest(new dev.tidings.ingest.ArticleReader().readText("title: Slovakia closes two border "
                    + "crossings with Hungary\ndate: 2026-11-26T09:00:00Z\nsource: Danube Wire\n\n" + text, "cli"));
        }
        background.followNewArticles();
        JsonNode copy = postArticle(JSON.writeValueAsString(Map.of("title", "Slovakia shuts crossings on Hungarian border",
                "published", "2026-11-26T13:00:00Z", "source", "Central Desk", "url", "https://three.example.org/sk",
                "text", text.replace("Thursday", "Thursday morning"))));
        String story = copy.get("story").asText();
        assertThat(get("/stories/" + story).body()).contains("Danube Wire").contains("Central Desk");
    }

    @Test
    void searchFindsIndexedArticlesAndExplainsBadQueries() throws Exception {
        postArticle(article("Malta rescues 63 people from a drifting boat", "2026-11-22T08:00:00Z",
                "The Armed Forces of Malta rescued 63 people from a drifting boat that had left Libya, officials said."));
        background.followNewArticles();
        HttpResponse<String> found = get("/search?q=" + enc("Malta AND rescued"));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("Malta rescues 63 people");
        HttpResponse<String> bad = get("/search?q=" + enc("Malta AND (Libya OR"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("position");
        assertThat(get("/search/feed.atom?q=Malta").body()).contains("Malta rescues 63 people");

        postArticle(JSON.writeValueAsString(Map.of("title", "Malta opens a new reception centre", "published",
                "2026-10-02T08:00:00Z", "source", "Island Post", "language", "en",
                "text", "Malta opened a new reception centre for asylum seekers near Valletta, the home affairs ministry said.")));
        background.followNewArticles();
        String bySource = get("/search?concept=place/malta&source=" + enc("Island Post")).body();
        assertThat(bySource).contains("Malta opens a new reception centre").doesNotContain("Malta rescues 63 people");
        String byDate = get("/search?q=Malta&from=2026-11-01&to=2026-11-30").body();
        assertThat(byDate).contains("Malta rescues 63 people").doesNotContain("Malta opens a new reception centre");
        assertThat(get("/search?q=Malta&lang=de").body()).doesNotContain("Malta rescues 63 people");
        assertThat(get("/search/feed.atom?concept=place/malta&from=2026-11-01").body())
                .contains("Malta rescues 63 people").doesNotContain("Malta opens a new reception centre");
    }

    @Test
    void aReaderSignsUpConfirmsFromTheMaildirFollowsAndUnsubscribesWithOneClick() throws Exception {
        HttpResponse<String> accepted = post("/api/readers", "application/json",
                "{\"email\": \"Carol@Example.org\", \"timezone\": \"Europe/Warsaw\", \"digestAt\": \"06:30\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        HttpResponse<String> again = post("/api/readers", "application/json", "{\"email\": \"carol@example.org\"}");
        assertThat(again.statusCode()).as("no enumeration: the same answer").isEqualTo(202);
        assertThat(again.body()).isEqualTo(accepted.body());
        assertThat(post("/api/readers", "application/json", "{\"email\": \"nope\"}").statusCode()).isEqualTo(400);

        List<String> confirmLinks = Maildir.messages(data.resolve("mail")).stream()
                .filter(m -> m.contains("To: carol@example.org"))
                .flatMap(m -> Maildir.links(m, BASE + "/confirm/").stream()).toList();
        assertThat(confirmLinks).isNotEmpty();
        assertThat(String.join("\n", Maildir.messages(data.resolve("mail"))))
                .as("the link is whole in the raw Maildir file, for people who read it without a mail client")
                .contains(confirmLinks.get(0));
        HttpResponse<String> confirmed = get(confirmLinks.get(0).substring(BASE.length()));
        assertThat(confirmed.statusCode()).isEqualTo(302);
        String session = cookie(confirmed, WebRoutes.SESSION_COOKIE);
        assertThat(confirmed.headers().allValues("Set-Cookie").toString()).contains("HttpOnly").contains("SameSite=Lax");

        HttpResponse<String> me = get("/me", "Cookie", WebRoutes.SESSION_COOKIE + "=" + session);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("carol@example.org");
        String csrf = cookie(me, WebRoutes.CSRF_COOKIE);
        String cookies = WebRoutes.SESSION_COOKIE + "=" + session + "; " + WebRoutes.CSRF_COOKIE + "=" + csrf;
        HttpResponse<String> noToken = post("/me/follow", "application/x-www-form-urlencoded", "what=Belarus", "Cookie", cookies);
        assertThat(noToken.statusCode()).as("a form without the CSRF token is refused").isEqualTo(403);
        HttpResponse<String> followed = post("/me/follow", "application/x-www-form-urlencoded",
                "what=" + enc("EU immigration") + "&csrf=" + csrf, "Cookie", cookies);
        assertThat(followed.statusCode()).isEqualTo(302);
        assertThat(get("/me", "Cookie", cookies).body()).contains("EU immigration");

        var reader = tidings.readers().byEmail("carol@example.org").orElseThrow();
        assertThat(reader.confirmed()).isTrue();
        assertThat(reader.zone().getId()).isEqualTo("Europe/Warsaw");
        String token = tidings.tokens().issuePermanent(ReaderAccounts.UNSUBSCRIBE, reader.id());
        assertThat(get("/u/" + token).body()).contains("carol@example.org");
        HttpResponse<String> oneClick = post("/u/" + token, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(tidings.follows().ofReader(reader.id())).isEmpty();
        assertThat(post("/u/forged-token", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
    }

    @Test
    void aSignedInReaderManagesMutesScheduleFollowSettingsAndCanExportAndEraseTheirData() throws Exception {
        var reader = tidings.accounts().add("erin@example.org", ReaderAccounts.Preferences.defaults(), true, null);
        tidings.accounts().follow(reader, "Latvia", false, false);
        String session = tidings.accounts().session(reader);
        HttpResponse<String> me = get("/me", "Cookie", WebRoutes.SESSION_COOKIE + "=" + session);
        String csrf = cookie(me, WebRoutes.CSRF_COOKIE);
        String cookies = WebRoutes.SESSION_COOKIE + "=" + session + "; " + WebRoutes.CSRF_COOKIE + "=" + csrf;
        String form = "application/x-www-form-urlencoded";

        assertThat(post("/me/mute", form, "what=Canada&csrf=" + csrf, "Cookie", cookies).statusCode()).isEqualTo(302);
        assertThat(post("/me/mute", form, "what=" + enc("Daily Rumour") + "&csrf=" + csrf, "Cookie", cookies).statusCode()).isEqualTo(302);
        assertThat(post("/me/settings", form, "timezone=" + enc("Europe/Riga") + "&digestAt=06:15&frequency=WEEKLY&weeklyOn=FRIDAY&csrf=" + csrf,
                "Cookie", cookies).statusCode()).isEqualTo(302);
        assertThat(post("/me/settings", form, "timezone=Mars%2FOlympus&digestAt=06:15&frequency=DAILY&weeklyOn=FRIDAY&csrf=" + csrf,
                "Cookie", cookies).statusCode()).isEqualTo(400);
        assertThat(post("/me/follow-settings", form, "target=place%2Flatvia&instant=on&aboutOnly=on&csrf=" + csrf,
                "Cookie", cookies).statusCode()).isEqualTo(302);

        String page = get("/me", "Cookie", cookies).body();
        assertThat(page).contains("Canada").contains("Daily Rumour").contains("Europe/Riga").contains("06:15");
        var updated = tidings.readers().byEmail("erin@example.org").orElseThrow();
        assertThat(updated.frequency().name()).isEqualTo("WEEKLY");
        assertThat(updated.weeklyOn().name()).isEqualTo("FRIDAY");
        assertThat(tidings.follows().ofReader(reader.id()).get(0).instant()).isTrue();
        assertThat(tidings.follows().ofReader(reader.id()).get(0).aboutOnly()).isTrue();

        HttpResponse<String> export = get("/me/export.json", "Cookie", cookies);
        assertThat(export.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(export.body());
        assertThat(data.get("reader").get("email").asText()).isEqualTo("erin@example.org");
        assertThat(data.get("follows").get(0).get("target").asText()).isEqualTo("place/latvia");
        assertThat(data.get("mutes").toString()).contains("place/canada").contains("Daily Rumour");

        assertThat(post("/me/erase", form, "csrf=" + csrf, "Cookie", cookies).statusCode()).as("needs the confirmation box").isEqualTo(400);
        assertThat(post("/me/erase", form, "confirm=yes&csrf=" + csrf, "Cookie", cookies).statusCode()).isEqualTo(200);
        assertThat(tidings.readers().byEmail("erin@example.org")).isEmpty();
        assertThat(tidings.mutes().ofReader(reader.id())).isEmpty();
        assertThat(get("/me", "Cookie", cookies).statusCode()).isEqualTo(403);
    }

    @Test
    void aReaderSeesWhatAFollowWouldHaveSentBeforeSavingIt() throws Exception {
        postArticle(article("Cyprus asks for EU help with arrivals", Instant.now().minusSeconds(3600).toString(),
                "Cyprus asked the European Union for help after more asylum seekers arrived by boat, the interior "
                        + "ministry in Nicosia said. Frontex will send officers to Cyprus."));
        background.followNewArticles();
        var reader = tidings.accounts().add("ivo@example.org", ReaderAccounts.Preferences.defaults(), true, null);
        String cookies = WebRoutes.SESSION_COOKIE + "=" + tidings.accounts().session(reader);
        HttpResponse<String> page = get("/me/backtest?what=Cyprus", "Cookie", cookies);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Before you follow Cyprus").contains("Cyprus asks for EU help with arrivals")
                .contains("svg class=\"chart\"").contains("would have sent you 1 article");
        HttpResponse<String> search = get("/me/backtest?what=" + enc("Cyprus AND Frontex"), "Cookie", cookies);
        assertThat(search.body()).contains("Cyprus asks for EU help with arrivals");
        assertThat(get("/me/backtest?what=" + enc("Cyprus AND ("), "Cookie", cookies).statusCode()).isEqualTo(400);
        assertThat(tidings.follows().ofReader(reader.id())).as("nothing is saved by looking").isEmpty();
        tidings.accounts().follow(reader, "Cyprus", false, false);
        assertThat(get("/me", "Cookie", cookies).body()).contains("1 in the last 30 days");
    }

    @Test
    void signUpsForOneAddressAreRateLimitedTheSameWayKnownOrNot() throws Exception {
        int last = 0;
        for (int i = 0; i < 6; i++) {
            last = post("/api/readers", "application/json", "{\"email\": \"flood@example.org\"}").statusCode();
            if (i < 5) assertThat(last).isEqualTo(202);
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    void aMutedConceptKeepsAnArticleOutOfTheDigest() throws Exception {
        var accounts = tidings.accounts();
        var gus = accounts.add("gus@example.org", ReaderAccounts.Preferences.defaults(), true, null);
        accounts.follow(gus, "Estonia", false, false);
        postArticle(article("Estonia and Finland test a joint ferry checkpoint", "2026-11-27T09:00:00Z",
                "Estonia and Finland tested a joint border checkpoint at the ferry port in Tallinn, the Estonian "
                        + "police said. Finland sent six officers. Finland and Estonia plan more joint checks."));
        postArticle(article("Estonia extends its electricity price cap", "2026-11-27T10:00:00Z",
                "Estonia will extend its cap on household electricity prices into the spring, the government in Tallinn said."));
        accounts.mute(gus, "Finland");
        var result = tidings.digests().run(gus, Instant.parse("2026-11-28T07:00:00Z"), true);
        assertThat(result.mail().text()).contains("Estonia extends its electricity price cap")
                .doesNotContain("joint ferry checkpoint");
    }

    @Test
    void anInstantFollowerIsAlertedOnceForAFreshArticleAndNeverForAnOldOne() throws Exception {
        var accounts = tidings.accounts();
        var dora = accounts.add("dora@example.org", ReaderAccounts.Preferences.defaults(), true, null);
        accounts.follow(dora, "Lithuania", true, false);
        background.followNewArticles();
        postArticle(article("Lithuania reports crossings from Belarus in 2019", "2019-03-01T08:00:00Z",
                "Lithuania said border crossings from Belarus rose in February, officials in Vilnius said on Friday."));
        postArticle(article("Lithuania closes two border posts with Belarus", Instant.now().toString(),
                "Lithuania will close two of its border posts with Belarus from Monday, the interior ministry in Vilnius said."));
        background.followNewArticles();
        background.followNewArticles();
        List<String> all = Maildir.messages(data.resolve("mail")).stream().map(Maildir::readable).toList();
        assertThat(all.stream().filter(m -> m.contains("Lithuania closes two border posts"))).hasSize(1);
        assertThat(all.stream().filter(m -> m.contains("Lithuania reports crossings from Belarus in 2019"))).isEmpty();
    }

    @Test
    void filesDroppedInTheInboxAreIngestedAndFailuresShowInAdmin() throws Exception {
        Path inbox = data.resolve("inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("a.txt"), "title: Greece sends patrol boats south of Crete\ndate: 2026-11-23\n\n"
                + "Greece sent coast guard vessels south of Crete after arrivals of migrants from Libya rose, the ministry said.\n");
        Files.write(inbox.resolve("broken.txt"), new byte[]{0, 1, 2, 3, 0, 0});
        Files.setLastModifiedTime(inbox.resolve("a.txt"), java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(5)));
        Files.setLastModifiedTime(inbox.resolve("broken.txt"), java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(5)));
        assertThat(background.scanInbox()).isEqualTo(1);
        assertThat(inbox.resolve("done/a.txt")).exists();
        assertThat(inbox.resolve("failed/broken.txt")).exists();
        assertThat(tidings.articles().latest(50, 0)).anyMatch(a -> a.title().equals("Greece sends patrol boats south of Crete"));

        assertThat(get("/admin").statusCode()).isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> admin = get("/admin", "Authorization", basic);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("broken.txt");

        // Taxonomy editing: a new person is defined on the admin page and tags the next article.
        assertThat(get("/admin/taxonomy").statusCode()).isEqualTo(401);
        HttpResponse<String> taxonomy = get("/admin/taxonomy", "Authorization", basic);
        assertThat(taxonomy.statusCode()).isEqualTo(200);
        String csrf = cookie(taxonomy, WebRoutes.CSRF_COOKIE);
        String definition = "{\"id\": \"person/mira-voss\", \"label\": \"Mira Voss\", \"aliases\": [\"Voss\"], "
                + "\"description\": \"Interior minister of Examplia\"}";
        HttpResponse<String> bad = post("/admin/taxonomy", "application/x-www-form-urlencoded",
                "definition=" + enc("{\"label\": 5}") + "&csrf=" + csrf, "Authorization", basic, "Cookie", WebRoutes.CSRF_COOKIE + "=" + csrf);
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> saved = post("/admin/taxonomy", "application/x-www-form-urlencoded",
                "definition=" + enc(definition) + "&csrf=" + csrf, "Authorization", basic, "Cookie", WebRoutes.CSRF_COOKIE + "=" + csrf);
        assertThat(saved.statusCode()).isEqualTo(303);
        JsonNode tagged = postArticle(article("Voss visits the border", "2026-11-24T09:00:00Z",
                "Mira Voss, the interior minister, visited the border on Monday. Voss said more guards would follow."));
        assertThat(tagged.get("concepts").toString()).contains("person/mira-voss");
    }

    private static String cookie(HttpResponse<?> r, String name) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            Matcher m = Pattern.compile("^" + name + "=([^;]*)").matcher(c);
            if (m.find()) return m.group(1);
        }
        throw new AssertionError("no cookie " + name + " in " + r.headers().allValues("Set-Cookie"));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
