package dev.tidings.store;

import org.jdbi.v3.core.Jdbi;

/** STUB: to be implemented by the store work. */
public final class Database implements AutoCloseable {
    /** Opens (creating when needed) and migrates the database at a JDBC URL (SQLite or PostgreSQL). */
    public static Database open(String jdbcUrl) {
        throw new UnsupportedOperationException("stub");
    }

    public Jdbi jdbi() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isPostgres() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
    }
}
