package dev.tidings.pipeline;

import dev.tidings.model.Article;
import dev.tidings.model.Reader;
import dev.tidings.store.StorySignatureStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merge of stories and "once per story" alerts. Alerts are keyed by (reader, story); when an article links
 * two stories, {@link ArticlePipeline} carries what readers were alerted of over to the merged story before
 * it stores anything under it, and only then relabels the absorbed story's articles.
 */
class StoryMergeAlertTest {
    @TempDir
    Path dir;
    Harness h;
    Reader ann;

    @BeforeEach
    void open() {
        h = new Harness(dir, Instant.parse("2021-08-11T10:00:00Z"));
        ann = h.reader("ann", "Europe/London");
        h.follow(ann, "place/belarus", "Belarus", true);
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void articlesRelabelledByAMergeDoNotAlertTheirReaderAgain() {
        assertThat(h.alerts.alert(List.of(h.article("a1").story("s2").store()))).isEqualTo(1);

        new StorySignatureStore(h.db).carryAlerts("s1", List.of("s2"));
        Article relabelled = h.articles.byId("a1").orElseThrow().withStory("s1");
        h.articles.save(relabelled);

        assertThat(h.alerts.alert(List.of(relabelled))).as("the relabelled article").isZero();
        assertThat(h.alerts.alert(List.of(h.article("a2").story("s1").store()))).as("nothing new in the merged story")
                .isZero();
        assertThat(h.alerts.alert(List.of(h.article("a3").story("s1").quote("Ylva Johansson", "Not at our border.")
                .store()))).as("a quote is news").isEqualTo(1);
        assertThat(h.mail()).hasSize(2);
    }

    @Test
    void withoutCarryingTheAlertsOverTheMergedStoryWouldAlertAgain() {
        assertThat(h.alerts.alert(List.of(h.article("a1").story("s2").store()))).isEqualTo(1);
        Article relabelled = h.articles.byId("a1").orElseThrow().withStory("s1");
        h.articles.save(relabelled);
        assertThat(h.alerts.alert(List.of(relabelled))).isEqualTo(1);
    }
}
