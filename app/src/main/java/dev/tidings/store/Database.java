package dev.tidings.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL database: a connection pool, a {@link Jdbi} over it, and the schema migrated to the
 * latest version on open. SQLite ({@code jdbc:sqlite:DATA/tidings.db}) and PostgreSQL
 * ({@code jdbc:postgresql://…}) run the same migrations and the same SQL.
 *
 * <p>With SQLite a command-line process and the server write the same file at once, so every
 * connection runs in WAL mode with a 10 s busy timeout, and transactions begin {@code IMMEDIATE}:
 * a transaction that reads before it writes then waits for the write lock up front instead of failing
 * with "database is locked" when it tries to upgrade. Keep write transactions short.
 *
 * <p>Thread-safe; close it once at shutdown.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final boolean postgres;

    private Database(HikariDataSource pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
        this.jdbi = Jdbi.create(pool);
    }

    /** Opens (creating when needed) and migrates the database at a JDBC URL (SQLite or PostgreSQL). */
    public static Database open(String jdbcUrl) {
        boolean postgres;
        HikariConfig config = new HikariConfig();
        config.setPoolName("tidings");
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            postgres = false;
            sqliteFile(jdbcUrl).ifPresent(Database::createParent);
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setBusyTimeout(10_000);
            sqlite.enforceForeignKeys(true);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource source = new SQLiteDataSource(sqlite);
            source.setUrl(jdbcUrl);
            config.setDataSource(source);
            // One writer at a time anyway; a few connections let readers run beside it.
            config.setMaximumPoolSize(4);
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            postgres = true;
            config.setJdbcUrl(jdbcUrl);
            config.setMaximumPoolSize(8);
        } else {
            throw new IllegalArgumentException("unsupported database URL '" + jdbcUrl
                    + "': expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
        config.setMinimumIdle(1);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            var flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("bytes", postgres ? "BYTEA" : "BLOB"));
            // A schema named in the URL is created by the first migration (the tests run in a fresh one).
            Optional<String> schema = postgres ? urlParameter(jdbcUrl, "currentSchema") : Optional.empty();
            schema.ifPresent(flyway::schemas);
            flyway.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, postgres);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The file of a {@code jdbc:sqlite:} URL, or empty for an in-memory database. */
    private static Optional<Path> sqliteFile(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        if (query >= 0) rest = rest.substring(0, query);
        if (rest.startsWith("file:")) rest = rest.substring("file:".length());
        if (rest.isEmpty() || rest.equals(":memory:") || rest.contains("mode=memory")) return Optional.empty();
        return Optional.of(Path.of(rest));
    }

    private static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }

    private static Optional<String> urlParameter(String jdbcUrl, String name) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) return Optional.empty();
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
