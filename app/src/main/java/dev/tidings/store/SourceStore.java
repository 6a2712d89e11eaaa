package dev.tidings.store;

import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Polled sources with their polling state and health. Thread-safe; every write is one short transaction. */
public final class SourceStore {
    /**
     * A polled source. Instants are null until the event happened; {@code lastErrorKind} and its message
     * and time are those of the latest failure (kept after a success, so the operator sees what went wrong
     * last; {@code failures} says whether it is still failing).
     */
    public record Source(long id, String url, String title, Duration every, boolean allowPrivate, Instant addedAt,
                         String etag, String lastModified, Instant nextPollAt, Instant lastFetchAt,
                         Instant lastSuccessAt, Instant lastNewAt, long itemsTotal, int failures,
                         String lastErrorKind, String lastErrorMessage, Instant lastErrorAt) {
        /** The name to show: the feed's title once known, else the URL. */
        public String name() {
            return title != null && !title.isBlank() ? title : url;
        }
    }

    private static final RowMapper<Source> SOURCE = (rs, ctx) -> new Source(rs.getLong("id"), rs.getString("url"),
            rs.getString("title"), Duration.ofMillis(rs.getLong("every_ms")), rs.getBoolean("allow_private"),
            instant(rs, "added_at"), rs.getString("etag"), rs.getString("last_modified"), instant(rs, "next_poll_at"),
            instant(rs, "last_fetch_at"), instant(rs, "last_success_at"), instant(rs, "last_new_at"),
            rs.getLong("items_total"), rs.getInt("failures"), rs.getString("last_error_kind"),
            rs.getString("last_error_message"), instant(rs, "last_error_at"));

    private final Database db;

    public SourceStore(Database db) {
        this.db = db;
    }

    /** Adds a source, due at once; empty when a source with this URL exists. */
    public Optional<Source> add(String url, String title, Duration every, boolean allowPrivate, Instant now) {
        return db.jdbi().inTransaction(h -> {
            boolean exists = h.createQuery("SELECT COUNT(*) FROM sources WHERE url = :url").bind("url", url)
                    .mapTo(Integer.class).one() > 0;
            if (exists) return Optional.<Source>empty();
            long id = Counters.next(h, Counters.SOURCE_ID);
            h.createUpdate("INSERT INTO sources (id, url, title, every_ms, allow_private, added_at, next_poll_at,"
                            + " items_total, failures) VALUES (:id, :url, :title, :every, :allowPrivate, :now, :now, 0, 0)")
                    .bind("id", id).bind("url", url).bind("title", title).bind("every", every.toMillis())
                    .bind("allowPrivate", allowPrivate).bind("now", now.toEpochMilli()).execute();
            return h.createQuery("SELECT * FROM sources WHERE id = :id").bind("id", id).map(SOURCE).findOne();
        });
    }

    public Optional<Source> byId(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM sources WHERE id = :id").bind("id", id)
                .map(SOURCE).findOne());
    }

    public Optional<Source> byUrl(String url) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM sources WHERE url = :url").bind("url", url)
                .map(SOURCE).findOne());
    }

    /** Every source, in the order they were added. */
    public List<Source> all() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM sources ORDER BY id").map(SOURCE).list());
    }

    /** The sources whose next poll is at or before {@code now}, most overdue first. */
    public List<Source> due(Instant now) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM sources WHERE next_poll_at <= :now"
                + " ORDER BY next_poll_at, id").bind("now", now.toEpochMilli()).map(SOURCE).list());
    }

    /** Removes the source (its articles stay); false when unknown. */
    public boolean remove(long id) {
        return db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM sources WHERE id = :id").bind("id", id).execute()) > 0;
    }

    /**
     * Records a successful poll: new validators (null keeps none), the feed's title when it gave one,
     * how many items were new, and when to come back. Clears the failure count.
     */
    public void recordSuccess(long id, Instant at, String etag, String lastModified, String title, int newItems,
                              Instant nextPollAt) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE sources SET last_fetch_at = :at, last_success_at = :at,"
                        + " etag = :etag, last_modified = :lastModified, title = COALESCE(:title, title),"
                        + " items_total = items_total + :newItems,"
                        + " last_new_at = CASE WHEN :newItems > 0 THEN :at ELSE last_new_at END,"
                        + " failures = 0, next_poll_at = :next WHERE id = :id")
                .bind("id", id).bind("at", at.toEpochMilli()).bind("etag", etag).bind("lastModified", lastModified)
                .bind("title", title).bind("newItems", newItems).bind("next", nextPollAt.toEpochMilli()).execute());
    }

    /** Records a 304: the source is healthy and unchanged. */
    public void recordNotModified(long id, Instant at, Instant nextPollAt) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE sources SET last_fetch_at = :at, last_success_at = :at,"
                        + " failures = 0, next_poll_at = :next WHERE id = :id")
                .bind("id", id).bind("at", at.toEpochMilli()).bind("next", nextPollAt.toEpochMilli()).execute());
    }

    /** Records a failure (or a rate limit) with its kind and message, and when to try again. */
    public void recordFailure(long id, Instant at, String kind, String message, Instant nextPollAt) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE sources SET last_fetch_at = :at, failures = failures + 1,"
                        + " last_error_kind = :kind, last_error_message = :message, last_error_at = :at,"
                        + " next_poll_at = :next WHERE id = :id")
                .bind("id", id).bind("at", at.toEpochMilli()).bind("kind", kind).bind("message", message)
                .bind("next", nextPollAt.toEpochMilli()).execute());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
