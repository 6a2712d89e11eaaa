package dev.tidings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.testing.Cli;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tidings tag PAGE.html --json} on a news page: the article body in {@code text}, the page's chrome left out. */
class TagPageIT {
    private static final String PAGE = """
            <!doctype html><html lang="en"><head><title>Harbour bridge approved after long night | Kaunas Daily</title>
            <meta property="article:published_time" content="2024-05-07T09:30:00+03:00">
            <meta name="author" content="Rūta Jonaitė"></head><body>
            <nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
            <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
            <article><h1>Harbour bridge approved after long night</h1>
            <p>The city council approved the new harbour bridge shortly after midnight, ending a debate that had run
            for more than six hours and drawn hundreds of residents to the town hall.</p>
            <figure><img src="bridge.jpg"><figcaption>The planned bridge, seen from the old port. Photo: City archive</figcaption></figure>
            <p>Construction is due to start next spring. The council said the bridge would cut the journey between the
            two halves of the port district from twenty minutes to five.</p>
            <p>Opponents said they would ask the regional court to review the decision because the environmental study
            had not covered the river's spawning grounds.</p>
            <div class="newsletter">Sign up for our morning newsletter and never miss a story.</div>
            </article><footer>© Kaunas Daily. All rights reserved.</footer></body></html>
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName("tag on an HTML page prints the article body in text, without menus, share bars, captions or promos")
    void tagOnAPagePrintsTheArticleBodyAsText() throws IOException {
        Path page = dir.resolve("bridge.html");
        Files.writeString(page, PAGE, StandardCharsets.UTF_8);
        Cli.Run run = new Cli(dir.resolve("data")).run("tag", page.toString(), "--json");
        assertThat(run.exit()).as(run.all()).isZero();
        JsonNode out = new ObjectMapper().readTree(run.out());
        String text = out.path("text").asText();
        assertThat(text).contains("approved the new harbour bridge shortly after midnight")
                .contains("Construction is due to start next spring")
                .contains("spawning grounds");
        assertThat(text).doesNotContain("Share on Facebook", "Sign up for our morning newsletter", "Photo: City archive",
                "All rights reserved", "Weather");
        assertThat(out.path("title").asText()).isEqualTo("Harbour bridge approved after long night");
    }
}
