package dev.tidings.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract on the machine's PostgreSQL ({@code TIDINGS_TEST_POSTGRES_URL}, by default the local
 * {@code test} database as {@code postgres}). Each test runs in a schema of its own, created by the
 * migration and dropped afterwards. Skipped, saying so, when PostgreSQL is not reachable.
 */
class PostgresStoreIT extends StoreContract {
    static final String URL = System.getenv().getOrDefault("TIDINGS_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    String schema;

    @BeforeAll
    static void requirePostgres() {
        try (Connection ignored = DriverManager.getConnection(URL + (URL.contains("?") ? "&" : "?") + "connectTimeout=3")) {
            // reachable
        } catch (SQLException e) {
            Assumptions.assumeTrue(false, "PostgreSQL not reachable at " + URL + " (" + e.getMessage() + "): skipping");
        }
    }

    @Override
    Database openFresh() {
        schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        return Database.open(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @Override
    void dispose() throws SQLException {
        db.close();
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void itRunsOnPostgresInASchemaOfItsOwn() {
        assertThat(db.isPostgres()).isTrue();
        String current = db.jdbi().withHandle(h -> h.createQuery("SELECT current_schema()").mapTo(String.class).one());
        assertThat(current).isEqualTo(schema);
    }
}
