package dev.tidings.pipeline;

import dev.tidings.digest.StoryNews;
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
    void anAlertDecidedBeforeAnotherProcessMergedItsStoryIsRecordedUnderTheMergedStory() {
        Article a1 = h.article("a1").story("s2").store();
        // This process decides: ann has not been alerted of s2, so a1 alerts her.
        assertThat(h.deliveries.alerted(ann.id(), "s2")).isEmpty();
        // Another process merges s2 into s1 and relabels a1 before the alert is written.
        new StorySignatureStore(h.db).carryAlerts("s1", List.of("s2"));
        h.articles.save(a1.withStory("s1"));
        assertThat(h.deliveries.enqueueAlert("<m1@tidings>", ann.id(), ann.email(), new byte[] {1}, List.of("a1"), a1.ingestedAt(), "s2",
                StoryNews.keys(a1), -1)).isTrue();

        assertThat(h.deliveries.alerted(ann.id(), "s1")).as("the merged story's record").get()
                .satisfies(r -> assertThat(r.seen()).containsAll(StoryNews.keys(a1)));
        assertThat(h.alerts.alert(List.of(h.articles.byId("a1").orElseThrow()))).as("the relabelled article").isZero();
        assertThat(h.alerts.alert(List.of(h.article("a2").story("s1").store()))).as("nothing new").isZero();
    }

    @Test
    void aRecordWrittenForAStoryJustMergedAwayIsFoldedIntoTheMergedOne() {
        h.article("a1").story("s1").store();
        assertThat(h.alerts.alert(List.of(h.article("a0").story("s1").store()))).isEqualTo(1);
        StorySignatureStore merges = new StorySignatureStore(h.db);
        merges.carryAlerts("s1", List.of("s2"));
        // What a writer that looked the story up before the merge committed leaves behind (PostgreSQL, read
        // committed), and what it then does once its row is written.
        h.db.jdbi().useTransaction(t -> {
            t.execute("INSERT INTO alerted_stories (reader_id, story, seen, updates, last_at)"
                    + " VALUES ('ann', 's2', 'quote/late', 0, 1)");
            StorySignatureStore.foldIfMerged(t, "ann", "s2");
        });

        List<String> stories = h.db.jdbi().withHandle(t -> t.createQuery("SELECT story FROM alerted_stories"
                + " WHERE reader_id = 'ann'").mapTo(String.class).list());
        assertThat(stories).containsExactly("s1");
        assertThat(h.deliveries.alerted(ann.id(), "s1").orElseThrow().seen()).contains("quote/late");
    }

    @Test
    void mergesAreRecordedOnceAndChainsLeadToTheStoryOfNow() {
        StorySignatureStore merges = new StorySignatureStore(h.db);
        h.article("a3").story("s3").store();
        assertThat(h.alerts.alert(List.of(h.article("a4").story("s3").store()))).isEqualTo(1);
        merges.carryAlerts("s2", List.of("s3"));
        merges.carryAlerts("s2", List.of("s3"));
        merges.carryAlerts("s1", List.of("s2"));

        List<String> recorded = h.db.jdbi().withHandle(t -> t.createQuery("SELECT absorbed || '>' || into_story"
                + " FROM story_merges ORDER BY absorbed").mapTo(String.class).list());
        assertThat(recorded).containsExactly("s2>s1", "s3>s1");
        assertThat(h.deliveries.alerted(ann.id(), "s1")).as("carried along the chain").isPresent();
        assertThat(h.alerts.alert(List.of(h.article("a5").story("s1").store()))).as("nothing new").isZero();
    }

    @Test
    void withoutCarryingTheAlertsOverTheMergedStoryWouldAlertAgain() {
        assertThat(h.alerts.alert(List.of(h.article("a1").story("s2").store()))).isEqualTo(1);
        Article relabelled = h.articles.byId("a1").orElseThrow().withStory("s1");
        h.articles.save(relabelled);
        assertThat(h.alerts.alert(List.of(relabelled))).isEqualTo(1);
    }
}
