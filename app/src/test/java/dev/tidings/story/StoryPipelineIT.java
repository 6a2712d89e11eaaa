package dev.tidings.story;

import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.model.Article;
import dev.tidings.pipeline.ArticlePipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stories through the real pipeline and store: half of the evaluation set is imported, the process
 * "restarts" (the story index is rebuilt from the kept signatures, some of them lost and recomputed, as when
 * the data folder has no index file), the
 * other half arrives shuffled, and then everything once more. The stored story of every article must give
 * the labelled groups.
 */
class StoryPipelineIT {
    @TempDir
    Path data;

    @Test
    void storiesSurviveARestartAndAShuffledSecondHalfAndAReimport() throws Exception {
        Map<String, String> labels = StoryEvaluation.labels(StoryEvaluation.SET);
        List<String> files = new ArrayList<>(labels.keySet());
        Collections.sort(files);
        List<String> first = new ArrayList<>(), second = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) (i % 2 == 0 ? first : second).add(files.get(i));
        Collections.shuffle(second, new Random(11));
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z"));

        Map<String, String> idOf = new HashMap<>();
        try (Tidings tidings = new Tidings(Config.load(data, Map.of()), clock)) {
            ingest(tidings.pipeline(), first, idOf);
        }
        Map<String, String> found = new HashMap<>();
        // Without the index file the first run left in the data folder, so the start builds from the database
        // (a start from the file is StoryIndexFileTest's).
        java.nio.file.Files.delete(data.resolve("story-index.bin"));
        try (Tidings tidings = new Tidings(Config.load(data, Map.of()), clock)) {
            assertThat(tidings.storySignatures().count()).as("a signature kept per stored article")
                    .isEqualTo(tidings.articles().count());
            // Some kept signatures lost (say, a database from before they were kept): the start recomputes them.
            tidings.database().jdbi().useHandle(h -> h.execute("DELETE FROM story_signatures WHERE article_id IN"
                    + " (SELECT id FROM articles ORDER BY seq LIMIT 20)"));
            ArticlePipeline pipeline = tidings.pipeline();
            assertThat(tidings.storySignatures().count()).isEqualTo(tidings.articles().count());
            ingest(pipeline, second, idOf);
            int before = tidings.articles().count();
            for (String f : files) {
                assertThat(pipeline.ingest(StoryEvaluation.SET.resolve(f)).outcome()).as(f)
                        .isEqualTo(ArticlePipeline.Outcome.DUPLICATE);
            }
            assertThat(tidings.articles().count()).isEqualTo(before);
            for (String f : files) found.put(f, tidings.articles().byId(idOf.get(f)).map(Article::story).orElseThrow());
        }
        StoryEvaluation.Scores s = StoryEvaluation.score(labels, found);
        System.out.println("Stories through the pipeline\n" + s);
        assertThat(s.pairF1()).isGreaterThanOrEqualTo(StoryEvaluationIT.PAIR_F1_FLOOR);
        assertThat(s.pairPrecision()).isGreaterThanOrEqualTo(StoryEvaluationIT.PAIR_PRECISION_FLOOR);
    }

    private static void ingest(ArticlePipeline pipeline, List<String> files, Map<String, String> idOf) throws Exception {
        for (String f : files) idOf.put(f, pipeline.ingest(StoryEvaluation.SET.resolve(f)).article().id());
    }
}
