package dev.tidings.store;

import dev.tidings.model.Follow;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What readers follow. Every change bumps {@link #version()} in the same transaction and records the
 * follow ids it touched under that version (the change feed), so a follow index built from
 * {@link #snapshot()} catches up with {@link #changesSince} — one small read per change, also after a
 * change made by another process — instead of reading every follow again. Thread-safe.
 */
public final class FollowStore {
    private static final RowMapper<Follow> FOLLOW = (rs, ctx) -> new Follow(rs.getString("id"),
            rs.getString("reader_id"), Follow.Kind.valueOf(rs.getString("kind")), rs.getString("target"),
            rs.getString("label"), rs.getBoolean("instant"), rs.getBoolean("about_only"),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    /** Changes older than this many versions are pruned; a reader further behind reads everything. */
    static final long FEED_LENGTH = 100_000;

    private final Database db;

    /** Every follow and the version they are at, read together. */
    public record Snapshot(long version, List<Follow> follows) {}

    /**
     * What changed between two versions: the follows added or replaced as they are now, and the ids of
     * follows that are gone (removed, or replaced by a follow under another id).
     */
    public record Changes(long since, long version, List<Follow> current, List<String> removed) {
        public Changes {
            current = List.copyOf(current);
            removed = List.copyOf(removed);
        }
    }

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
            h.createQuery("SELECT id FROM follows WHERE reader_id = :reader AND target = :target")
                    .bind("reader", follow.readerId()).bind("target", follow.target()).mapTo(String.class)
                    .findOne().filter(old -> !old.equals(follow.id())).ifPresent(old -> record(h, version, old));
            record(h, version, follow.id());
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
            List<String> ids = h.createQuery("SELECT id FROM follows WHERE reader_id = :reader AND target = :target")
                    .bind("reader", readerId).bind("target", target).mapTo(String.class).list();
            if (ids.isEmpty()) return false;
            h.createUpdate("DELETE FROM follows WHERE reader_id = :reader AND target = :target")
                    .bind("reader", readerId).bind("target", target).execute();
            long version = Counters.next(h, Counters.FOLLOWS_VERSION);
            ids.forEach(id -> record(h, version, id));
            return true;
        });
    }

    /**
     * Every follow with the version it reflects, read in one transaction. Read as a start reads a
     * million follows: in plain JDBC (a mapper's per-row bookkeeping costs as much as the reading),
     * streamed in large fetches, columns by number, and a reader id or a label equal to the one before
     * (a reader's follows come together; a search's label is usually its text) kept as one string,
     * which spares the heap a few hundred megabytes.
     */
    public Snapshot snapshot() {
        return db.jdbi().inTransaction(h -> {
            long version = Counters.current(h, Counters.FOLLOWS_VERSION);
            List<Follow> all = new ArrayList<>();
            String reader = "";
            try (PreparedStatement select = h.getConnection().prepareStatement("SELECT id, reader_id, kind, target,"
                    + " label, instant, about_only, created_at FROM follows ORDER BY reader_id, position")) {
                select.setFetchSize(10_000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String readerId = rs.getString(2);
                        if (readerId.equals(reader)) readerId = reader;
                        else reader = readerId;
                        String target = rs.getString(4);
                        String label = rs.getString(5);
                        all.add(new Follow(rs.getString(1), readerId, kind(rs.getString(3)), target,
                                label.equals(target) ? target : label, rs.getBoolean(6), rs.getBoolean(7),
                                Instant.ofEpochMilli(rs.getLong(8))));
                    }
                }
            } catch (SQLException e) {
                // as Jdbi reports a failed statement
                throw new UnableToExecuteStatementException(e, null);
            }
            return new Snapshot(version, all);
        });
    }

    private static Follow.Kind kind(String name) {
        // nearly every follow is one of two kinds: spare the enum's name look-up
        if (name.equals("QUERY")) return Follow.Kind.QUERY;
        if (name.equals("CONCEPT")) return Follow.Kind.CONCEPT;
        return Follow.Kind.valueOf(name);
    }

    /**
     * What changed after version {@code since}, up to the version returned; empty when the feed cannot
     * tell (a change was made without recording it, or {@code since} is older than
     * the feed keeps): then read the {@link #snapshot()}. The follows are read after the version, so they
     * may already show a later change; that change comes again with the next call, which is harmless
     * for a reader that applies changes as "make it so".
     */
    public Optional<Changes> changesSince(long since) {
        return db.jdbi().inTransaction(h -> {
            long version = Counters.current(h, Counters.FOLLOWS_VERSION);
            if (version == since) return Optional.of(new Changes(since, version, List.of(), List.of()));
            if (version < since) return Optional.empty();
            long recorded = h.createQuery("SELECT COUNT(DISTINCT seq) FROM follow_changes WHERE seq > :since"
                    + " AND seq <= :version").bind("since", since).bind("version", version).mapTo(Long.class).one();
            if (recorded != version - since) return Optional.empty();
            List<String> ids = h.createQuery("SELECT DISTINCT follow_id FROM follow_changes WHERE seq > :since"
                    + " AND seq <= :version").bind("since", since).bind("version", version).mapTo(String.class).list();
            List<Follow> current = new ArrayList<>();
            // in chunks: databases cap the parameters of one statement
            for (int from = 0; from < ids.size(); from += 500) {
                current.addAll(h.createQuery("SELECT * FROM follows WHERE id IN (<ids>)")
                        .bindList("ids", ids.subList(from, Math.min(ids.size(), from + 500))).map(FOLLOW).list());
            }
            Set<String> present = current.stream().map(Follow::id).collect(Collectors.toSet());
            List<String> removed = ids.stream().filter(id -> !present.contains(id)).toList();
            return Optional.of(new Changes(since, version, current, removed));
        });
    }

    static void record(Handle h, long version, String followId) {
        h.createUpdate("INSERT INTO follow_changes (seq, follow_id) VALUES (:seq, :id)")
                .bind("seq", version).bind("id", followId).execute();
        // prune now and then, not on every change
        if (version % 1_000 == 0) {
            h.createUpdate("DELETE FROM follow_changes WHERE seq <= :old").bind("old", version - FEED_LENGTH).execute();
        }
    }

    /** A number that changes whenever any follow is added, replaced or removed, so matchers know to rebuild. */
    public long version() {
        return db.jdbi().withHandle(h -> Counters.current(h, Counters.FOLLOWS_VERSION));
    }
}
