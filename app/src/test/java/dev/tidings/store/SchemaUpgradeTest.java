package dev.tidings.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data folder made by an earlier release is upgraded in place: the migrations added since run on a
 * database that already holds rows, and nothing waiting in it is lost.
 */
class SchemaUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void messagesWaitingInTheOutboxSurviveTheMoveOfMessagesToTheirOwnTable() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("tidings.db");
        // the schema as the release before V13 left it
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(Map.of("bytes", "BLOB")).target("12").load().migrate();
        byte[] mime = "Subject: kept\r\n\r\nA digest queued before the upgrade.\r\n".getBytes(StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO outbox (message_id, reader_id, recipient,"
                     + " kind, mime, attempts, created_at, status, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, 1, 'pending', 0)")) {
            insert.setString(1, "<digest.r1.1@localhost>");
            insert.setString(2, "r1");
            insert.setString(3, "ann@example.org");
            insert.setString(4, "digest");
            insert.setBytes(5, mime);
            insert.executeUpdate();
        }

        try (Database db = Database.open(url)) {
            DeliveryStore deliveries = new DeliveryStore(db);
            assertThat(deliveries.pending(10)).singleElement().satisfies(item -> {
                assertThat(item.messageId()).isEqualTo("<digest.r1.1@localhost>");
                assertThat(item.recipient()).isEqualTo("ann@example.org");
                assertThat(item.mime()).isEqualTo(mime);
            });
        }
    }
}
