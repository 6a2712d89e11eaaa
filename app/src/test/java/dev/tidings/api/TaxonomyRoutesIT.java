package dev.tidings.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.web.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The taxonomy grows while the server runs: a file in the data folder, concepts an admin posts, and
 * people the articles themselves introduce, each tagged in the next article without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxonomyRoutesIT {
    private static final String TOKEN = "taxonomy-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tidings tidings;
    private WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path data = Files.createTempDirectory("tidings-taxonomy-it");
        Files.createDirectories(data.resolve("taxonomy"));
        Files.writeString(data.resolve("taxonomy").resolve("local.json"), """
                {"concepts": [{"id": "organisation/harbour-watch", "label": "Harbour Watch", "aliases": ["HarbourWatch"],
                  "description": "A local sea-rescue charity", "tags": ["ngo"]}]}
                """);
        tidings = new Tidings(Config.load(data, Map.of("TIDINGS_API_TOKEN", TOKEN)), InstantSource.system());
        server = WebServer.start(tidings, "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        server.close();
        tidings.close();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth) b.header("Authorization", "Bearer " + TOKEN);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode tagged(String title, String text) throws Exception {
        String body = JSON.writeValueAsString(Map.of("title", title, "published", "2026-11-20T09:00:00Z", "text", text));
        HttpResponse<String> r = send("POST", "/api/articles", body, true);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return JSON.readTree(r.body()).get("concepts");
    }

    private static boolean has(JsonNode concepts, String id) {
        for (JsonNode c : concepts) if (c.get("id").asText().equals(id)) return true;
        return false;
    }

    @Test
    void aConceptFromAFileInTheDataFolderIsTagged() throws Exception {
        JsonNode concepts = tagged("Rescuers save 40 off Sicily", "Volunteers of Harbour Watch pulled 40 people from the "
                + "water off Sicily on Sunday.\n\nHarbour Watch said its boat had been at sea for three days.");
        assertThat(has(concepts, "organisation/harbour-watch")).isTrue();
    }

    @Test
    void anAdminAddsAConceptThatTheNextArticleIsTaggedWith() throws Exception {
        String text = "Regulators opened proceedings against Tessellate on Friday.\n\nTessellate said it would cooperate.";
        assertThat(has(tagged("Proceedings against video app", text), "organisation/tessellate")).isFalse();

        String definition = "{\"id\": \"organisation/tessellate\", \"label\": \"Tessellate\", \"aliases\": [\"Tessellate app\"],"
                + " \"description\": \"Short-video platform\", \"tags\": [\"company\"]}";
        assertThat(send("POST", "/api/admin/concepts", definition, false).statusCode()).isEqualTo(401);
        HttpResponse<String> created = send("POST", "/api/admin/concepts", definition, true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("label").asText()).isEqualTo("Tessellate");

        assertThat(has(tagged("Proceedings against Tessellate app", text + "\n\nMore follows."), "organisation/tessellate")).isTrue();
        assertThat(send("GET", "/api/concepts/organisation/tessellate", null, false).statusCode()).isEqualTo(200);

        HttpResponse<String> again = send("POST", "/api/admin/concepts", definition, true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("error").asText()).contains("exists already");
        HttpResponse<String> replaced = send("PUT", "/api/admin/concepts/organisation/tessellate",
                definition.replace("Short-video platform", "Video app"), true);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replaced.body()).get("description").asText()).isEqualTo("Video app");
    }

    @Test
    void badDefinitionsAreRefusedWithAnErrorThatSaysWhatIsWrong() throws Exception {
        Map<String, String> bad = Map.of(
                "{\"id\": \"organisation/acme\"}", "'label' is required",
                "{\"id\": \"company/acme\", \"label\": \"Acme\"}", "unknown concept type",
                "{\"id\": \"organisation/acme\", \"label\": \"Acme\", \"aliases\": [\"acme\"]}", "no capital letter",
                "{\"id\": \"topic/ports\", \"label\": \"Ports\", \"rule\": {\"terms\": {\"port\": 1}, \"threshold\": 1, \"require\": \"about:tag:eu AND (\"}}", "rule condition",
                "{\"id\": \"place/smalltown\", \"label\": \"Smalltown\", \"partOf\": \"place/atlantis\"}", "unknown concept place/atlantis",
                "{not json", "not valid JSON");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = send("POST", "/api/admin/concepts", e.getKey(), true);
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).as(e.getKey()).contains(e.getValue());
        }
        HttpResponse<String> mismatch = send("PUT", "/api/admin/concepts/organisation/other",
                "{\"id\": \"organisation/acme\", \"label\": \"Acme\"}", true);
        assertThat(mismatch.statusCode()).isEqualTo(400);
    }

    @Test
    void aPersonDiscoveredInOneArticleIsTheSameConceptInTheNext() throws Exception {
        JsonNode first = tagged("Slovak minister visits border", "Interior minister Matej Horvath visited the border "
                + "crossing on Monday.\n\nHorvath said more officers would be sent.");
        assertThat(has(first, "person/matej-horvath")).isTrue();

        JsonNode next = tagged("Horvath defends plan", "Matej Horvath defended the plan in parliament on Tuesday, "
                + "saying it was needed.\n\nCritics were not convinced.");
        assertThat(has(next, "person/matej-horvath")).isTrue();

        HttpResponse<String> list = send("GET", "/api/admin/concepts", null, true);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode stored = null;
        for (JsonNode c : JSON.readTree(list.body()).get("concepts")) {
            if (c.get("id").asText().equals("person/matej-horvath")) stored = c;
        }
        assertThat(stored).isNotNull();
        assertThat(stored.get("origin").asText()).isEqualTo("discovered");
        assertThat(tidings.taxonomy().byId("person/matej-horvath")).get()
                .satisfies(c -> assertThat(c.discovered()).isTrue());
    }
}
