package dev.tidings.store;

import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Reader;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Readers, keyed by id and by lower-cased email. Thread-safe. */
public final class ReaderStore {
    private static final RowMapper<Reader> READER = (rs, ctx) -> new Reader(rs.getString("id"),
            rs.getString("email"), ZoneId.of(rs.getString("zone")), LocalTime.parse(rs.getString("digest_at")),
            DigestFrequency.valueOf(rs.getString("frequency")), DayOfWeek.valueOf(rs.getString("weekly_on")),
            rs.getBoolean("confirmed"), Instant.ofEpochMilli(rs.getLong("created_at")));

    private final Database db;

    public ReaderStore(Database db) {
        this.db = db;
    }

    /** Adds the reader with the email lower-cased; empty when the email (or the id) is already taken. */
    public Optional<Reader> add(Reader reader) {
        Reader stored = normalised(reader);
        int added = db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO readers (id, email, zone, digest_at,"
                        + " frequency, weekly_on, confirmed, created_at) VALUES (:id, :email, :zone, :digestAt,"
                        + " :frequency, :weeklyOn, :confirmed, :createdAt) ON CONFLICT DO NOTHING")
                .bind("id", stored.id())
                .bind("email", stored.email())
                .bind("zone", stored.zone().getId())
                .bind("digestAt", stored.digestAt().toString())
                .bind("frequency", stored.frequency().name())
                .bind("weeklyOn", stored.weeklyOn().name())
                .bind("confirmed", stored.confirmed())
                .bind("createdAt", stored.createdAt().toEpochMilli())
                .execute());
        return added == 1 ? Optional.of(stored) : Optional.empty();
    }

    /** Replaces the stored reader with the same id; a no-op for an unknown id. */
    public void update(Reader reader) {
        Reader stored = normalised(reader);
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE readers SET email = :email, zone = :zone,"
                        + " digest_at = :digestAt, frequency = :frequency, weekly_on = :weeklyOn,"
                        + " confirmed = :confirmed, created_at = :createdAt WHERE id = :id")
                .bind("id", stored.id())
                .bind("email", stored.email())
                .bind("zone", stored.zone().getId())
                .bind("digestAt", stored.digestAt().toString())
                .bind("frequency", stored.frequency().name())
                .bind("weeklyOn", stored.weeklyOn().name())
                .bind("confirmed", stored.confirmed())
                .bind("createdAt", stored.createdAt().toEpochMilli())
                .execute());
    }

    /** Looks the address up ignoring case. */
    public Optional<Reader> byEmail(String email) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM readers WHERE email = :email")
                .bind("email", email.trim().toLowerCase(Locale.ROOT)).map(READER).findOne());
    }

    public Optional<Reader> byId(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM readers WHERE id = :id")
                .bind("id", id).map(READER).findOne());
    }

    /** Every reader, oldest first. */
    public List<Reader> all() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM readers ORDER BY created_at, id")
                .map(READER).list());
    }

    /**
     * Erases the reader and everything of theirs: follows, lists of what was sent, digests and their messages in
     * the outbox (delivered or not: a removed reader gets no more mail). False when unknown.
     */
    public boolean erase(String readerId) {
        return db.jdbi().inTransaction(h -> {
            List<String> followIds = h.createQuery("SELECT id FROM follows WHERE reader_id = :id")
                    .bind("id", readerId).mapTo(String.class).list();
            for (String table : List.of("follows", "sent_lists", "digests", "outbox")) {
                h.createUpdate("DELETE FROM " + table + " WHERE reader_id = :id").bind("id", readerId).execute();
            }
            int erased = h.createUpdate("DELETE FROM readers WHERE id = :id").bind("id", readerId).execute();
            // recorded in the follow change feed, so matchers drop just these follows instead of re-reading all
            if (!followIds.isEmpty()) {
                long version = Counters.next(h, Counters.FOLLOWS_VERSION);
                followIds.forEach(id -> FollowStore.record(h, version, id));
            }
            return erased > 0;
        });
    }

    private static Reader normalised(Reader r) {
        return new Reader(r.id(), r.email().trim().toLowerCase(Locale.ROOT), r.zone(), r.digestAt(), r.frequency(),
                r.weeklyOn(), r.confirmed(), r.createdAt());
    }
}
