package dev.tidings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.testing.Cli;
import dev.tidings.testing.Maildir;
import dev.tidings.testing.SharedData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole path on the embedded default, through the commands a user types: an article in the
 * model article's format is imported, understood, matched and delivered in the follower's digest
 * exactly once, and not to a reader who follows something else.
 */
class ArticleToDigestIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path data;
    @TempDir Path work;

    private Path fixture(String name) throws IOException {
        Path target = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/e2e/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    @DisplayName("each e2e fixture is understood as its expected file says")
    void fixturesAreUnderstoodAsExpected() throws IOException {
        Cli cli = new Cli(data);
        for (String name : List.of("eu-border-report", "unrelated-football", "us-border")) {
            JsonNode expected;
            try (InputStream in = getClass().getResourceAsStream("/e2e/" + name + ".expected.json")) {
                expected = JSON.readTree(in);
            }
            Cli.Run run = cli.run("tag", "--json", fixture(name + ".txt").toString());
            assertThat(run.exit()).as(run.err()).isZero();
            checkAnalysis(name, JSON.readTree(run.out()), expected);
        }
    }

    @Test
    @DisplayName("tag --json prints one JSON object per line, in input order")
    void tagPrintsJsonLinesInInputOrder() throws IOException {
        Cli cli = new Cli(data);
        Cli.Run one = cli.run("tag", "--json", fixture("us-border.txt").toString());
        assertThat(one.out().strip().lines()).hasSize(1);
        Cli.Run two = cli.run("tag", "--json", fixture("unrelated-football.txt").toString(),
                fixture("eu-border-report.txt").toString());
        List<String> lines = two.out().strip().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).get("title").asText()).startsWith("Castlegate United");
        assertThat(JSON.readTree(lines.get(1)).get("title").asText()).startsWith("Thousands of migrants");
        assertThat(JSON.readTree(lines.get(1)).get("story").isNull()).as("not stored, so no story").isTrue();
    }

    @Test
    @DisplayName("a follower of EU immigration gets the article in their digest exactly once, others never")
    void articleReachesTheRightDigestOnce() throws IOException {
        Cli cli = new Cli(data);
        Cli.Run imported = cli.run("import", fixture("eu-border-report.txt").toString(),
                fixture("unrelated-football.txt").toString(), fixture("us-border.txt").toString());
        assertThat(imported.exit()).as(imported.all()).isZero();
        assertThat(imported.out().lines()).hasSize(3);
        assertThat(imported.err()).contains("3 new");

        assertThat(cli.run("readers", "add", "alice@example.org", "--confirmed").exit()).isZero();
        assertThat(cli.run("follow", "alice@example.org", "EU immigration").exit()).isZero();
        assertThat(cli.run("readers", "add", "bob@example.org", "--confirmed", "--tz", "Europe/London").exit()).isZero();
        Cli.Run bobFollows = cli.run("follow", "bob@example.org", "Castlegate OR Rivermouth");
        assertThat(bobFollows.exit()).as(bobFollows.all()).isZero();

        Path mail = data.resolve("mail");
        Cli.Run dry = cli.run("digest", "alice@example.org", "--at", "2021-11-10T07:00:00Z", "--dry-run");
        assertThat(dry.exit()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("multipart/alternative").contains("List-Unsubscribe");
        assertThat(Maildir.messages(mail)).as("a dry run sends nothing").isEmpty();

        Cli.Run sent = cli.run("digest", "alice@example.org", "--at", "2021-11-10T07:00:00Z");
        assertThat(sent.exit()).as(sent.all()).isZero();
        List<String> messages = Maildir.messages(mail);
        assertThat(messages).hasSize(1);
        String digest = Maildir.readable(messages.get(0));
        assertThat(digest).contains("Thousands of migrants are trapped").contains("EU immigration");
        assertThat(digest).doesNotContain("Castlegate").doesNotContain("Sign up for the Morning Briefing");

        Cli.Run again = cli.run("digest", "alice@example.org", "--at", "2021-11-10T07:00:00Z");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already");
        Cli.Run nextDay = cli.run("digest", "alice@example.org", "--at", "2021-11-11T07:00:00Z");
        assertThat(nextDay.exit()).isZero();
        assertThat(Maildir.messages(mail)).as("never the same digest twice, nothing new next day").hasSize(1);

        Cli.Run bob = cli.run("digest", "bob@example.org", "--at", "2021-11-10T07:00:00Z");
        assertThat(bob.exit()).as(bob.all()).isZero();
        List<String> all = Maildir.messages(mail);
        assertThat(all).hasSize(2);
        String bobs = all.stream().map(Maildir::readable).filter(m -> m.contains("Castlegate")).findFirst().orElseThrow();
        assertThat(bobs).doesNotContain("Thousands of migrants are trapped");
    }

    @Test
    @DisplayName("a saved search may name concepts by label, and a back-test shows what it would have sent")
    void aSavedSearchWithAConceptLabelMatchesAndCanBeBackTestedFirst() throws IOException {
        Cli cli = new Cli(data);
        Path fresh = work.resolve("fresh.txt");
        java.nio.file.Files.writeString(fresh, "title: Poland moves troops to the Belarus border\n\n"
                + "Poland sent 2,000 more soldiers to its border with Belarus after migrants tried to cross into the "
                + "European Union overnight, the defence ministry in Warsaw said. Frontex offered help to Poland.\n");
        assertThat(cli.run("import", fresh.toString(), fixture("unrelated-football.txt").toString()).exit()).isZero();

        Cli.Run backtest = cli.run("backtest", "concept:\"EU immigration\" AND Poland");
        assertThat(backtest.exit()).as(backtest.all()).isZero();
        assertThat(backtest.out()).contains("would have matched 1 article").contains("Poland moves troops");
        assertThat(cli.run("backtest", "Poland AND (troops OR").exit()).isEqualTo(2);

        assertThat(cli.run("readers", "add", "cleo@example.org", "--confirmed").exit()).isZero();
        Cli.Run follow = cli.run("follow", "cleo@example.org", "concept:\"EU immigration\" AND Poland");
        assertThat(follow.exit()).as(follow.all()).isZero();
        assertThat(cli.run("follow", "cleo@example.org", "about:Atlantis AND Poland").err()).contains("unknown concept");
        Cli.Run digest = cli.run("digest", "cleo@example.org", "--dry-run");
        assertThat(digest.exit()).as(digest.all()).isZero();
        assertThat(digest.out()).contains("Poland moves troops to the Belarus border").doesNotContain("Castlegate");
        assertThat(cli.run("unfollow", "cleo@example.org", "concept:\"EU immigration\" AND Poland").exit()).isZero();
    }

    @Test
    @DisplayName("the model article, when present, is titled, cleaned, tagged and delivered")
    void theSeedArticleReachesAFollowersDigest() throws IOException {
        Optional<Path> seedDir = SharedData.find("seed");
        assumeTrue(seedDir.isPresent(), "../shared/seed is not here: skipping the seed run");
        List<Path> seeds;
        try (Stream<Path> s = Files.list(seedDir.get())) {
            seeds = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        Path seed = seeds.get(0);
        Cli cli = new Cli(data);
        Cli.Run imported = cli.run("import", "--json", seed.toString());
        assertThat(imported.exit()).as(imported.all()).isZero();
        JsonNode a = JSON.readTree(imported.out());
        assertThat(a.get("title").asText()).startsWith("Belarus").doesNotContain("Sign up");
        assertThat(a.get("published").asText()).startsWith("2021-08-10");
        assertThat(a.get("boilerplate").toString()).contains("Sign up for");
        assertThat(a.get("text").asText()).doesNotContain("Sign up for").doesNotContain("©");
        Map<String, String> relevance = relevance(a);
        assertThat(relevance).containsEntry("place/belarus", "about").containsEntry("topic/eu-immigration", "about")
                .containsEntry("person/alexander-lukashenko", "about").containsEntry("place/canada", "mentions");
        List<String> speakers = new ArrayList<>();
        a.get("quotes").forEach(q -> speakers.add(q.get("speaker").asText()));
        assertThat(speakers).contains("person/ylva-johansson");
        assertThat(speakers.stream().filter("person/ylva-johansson"::equals).count()).isGreaterThanOrEqualTo(4);

        for (String what : List.of("EU immigration", "Belarus", "Lukashenko")) {
            String email = what.toLowerCase().replaceAll("[^a-z]", "") + "@example.org";
            assertThat(cli.run("readers", "add", email, "--confirmed").exit()).isZero();
            assertThat(cli.run("follow", email, what).exit()).isZero();
            assertThat(cli.run("digest", email, "--at", "2021-08-11T07:00:00Z").exit()).isZero();
            assertThat(cli.run("digest", email, "--at", "2021-08-11T07:00:00Z").exit()).isZero();
        }
        List<String> messages = Maildir.messages(data.resolve("mail"));
        assertThat(messages).hasSize(3);
        for (String m : messages) assertThat(Maildir.readable(m)).contains(a.get("title").asText());
    }

    private static Map<String, String> relevance(JsonNode analysis) {
        Map<String, String> out = new HashMap<>();
        analysis.get("concepts").forEach(c -> out.put(c.get("id").asText(), c.get("relevance").asText()));
        return out;
    }

    static void checkAnalysis(String name, JsonNode a, JsonNode expected) {
        String title = a.get("title").asText();
        String text = a.get("text").asText();
        String boilerplate = a.get("boilerplate").toString();
        Map<String, String> relevance = relevance(a);
        if (expected.has("titleStartsWith")) assertThat(title).as(name + " title").startsWith(expected.get("titleStartsWith").asText());
        if (expected.has("publishedStartsWith")) assertThat(a.get("published").asText()).as(name).startsWith(expected.get("publishedStartsWith").asText());
        expected.path("boilerplateContains").forEach(s -> assertThat(boilerplate).as(name + " boilerplate").contains(s.asText()));
        expected.path("textMustNotContain").forEach(s -> assertThat(text).as(name + " text").doesNotContain(s.asText()));
        expected.path("about").forEach(id -> assertThat(relevance).as(name + " concepts").containsEntry(id.asText(), "about"));
        expected.path("tagged").forEach(id -> assertThat(relevance).as(name + " concepts").containsKey(id.asText()));
        expected.path("mentionsOnly").forEach(id -> assertThat(relevance).as(name + " concepts").containsEntry(id.asText(), "mentions"));
        expected.path("notTagged").forEach(id -> assertThat(relevance).as(name + " concepts").doesNotContainKey(id.asText()));
        expected.path("quoteSpeakers").fields().forEachRemaining(e -> {
            long n = 0;
            for (JsonNode q : a.get("quotes")) if (e.getKey().equals(q.path("speaker").asText())) n++;
            assertThat(n).as(name + " quotes by " + e.getKey()).isEqualTo(e.getValue().asLong());
        });
    }
}
