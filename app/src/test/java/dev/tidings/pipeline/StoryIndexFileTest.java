package dev.tidings.pipeline;

import dev.tidings.model.Article;
import dev.tidings.model.Published;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.Database;
import dev.tidings.store.StorySignatureStore;
import dev.tidings.story.StoryAssigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story index kept in the data folder: a start reads it instead of the stored signatures, and falls back
 * to the database whenever the file is not a faithful copy of it.
 */
class StoryIndexFileTest {
    private static final String FLOOD = "Flooding closed the A9 near Inverness after the River Ness burst its banks; "
            + "40 homes were evacuated and Highland Council opened a rest centre at Eden Court.";
    private static final String FLOOD_REWRITE = "The River Ness burst its banks and flooding closed the A9 near "
            + "Inverness; Highland Council evacuated 40 homes and opened a rest centre at Eden Court.";
    private static final String STORM = "Train services between Perth and Aviemore were cancelled as Storm Edda "
            + "brought 90mph gusts to the Cairngorms and ScotRail warned of disruption until Friday.";
    private static final String STORM_REWRITE = "ScotRail cancelled trains between Perth and Aviemore as Storm Edda "
            + "brought gusts of 90mph to the Cairngorms, warning of disruption until Friday.";

    @TempDir
    Path dir;
    Database db;
    ArticleStore articles;
    StorySignatureStore signatures;
    Path file;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("tidings.db"));
        articles = new ArticleStore(db);
        signatures = new StorySignatureStore(db);
        file = dir.resolve("story-index.bin");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Article article(String id, String when, String text) {
        return new Article(id, "t " + id, Published.at(Instant.parse(when)), "en", null, null, null, text, text,
                List.of(), List.of(), List.of(), id, "hash-" + text.hashCode(), Instant.parse(when));
    }

    /** Places and stores an article as the pipeline does; returns its story. */
    private String ingest(StoryAssigner stories, Article a) {
        StoryAssigner.Placement p = stories.place(a);
        articles.save(a.withStory(p.story()));
        signatures.save(a.id(), a.contentHash(), p.signature());
        return p.story();
    }

    @Test
    void aRestartReadsTheFileAndPlacesAsTheDatabaseWould() throws Exception {
        try (StoryIndexFile first = StoryIndexFile.open(file, articles, signatures)) {
            assertThat(first.restored()).as("no file yet").isFalse();
            ingest(first.stories(), article("f1", "2026-11-10T06:00:00Z", FLOOD));
            ingest(first.stories(), article("s1", "2026-11-10T07:00:00Z", STORM));
        }
        assertThat(file).exists();
        try (StoryIndexFile second = StoryIndexFile.open(file, articles, signatures)) {
            assertThat(second.restored()).isTrue();
            assertThat(second.stories().size()).isEqualTo(2);
            assertThat(ingest(second.stories(), article("f2", "2026-11-10T09:00:00Z", FLOOD_REWRITE))).isEqualTo("f1");
        }
    }

    @Test
    void articlesStoredAfterTheFileWasWrittenAreFiledAtStart() throws Exception {
        try (StoryIndexFile first = StoryIndexFile.open(file, articles, signatures)) {
            ingest(first.stories(), article("f1", "2026-11-10T06:00:00Z", FLOOD));
        }
        // Another process, with an index of its own built from the database, stores more after the file was written.
        StoryAssigner other = ArticlePipeline.storiesOf(articles, signatures);
        ingest(other, article("s1", "2026-11-10T07:00:00Z", STORM));
        try (StoryIndexFile second = StoryIndexFile.open(file, articles, signatures)) {
            assertThat(second.restored()).isTrue();
            assertThat(second.stories().size()).isEqualTo(2);
            assertThat(ingest(second.stories(), article("s2", "2026-11-10T09:00:00Z", STORM_REWRITE))).isEqualTo("s1");
        }
    }

    @Test
    void aDamagedFileIsSetAsideForTheDatabase() throws Exception {
        try (StoryIndexFile first = StoryIndexFile.open(file, articles, signatures)) {
            ingest(first.stories(), article("f1", "2026-11-10T06:00:00Z", FLOOD));
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x5A);
        }
        try (StoryIndexFile second = StoryIndexFile.open(file, articles, signatures)) {
            assertThat(second.restored()).isFalse();
            assertThat(second.stories().size()).isEqualTo(1);
            assertThat(ingest(second.stories(), article("f2", "2026-11-10T09:00:00Z", FLOOD_REWRITE))).isEqualTo("f1");
        }
        try (StoryIndexFile third = StoryIndexFile.open(file, articles, signatures)) {
            assertThat(third.restored()).as("written anew at close").isTrue();
            assertThat(third.stories().size()).isEqualTo(2);
        }
    }

    @Test
    void aFileOfAnotherDatabaseIsNotUsed() throws Exception {
        try (StoryIndexFile first = StoryIndexFile.open(file, articles, signatures)) {
            ingest(first.stories(), article("f1", "2026-11-10T06:00:00Z", FLOOD));
            ingest(first.stories(), article("s1", "2026-11-10T07:00:00Z", STORM));
        }
        db.close();
        // Another database (restored from before those articles, say) with the same data folder.
        db = Database.open("jdbc:sqlite:" + dir.resolve("other.db"));
        articles = new ArticleStore(db);
        signatures = new StorySignatureStore(db);
        ingest(new StoryAssigner(), article("x1", "2026-11-10T06:00:00Z", STORM));
        ingest(new StoryAssigner(), article("x2", "2026-11-12T06:00:00Z", "Ferry crossings to Orkney resumed."));
        ingest(new StoryAssigner(), article("x3", "2026-11-13T06:00:00Z", "Snow closed the Lecht road again."));
        try (StoryIndexFile second = StoryIndexFile.open(file, articles, signatures)) {
            assertThat(second.restored()).isFalse();
            assertThat(second.stories().size()).isEqualTo(3);
            assertThat(ingest(second.stories(), article("f2", "2026-11-10T09:00:00Z", FLOOD_REWRITE)))
                    .as("f1 is not in this database").isEqualTo("f2");
        }
    }
}
