package dev.tidings.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Digest runs, sent items and the outbox. A digest is claimed, its articles marked sent and its message
 * queued in one transaction, so a digest is neither sent twice nor lost when the process stops: the
 * transport delivers from the outbox ({@link #pending}) and reports back ({@link #markSent},
 * {@link #markFailed}). Thread-safe, and safe with several processes on one database.
 */
public final class DeliveryStore {
    /** A message waiting in, or delivered from, the outbox. */
    public record OutboxItem(String messageId, String readerId, String recipient, String kind, byte[] mime,
                             int attempts, String lastError, Instant createdAt, Instant sentAt) {}

    /** One digest run, for the admin. {@code outcome} is {@code queued}, {@code sent} or {@code retrying}. */
    public record DigestRun(String readerId, Instant periodStart, Instant periodEnd, String messageId, int items,
                            String outcome, Instant createdAt) {}

    private static final RowMapper<OutboxItem> OUTBOX = (rs, ctx) -> new OutboxItem(rs.getString("message_id"),
            rs.getString("reader_id"), rs.getString("recipient"), rs.getString("kind"), rs.getBytes("mime"),
            rs.getInt("attempts"), rs.getString("last_error"), Instant.ofEpochMilli(rs.getLong("created_at")),
            instantOrNull(rs, "sent_at"));

    private static final RowMapper<DigestRun> RUN = (rs, ctx) -> new DigestRun(rs.getString("reader_id"),
            Instant.ofEpochMilli(rs.getLong("period_start")), Instant.ofEpochMilli(rs.getLong("period_end")),
            rs.getString("message_id"), rs.getInt("items"), rs.getString("outcome"),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    private final Database db;
    private final InstantSource clock;

    public DeliveryStore(Database db) {
        this(db, InstantSource.system());
    }

    public DeliveryStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Atomically records a digest (reader, periodEnd), marks its articles as sent to the reader and
     * puts the message in the outbox. False, and nothing written, when that digest exists already,
     * also when another thread or process claims it at the same moment.
     */
    public boolean claimDigest(String readerId, Instant periodStart, Instant periodEnd, String messageId,
                               List<String> articleIds, String recipient, byte[] mime) {
        long now = clock.millis();
        return db.jdbi().inTransaction(h -> {
            // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike) makes a concurrent claim wait for the
            // first one and then insert nothing, instead of failing the transaction.
            int claimed = h.createUpdate("INSERT INTO digests (reader_id, period_start, period_end, message_id,"
                            + " items, outcome, created_at) VALUES (:reader, :start, :end, :message, :items, 'queued', :now)"
                            + " ON CONFLICT DO NOTHING")
                    .bind("reader", readerId).bind("start", periodStart.toEpochMilli())
                    .bind("end", periodEnd.toEpochMilli()).bind("message", messageId)
                    .bind("items", articleIds.size()).bind("now", now)
                    .execute();
            if (claimed == 0) return false;
            markSentItems(h, readerId, messageId, articleIds, now);
            insertOutbox(h, messageId, readerId, recipient, "digest", mime, now);
            return true;
        });
    }

    /** Records a message that is not a digest (confirmation, alert) in the outbox; false if the id exists. */
    public boolean enqueue(String messageId, String readerId, String recipient, String kind, byte[] mime) {
        return enqueue(messageId, readerId, recipient, kind, mime, List.of());
    }

    /**
     * Like {@link #enqueue(String, String, String, String, byte[])}, and marks the articles as sent to the
     * reader in the same transaction (an instant alert), so the digest does not repeat them.
     */
    public boolean enqueue(String messageId, String readerId, String recipient, String kind, byte[] mime,
                           Collection<String> articleIds) {
        long now = clock.millis();
        return db.jdbi().inTransaction(h -> {
            if (insertOutbox(h, messageId, readerId, recipient, kind, mime, now) == 0) return false;
            if (readerId != null) markSentItems(h, readerId, messageId, articleIds, now);
            return true;
        });
    }

    private static int insertOutbox(Handle h, String messageId, String readerId, String recipient, String kind,
                                    byte[] mime, long now) {
        return h.createUpdate("INSERT INTO outbox (message_id, reader_id, recipient, kind, mime, attempts, created_at)"
                        + " VALUES (:message, :reader, :recipient, :kind, :mime, 0, :now) ON CONFLICT DO NOTHING")
                .bind("message", messageId).bind("reader", readerId).bind("recipient", recipient)
                .bind("kind", kind).bind("mime", mime).bind("now", now)
                .execute();
    }

    private static void markSentItems(Handle h, String readerId, String messageId, Collection<String> articleIds,
                                      long now) {
        if (articleIds.isEmpty()) return;
        var batch = h.prepareBatch("INSERT INTO sent_items (reader_id, article_id, message_id, sent_at)"
                + " VALUES (:reader, :article, :message, :now) ON CONFLICT DO NOTHING");
        for (String articleId : new HashSet<>(articleIds)) {
            batch.bind("reader", readerId).bind("article", articleId).bind("message", messageId).bind("now", now).add();
        }
        batch.execute();
    }

    /** Ids of every article sent to the reader, in a digest or an alert. */
    public Set<String> sentArticleIds(String readerId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT article_id FROM sent_items WHERE reader_id = :reader")
                .bind("reader", readerId).mapTo(String.class).collect(java.util.stream.Collectors.toSet()));
    }

    /** Messages not delivered yet, those tried fewest times first, then oldest first. */
    public List<OutboxItem> pending(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM outbox WHERE sent_at IS NULL"
                + " ORDER BY attempts, created_at, message_id LIMIT " + Math.max(0, limit)).map(OUTBOX).list());
    }

    public void markSent(String messageId, Instant at) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE outbox SET sent_at = :at WHERE message_id = :message")
                    .bind("at", at.toEpochMilli()).bind("message", messageId).execute();
            h.createUpdate("UPDATE digests SET outcome = 'sent' WHERE message_id = :message")
                    .bind("message", messageId).execute();
        });
    }

    /** Counts a failed attempt and keeps the error; the message stays pending. */
    public void markFailed(String messageId, String error) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE outbox SET attempts = attempts + 1, last_error = :error WHERE message_id = :message")
                    .bind("error", error).bind("message", messageId).execute();
            h.createUpdate("UPDATE digests SET outcome = 'retrying' WHERE message_id = :message")
                    .bind("message", messageId).execute();
        });
    }

    /** The latest messages, sent or not, newest first. */
    public List<OutboxItem> recentOutbox(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM outbox ORDER BY created_at DESC, message_id"
                + " LIMIT " + Math.max(0, limit)).map(OUTBOX).list());
    }

    /** The digest recorded for (reader, period end), if one was. */
    public java.util.Optional<DigestRun> digest(String readerId, Instant periodEnd) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM digests WHERE reader_id = :reader AND period_end = :end")
                .bind("reader", readerId).bind("end", periodEnd.toEpochMilli()).map(RUN).findOne());
    }

    /** The latest digest runs, newest first. */
    public List<DigestRun> recentRuns(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM digests ORDER BY created_at DESC, period_end DESC"
                + " LIMIT " + Math.max(0, limit)).map(RUN).list());
    }

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
