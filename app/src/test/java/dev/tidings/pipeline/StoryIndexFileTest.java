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

    /** As the pipeline ingests: a known id with a new text is refreshed, a new one placed and its merges stored. */
    private void ingestLikeThePipeline(StoryAssigner stories, Article a) {
        var existing = articles.byId(a.id());
        if (existing.isPresent()) {
            Article updated = a.withStory(existing.get().story());
            articles.save(updated);
            signatures.save(updated.id(), updated.contentHash(), stories.refresh(updated));
            return;
        }
        StoryAssigner.Placement p = stories.place(a);
        articles.save(a.withStory(p.story()));
        signatures.save(a.id(), a.contentHash(), p.signature());
        for (String merged : p.absorbed()) {
            for (Article old : articles.ofStory(merged)) articles.save(old.withStory(p.story()));
        }
    }

    /** Reports of a few hundred events over some weeks: rewrites of one event share most of its words and names. */
    private static final class Events {
        private final java.util.Random random;
        private final String[] words = new String[3000], names = new String[800];
        private final List<String[]> events = new java.util.ArrayList<>();

        Events(long seed) {
            random = new java.util.Random(seed);
            for (int i = 0; i < words.length; i++) words[i] = word(4 + random.nextInt(6));
            for (int i = 0; i < names.length; i++) names[i] = Character.toUpperCase(word(5).charAt(0)) + word(6);
        }

        private String word(int n) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) b.append((char) ('a' + random.nextInt(26)));
            return b.toString();
        }

        /** A report of a new event, or (half the time) another report of a recent one, or a copy of one. */
        Article next(String id, int day) {
            String[] event;
            if (events.isEmpty() || random.nextInt(2) == 0) {
                event = new String[40];
                for (int i = 0; i < 6; i++) event[i] = names[random.nextInt(names.length)];
                event[6] = Integer.toString(10 + random.nextInt(900));
                for (int i = 7; i < event.length; i++) event[i] = words[random.nextInt(words.length)];
                events.add(event);
            } else {
                event = events.get(Math.max(0, events.size() - 1 - random.nextInt(Math.min(events.size(), 30))));
            }
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                if (i > 0) text.append(i % 12 == 0 ? ". " : " ");
                text.append(random.nextInt(3) == 0 ? words[random.nextInt(words.length)] : event[random.nextInt(event.length)]);
            }
            String when = Instant.parse("2026-09-01T06:00:00Z").plusSeconds(day * 86_400L + random.nextInt(80_000)).toString();
            return article(id, when, text + ".");
        }
    }

    @Test
    void aFileWrittenWhileArticlesArriveGivesAStartThatPlacesAsTheLiveIndex() throws Exception {
        Events events = new Events(11);
        Path written = dir.resolve("written-while-placing.bin");
        StoryAssigner live;
        try (StoryIndexFile first = StoryIndexFile.open(file, articles, signatures)) {
            live = first.stories();
            // More sequence numbers than a start files again below the mark, so the file's own content counts.
            for (int i = 0; i < 1500; i++) ingestLikeThePipeline(live, events.next("b" + i, i / 60));
            first.save();
            java.util.concurrent.atomic.AtomicInteger placed = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
            Thread arriving = new Thread(() -> {
                try {
                    for (int i = 0; i < 3000 && !stop.get(); i++) {
                        // Now and then a new text of an article the file holds already.
                        Article a = i % 7 == 3 ? events.next("b" + (1400 + i % 100), 25) : events.next("c" + i, 25 + i / 60);
                        ingestLikeThePipeline(live, a);
                        placed.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            arriving.start();
            int overlapped = 0;
            while (overlapped < 3 && arriving.isAlive()) {
                int before = placed.get();
                first.save();
                if (placed.get() > before && arriving.isAlive()) {
                    overlapped++;
                    java.nio.file.Files.copy(file, written, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            stop.set(true);
            arriving.join();
            assertThat(failed.get()).isNull();
            assertThat(overlapped).as("files written while articles were placed").isGreaterThan(0);
        }
        try (StoryIndexFile second = StoryIndexFile.open(written, articles, signatures)) {
            assertThat(second.restored()).isTrue();
            StoryAssigner started = second.stories();
            assertThat(started.size()).isEqualTo(live.size());
            for (int i = 0; i < 400; i++) {
                Article next = events.next("n" + i, i % 3 == 0 ? 2 + i % 20 : 30 + i / 40);
                StoryAssigner.Placement expected = live.place(next), actual = started.place(next);
                assertThat(actual.story()).as(next.id()).isEqualTo(expected.story());
                assertThat(actual.linked()).as(next.id()).isEqualTo(expected.linked());
                assertThat(actual.absorbed()).as(next.id()).isEqualTo(expected.absorbed());
            }
        }
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
