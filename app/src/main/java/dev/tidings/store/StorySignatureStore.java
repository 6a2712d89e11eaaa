package dev.tidings.store;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The story index's own rows: each article's signature (an opaque value the story package writes and reads)
 * with the content hash it was computed from, and the bookkeeping a merge of stories needs. Thread-safe.
 */
public final class StorySignatureStore {
    /**
     * What the story index needs of one stored article.
     *
     * @param signature the stored signature, or null when there is none for the article's current text
     *                  (stored before signatures were kept, or changed since)
     */
    public record Row(String articleId, String story, String contentHash, byte[] signature) {}

    /** A signature to keep. */
    public record Signature(String articleId, String contentHash, byte[] signature) {}

    private final Database db;

    public StorySignatureStore(Database db) {
        this.db = db;
    }

    /** Keeps (or replaces) the signature of a stored article. */
    public void save(String articleId, String contentHash, byte[] signature) {
        saveAll(List.of(new Signature(articleId, contentHash, signature)));
    }

    /** Keeps many at once, in one transaction. The articles must be stored. */
    public void saveAll(Collection<Signature> signatures) {
        if (signatures.isEmpty()) return;
        db.jdbi().useTransaction(h -> {
            var batch = h.prepareBatch("INSERT INTO story_signatures (article_id, content_hash, signature)"
                    + " VALUES (:id, :hash, :signature)"
                    + " ON CONFLICT (article_id) DO UPDATE SET content_hash = excluded.content_hash,"
                    + " signature = excluded.signature");
            for (Signature s : signatures) {
                batch.bind("id", s.articleId()).bind("hash", s.contentHash()).bind("signature", s.signature()).add();
            }
            batch.execute();
        });
    }

    /**
     * Every stored article, in no particular order (the story index does not depend on it, and an unordered
     * scan reads the table front to back), with its story and its signature when one was kept for its
     * current text. Streams: a million rows are not held at once.
     */
    public void forEach(Consumer<Row> into) {
        org.jdbi.v3.core.HandleConsumer<RuntimeException> read = h -> h.createQuery("SELECT a.id, a.story,"
                        + " a.content_hash, s.content_hash, s.signature"
                        + " FROM articles a LEFT JOIN story_signatures s ON s.article_id = a.id")
                .setFetchSize(2000)
                .map((rs, ctx) -> {
                    String hash = rs.getString(3);
                    byte[] signature = hash.equals(rs.getString(4)) ? rs.getBytes(5) : null;
                    return new Row(rs.getString(1), rs.getString(2), hash, signature);
                })
                .forEach(into);
        // PostgreSQL streams by the fetch size only inside a transaction; a SQLite transaction here would
        // take the write lock (they begin IMMEDIATE) and hold off every writer while a start reads.
        if (db.isPostgres()) db.jdbi().useTransaction(read);
        else db.jdbi().useHandle(read);
    }

    /**
     * Before articles of the {@code absorbed} stories are relabelled {@code into}: records the merge, and what
     * each reader was alerted of for any of them becomes what they were alerted of for {@code into} (seen keys
     * united, the larger update count), so the merged story alerts a reader again only with something new to
     * them, and relabelled articles they were alerted of do not alert again. One transaction.
     *
     * <p>Another process may be deciding an alert for an absorbed story meanwhile. The merge record makes that
     * safe whichever commits first: {@link DeliveryStore} writes a reader's record under the story an absorbed
     * one is part of now ({@link #storyNow}), and a record written for an absorbed story after its
     * merge is folded in by the writer ({@link #foldIfMerged}). On PostgreSQL the merge locks the alert records
     * against writers (not readers) until it commits, so a writer either commits first, and its record is
     * carried here, or waits and then sees the merge. Repeating a merge changes nothing.
     */
    public void carryAlerts(String into, Collection<String> absorbed) {
        if (absorbed.isEmpty()) return;
        db.jdbi().useTransaction(h -> {
            if (db.isPostgres()) h.execute("LOCK TABLE alerted_stories IN SHARE ROW EXCLUSIVE MODE");
            String target = storyNow(h, into);
            List<String> merged = absorbed.stream().filter(s -> !s.equals(target)).distinct().toList();
            if (merged.isEmpty()) return;
            long now = System.currentTimeMillis();
            for (String s : merged) {
                h.createUpdate("DELETE FROM story_merges WHERE absorbed = :s").bind("s", s).execute();
                h.createUpdate("INSERT INTO story_merges (absorbed, into_story, merged_at) VALUES (:s, :into, :now)")
                        .bind("s", s).bind("into", target).bind("now", now).execute();
                h.createUpdate("UPDATE story_merges SET into_story = :into WHERE into_story = :s")
                        .bind("s", s).bind("into", target).execute();
            }
            carry(h, target, merged, null);
        });
    }

