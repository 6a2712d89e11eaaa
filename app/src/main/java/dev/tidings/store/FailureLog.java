package dev.tidings.store;

import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/** Failures an operator should see on the admin page, newest first. Thread-safe. */
public final class FailureLog {
    /** One recorded failure: where (a file, URL, reader, message id), what kind, and the message. */
    public record Failure(Instant at, String where, String kind, String message) {}

    private static final RowMapper<Failure> FAILURE = (rs, ctx) -> new Failure(Instant.ofEpochMilli(rs.getLong("at")),
            rs.getString("where_"), rs.getString("kind"), rs.getString("message"));

    private final Database db;
    private final InstantSource clock;

    public FailureLog(Database db) {
        this(db, InstantSource.system());
    }

    public FailureLog(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(String where, String kind, String message) {
        long at = clock.millis();
        db.jdbi().useTransaction(h -> {
            long id = Counters.next(h, Counters.FAILURE_ID);
            h.createUpdate("INSERT INTO failures (id, at, where_, kind, message) VALUES (:id, :at, :where, :kind, :message)")
                    .bind("id", id).bind("at", at)
                    .bind("where", Objects.requireNonNullElse(where, ""))
                    .bind("kind", Objects.requireNonNullElse(kind, ""))
                    .bind("message", Objects.requireNonNullElse(message, ""))
                    .execute();
        });
    }

    /** The latest failures, newest first. */
    public List<Failure> recent(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM failures ORDER BY id DESC LIMIT "
                + Math.max(0, limit)).map(FAILURE).list());
    }
}
