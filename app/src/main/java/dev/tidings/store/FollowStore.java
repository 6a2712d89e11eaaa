package dev.tidings.store;

import dev.tidings.model.Follow;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;

/**
 * What readers follow. Every change bumps {@link #version()} in the same transaction, so a matcher
 * built from {@link #all()} knows when to rebuild, also after a change made by another process.
 * Thread-safe.
 */
public final class FollowStore {
    private static final RowMapper<Follow> FOLLOW = (rs, ctx) -> new Follow(rs.getString("id"),
            rs.getString("reader_id"), Follow.Kind.valueOf(rs.getString("kind")), rs.getString("target"),
            rs.getString("label"), rs.getBoolean("instant"), rs.getBoolean("about_only"),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    private final Database db;

    public FollowStore(Database db) {
        this.db = db;
    }

    /**
     * Adds a follow, or replaces the reader's follow of the same target (its settings, id and label);
     * a replaced follow keeps its place in {@link #ofReader}.
     */
    public void put(Follow follow) {
        db.jdbi().useTransaction(h -> {
            long version = Counters.next(h, Counters.FOLLOWS_VERSION);
            int replaced = h.createUpdate("UPDATE follows SET id = :id, kind = :kind, label = :label,"
                            + " instant = :instant, about_only = :aboutOnly, created_at = :createdAt"
                            + " WHERE reader_id = :reader AND target = :target")
                    .bind("id", follow.id()).bind("kind", follow.kind().name()).bind("label", follow.label())
                    .bind("instant", follow.instant()).bind("aboutOnly", follow.aboutOnly())
                    .bind("createdAt", follow.createdAt().toEpochMilli())
                    .bind("reader", follow.readerId()).bind("target", follow.target())
                    .execute();
            if (replaced == 0) {
                h.createUpdate("INSERT INTO follows (id, reader_id, kind, target, label, instant, about_only,"
                                + " created_at, position) VALUES (:id, :reader, :kind, :target, :label, :instant,"
                                + " :aboutOnly, :createdAt, :position)")
                        .bind("id", follow.id()).bind("reader", follow.readerId()).bind("kind", follow.kind().name())
                        .bind("target", follow.target()).bind("label", follow.label())
                        .bind("instant", follow.instant()).bind("aboutOnly", follow.aboutOnly())
                        .bind("createdAt", follow.createdAt().toEpochMilli())
                        // the version is unique and grows, so it doubles as the position
                        .bind("position", version)
                        .execute();
            }
        });
    }

    /** In the order they were added. */
    public List<Follow> ofReader(String readerId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM follows WHERE reader_id = :reader"
                + " ORDER BY position").bind("reader", readerId).map(FOLLOW).list());
    }

    /** Every follow of every reader, by reader and in the order they were added. */
    public List<Follow> all() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM follows ORDER BY reader_id, position")
                .map(FOLLOW).list());
    }

    /** Removes the reader's follow of the target; false when there was none. */
    public boolean remove(String readerId, String target) {
        return db.jdbi().inTransaction(h -> {
            int removed = h.createUpdate("DELETE FROM follows WHERE reader_id = :reader AND target = :target")
                    .bind("reader", readerId).bind("target", target).execute();
            if (removed > 0) Counters.next(h, Counters.FOLLOWS_VERSION);
            return removed > 0;
        });
    }

    /** A number that changes whenever any follow is added, replaced or removed, so matchers know to rebuild. */
    public long version() {
        return db.jdbi().withHandle(h -> Counters.current(h, Counters.FOLLOWS_VERSION));
    }
}
