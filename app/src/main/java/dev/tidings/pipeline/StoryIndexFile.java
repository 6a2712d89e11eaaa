package dev.tidings.pipeline;

import dev.tidings.store.ArticleStore;
import dev.tidings.store.StorySignatureStore;
import dev.tidings.story.StoryAssigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The story index kept in a file of the data folder between runs, so that a start with a million stored
 * articles reads one file (seconds) instead of decoding and filing every stored signature (a minute).
 *
 * <p>The database stays the truth. The file records a sequence number (the <em>mark</em>) up to which every
 * stored article was filed in its current state; since every insert or change of an article, a story merge's
 * relabelling included, gives it a new sequence number, a start reads the file and then files the articles
 * stored after the mark ({@link StoryAssigner#observe}), as a running server files another process's. The
 * file is not used, and the index is built from the database as before, when it is missing, damaged
 * (checksum), of another format, or not of this database: the database's newest sequence number is below
 * the mark, or the article recorded at the mark is not there at or after it (a restored or another database).
 *
 * <p>Written after a start that had to build from the database, every {@link #EVERY} while articles
 * arrive, and at close; each time to a new file moved over the old, so a crash mid-write leaves the old one.
 */
public final class StoryIndexFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoryIndexFile.class);
    static final Duration EVERY = Duration.ofMinutes(30);
    /**
     * Sequence numbers below the mark filed again at start: on PostgreSQL a writer that took its number
     * before the mark was read may commit after it. Filing an article already filed changes nothing.
     */
    private static final long REPLAY = 1000;

    private final Path file;
    private final ArticleStore articles;
    private final StorySignatureStore signatures;
    private final StoryAssigner stories;
    private final ScheduledExecutorService timer;
    /** Every article stored at or below this sequence number is filed in its current state. */
    private long mark;
    private boolean written;
    private final boolean restored;

    private StoryIndexFile(Path file, ArticleStore articles, StorySignatureStore signatures) {
        this.file = file;
        this.articles = articles;
        this.signatures = signatures;
        Optional<StoryAssigner> kept = read();
        restored = kept.isPresent();
        if (restored) {
            stories = kept.get();
            mark = catchUp(Math.max(0, mark - REPLAY));
            written = true;
        } else {
            mark = articles.maxSeq();
            stories = ArticlePipeline.storiesOf(articles, signatures);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "story-index-file");
            t.setDaemon(true);
            return t;
        });
        // A start that had to build from the database writes the file soon, not only at close.
        if (!written) timer.execute(this::saveQuietly);
        timer.scheduleWithFixedDelay(this::saveQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The story index of the articles in {@code articles}, from {@code file} when it holds a usable copy,
     * else from the database. The file is written from then on (see the class description).
     */
    public static StoryIndexFile open(Path file, ArticleStore articles, StorySignatureStore signatures) {
        return new StoryIndexFile(file, articles, signatures);
    }

    public StoryAssigner stories() {
        return stories;
    }

    /** Whether the index was read from the file rather than built from the database. */
    public boolean restored() {
        return restored;
    }

    private Optional<StoryAssigner> read() {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            StoryAssigner.Restored restored = StoryAssigner.readFrom(channel, channel.size());
            DataInputStream note = new DataInputStream(new ByteArrayInputStream(restored.note()));
            long at = note.readLong();
            String atId = note.readUTF();
            if (articles.maxSeq() < at) {
                LOG.info("story index file {} is ahead of the database; building the index from the database", file);
                return Optional.empty();
            }
            if (at > 0) {
                OptionalLong seq = signatures.seqOf(atId);
                if (seq.isEmpty() || seq.getAsLong() < at) {
                    LOG.info("story index file {} is of another database; building the index from the database", file);
                    return Optional.empty();
                }
            }
            mark = at;
            return Optional.of(restored.stories());
        } catch (IOException | RuntimeException e) {
            LOG.warn("story index file {} cannot be used ({}); building the index from the database", file, e.toString());
            return Optional.empty();
        }
    }

    /** Files every article stored after {@code after}; returns the last sequence number filed (or {@code after}). */
    private long catchUp(long after) {
        long seq = after;
        for (List<ArticleStore.Sequenced> page; !(page = articles.after(seq, 1000)).isEmpty(); ) {
            for (ArticleStore.Sequenced s : page) stories.observe(s.article());
            seq = page.get(page.size() - 1).seq();
        }
        return seq;
    }

    /**
     * Files what was stored since the last write (by any process) and writes the index with the new mark.
     * Does nothing when nothing was stored since.
     */
    public synchronized void save() throws IOException {
        if (written && articles.maxSeq() <= mark) return;
        long at = catchUp(mark);
        // The article at the mark, or if it changed meanwhile one after it: a database that has it at or
        // after the mark is this one, or a copy that went on from it.
        String atId = at == 0 ? "" : signatures.articleFrom(at).orElse("");
        ByteArrayOutputStream noteBytes = new ByteArrayOutputStream();
        try (DataOutputStream note = new DataOutputStream(noteBytes)) {
            note.writeLong(atId.isEmpty() ? 0 : at);
            note.writeUTF(atId);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path next = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                stories.writeTo(channel, noteBytes.toByteArray());
                channel.force(false);
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
        mark = at;
        written = true;
    }

    private void saveQuietly() {
        try {
            save();
        } catch (Exception e) {
            LOG.warn("could not write the story index file {}: {}", file, e.toString());
        }
    }

    /** Stops the periodic writes and writes the index a last time. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveQuietly();
    }
}