    /**
     * The story {@code story} is part of now: itself, or the story it was merged into. For use inside the
     * transaction that writes a reader's alert record.
     */
    public static String storyNow(Handle h, String story) {
        return h.createQuery("SELECT into_story FROM story_merges WHERE absorbed = :s").bind("s", story)
                .mapTo(String.class).findOne().orElse(story);
    }

    /**
     * After a reader's alert record for {@code story} was written: when the story has been merged meanwhile
     * (the merge committed between this transaction's look-up and its write), folds the record into the
     * merged story's, as the merge would have.
     */
    public static void foldIfMerged(Handle h, String readerId, String story) {
        String now = storyNow(h, story);
        if (!now.equals(story)) carry(h, now, List.of(story), readerId);
    }

    /** Moves the alert records of {@code absorbed} (of one reader, or of all when null) into {@code into}. */
    private static void carry(Handle h, String into, List<String> absorbed, String onlyReader) {
        List<String> stories = new java.util.ArrayList<>(absorbed);
        stories.add(into);
        record Alerted(String reader, String story, String seen, int updates, long lastAt) {}
        List<Alerted> rows = h.createQuery("SELECT reader_id, story, seen, updates, last_at FROM alerted_stories"
                        + " WHERE story IN (<stories>)" + (onlyReader == null ? "" : " AND reader_id = :reader"))
                .bindList("stories", stories).bind("reader", onlyReader)
                .map((rs, ctx) -> new Alerted(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getLong(5)))
                .list();
        Map<String, List<Alerted>> byReader = new java.util.TreeMap<>();
        for (Alerted a : rows) byReader.computeIfAbsent(a.reader(), k -> new java.util.ArrayList<>()).add(a);
        for (var e : byReader.entrySet()) {
            if (e.getValue().size() == 1 && e.getValue().get(0).story().equals(into)) continue;
            Set<String> seen = new java.util.TreeSet<>();
            int updates = 0;
            long lastAt = 0;
            for (Alerted a : e.getValue()) {
                if (!a.seen().isEmpty()) seen.addAll(List.of(a.seen().split("\n")));
                updates = Math.max(updates, a.updates());
                lastAt = Math.max(lastAt, a.lastAt());
            }
            h.createUpdate("DELETE FROM alerted_stories WHERE reader_id = :reader AND story IN (<stories>)")
                    .bind("reader", e.getKey()).bindList("stories", stories).execute();
            h.createUpdate("INSERT INTO alerted_stories (reader_id, story, seen, updates, last_at)"
                            + " VALUES (:reader, :story, :seen, :updates, :lastAt)")
                    .bind("reader", e.getKey()).bind("story", into).bind("seen", String.join("\n", seen))
                    .bind("updates", updates).bind("lastAt", lastAt).execute();
        }
    }

    /**
     * The sequence number of a stored article, empty when no article has that id: lets a copy of the story
     * index kept outside the database check that it was made from this database.
     */
    public java.util.OptionalLong seqOf(String articleId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM articles WHERE id = :id").bind("id", articleId)
                .mapTo(Long.class).findOne().map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty()));
    }

    /** The id of the article with the lowest sequence number at or after {@code seq}, empty when there is none. */
    public java.util.Optional<String> articleFrom(long seq) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM articles WHERE seq >= :seq ORDER BY seq LIMIT 1")
                .bind("seq", seq).mapTo(String.class).findOne());
    }

    /** How many signatures are kept. */
    public int count() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM story_signatures").mapTo(Integer.class).one());
    }
}
