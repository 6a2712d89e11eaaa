package dev.tidings.store;

import org.jdbi.v3.core.Handle;

/**
 * Named numbers in the {@code counters} table. {@link #next} bumps a counter inside the caller's
 * transaction: the row lock it takes is held until commit, so concurrent writers of the same counter
 * run one after the other (in PostgreSQL as in SQLite) and numbers are handed out in commit order.
 */
final class Counters {
    static final String ARTICLE_SEQ = "article_seq";
    static final String FOLLOWS_VERSION = "follows_version";
    static final String FAILURE_ID = "failure_id";
    static final String SOURCE_ID = "source_id";

    private Counters() {
    }

    static long next(Handle handle, String name) {
        handle.createUpdate("UPDATE counters SET value = value + 1 WHERE name = :name").bind("name", name).execute();
        return current(handle, name);
    }

    static long current(Handle handle, String name) {
        return handle.createQuery("SELECT value FROM counters WHERE name = :name")
                .bind("name", name).mapTo(Long.class).one();
    }
}
