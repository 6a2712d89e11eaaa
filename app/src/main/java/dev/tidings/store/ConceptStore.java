package dev.tidings.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Concepts added to the taxonomy at run time, each stored as its definition (the JSON of one entry
 * of the taxonomy files). Admins' concepts replace what is there; a discovered concept never
 * replaces anything, so an admin's correction of a discovered person sticks. The store does not
 * read the definitions: checking them is the taxonomy's job. Thread-safe.
 */
public final class ConceptStore {
    /** Who added a concept. */
    public enum Origin { ADMIN, DISCOVERED }

    /** One stored concept definition. */
    public record StoredConcept(String id, Origin origin, String definition, Instant createdAt, Instant updatedAt) {}

    /** What {@link #put} did. */
    public enum PutOutcome { CREATED, REPLACED }

    static final String VERSION = "taxonomy_version";

    private static final RowMapper<StoredConcept> ROW = (rs, ctx) -> new StoredConcept(rs.getString("id"),
            Origin.valueOf(rs.getString("origin").toUpperCase(Locale.ROOT)), rs.getString("body"),
            Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));

    private final Database db;
    private final InstantSource clock;

    public ConceptStore(Database db) {
        this(db, InstantSource.system());
    }

    public ConceptStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores an admin's definition, replacing any stored one with that id (discovered or not). */
    public PutOutcome put(String id, String definition) {
        long now = clock.millis();
        return db.jdbi().inTransaction(h -> {
            Counters.next(h, VERSION);
            int updated = h.createUpdate("UPDATE taxonomy_concepts SET origin = 'admin', body = :body, updated_at = :now WHERE id = :id")
                    .bind("id", id).bind("body", definition).bind("now", now).execute();
            if (updated > 0) return PutOutcome.REPLACED;
            insert(h, id, Origin.ADMIN, definition, now);
            return PutOutcome.CREATED;
        });
    }

    /** Stores a discovered concept unless one with that id is stored already; true when it was new. */
    public boolean addDiscovered(String id, String definition) {
        long now = clock.millis();
        return db.jdbi().inTransaction(h -> {
            if (byId(h, id).isPresent()) return false;
            Counters.next(h, VERSION);
            insert(h, id, Origin.DISCOVERED, definition, now);
            return true;
        });
    }

    public Optional<StoredConcept> byId(String id) {
        return db.jdbi().withHandle(h -> byId(h, id));
    }

    /** Every stored concept, oldest first (the order they are laid over the bundled taxonomy). */
    public List<StoredConcept> all() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM taxonomy_concepts ORDER BY created_at, id").map(ROW).list());
    }

    /** Changes with every stored change; compare to know whether a taxonomy built earlier is stale. */
    public long version() {
        return db.jdbi().withHandle(h -> Counters.current(h, VERSION));
    }

    private static Optional<StoredConcept> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM taxonomy_concepts WHERE id = :id").bind("id", id).map(ROW).findOne();
    }

    private static void insert(Handle h, String id, Origin origin, String definition, long now) {
        h.createUpdate("INSERT INTO taxonomy_concepts (id, origin, body, created_at, updated_at) VALUES (:id, :origin, :body, :now, :now)")
                .bind("id", id).bind("origin", origin.name().toLowerCase(Locale.ROOT)).bind("body", definition)
                .bind("now", now).execute();
    }
}
