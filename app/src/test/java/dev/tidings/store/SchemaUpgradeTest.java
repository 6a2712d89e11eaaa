package dev.tidings.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    @Test
    void whatWasSentToWhomAnswersAsBeforeOnceItemsBecomeOneListPerMessage() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("tidings.db");
        // the schema as the release before V14 left it: one sent_items row per reader and article
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(Map.of("bytes", "BLOB")).target("13").load().migrate();
        Map<String, Set<String>> itemsBefore;
        try (Connection c = DriverManager.getConnection(url); Statement sql = c.createStatement()) {
            for (String reader : List.of("r1", "r2")) {
                sql.executeUpdate("INSERT INTO readers (id, email, zone, digest_at, frequency, weekly_on, confirmed,"
                        + " created_at) VALUES ('" + reader + "', '" + reader + "@example.org', 'UTC', '07:00',"
                        + " 'DAILY', 'MONDAY', 1, 0)");
            }
            // stored at 1000, 3000 and 2000; a4 is sent but deleted since
            article(sql, "a1", 1000, 1);
            article(sql, "a2", 3000, 2);
            article(sql, "a3", 2000, 3);
            // r1: a digest of a1 and a2; r2: an alert of a3, then a digest of a1 and the deleted a4
            sentItem(sql, "r1", "a1", "<digest.r1@x>", 5000);
            sentItem(sql, "r1", "a2", "<digest.r1@x>", 5000);
            sentItem(sql, "r2", "a3", "<alert.r2@x>", 6000);
            sentItem(sql, "r2", "a1", "<digest.r2@x>", 7000);
            sentItem(sql, "r2", "a4", "<digest.r2@x>", 7000);
            itemsBefore = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT reader_id, article_id FROM sent_items")) {
                while (rows.next()) {
                    itemsBefore.computeIfAbsent(rows.getString(1), k -> new HashSet<>()).add(rows.getString(2));
                }
            }
        }

        try (Database db = Database.open(url)) {
            DeliveryStore deliveries = new DeliveryStore(db);
            assertThat(deliveries.sentArticleIds("r1")).isEqualTo(itemsBefore.get("r1"))
                    .containsExactlyInAnyOrder("a1", "a2");
            assertThat(deliveries.sentArticleIds("r2")).isEqualTo(itemsBefore.get("r2"))
                    .containsExactlyInAnyOrder("a1", "a3", "a4");
            // asked as a run asks: the stored articles, bounded by the earliest of their ingest times
            assertThat(deliveries.sentAmong(List.of("a1", "a2", "a3"), Instant.ofEpochMilli(1000)))
                    .isEqualTo(Map.of("r1", Set.of("a1", "a2"), "r2", Set.of("a1", "a3")));
            // each list's newest is the latest of its articles: at the bound, still found
            assertThat(deliveries.sentAmong(List.of("a2"), Instant.ofEpochMilli(3000)))
                    .isEqualTo(Map.of("r1", Set.of("a2")));
            assertThat(deliveries.sentAmong(List.of("a3"), Instant.ofEpochMilli(2000)))
                    .isEqualTo(Map.of("r2", Set.of("a3")));
            assertThat(deliveries.sentAmong(List.of("a3"), Instant.ofEpochMilli(2001))).as("past the alert's newest")
                    .isEmpty();
            // the deleted article's list stands in with its send time, after every ingest time it held
            assertThat(deliveries.sentAmong(List.of("a1"), Instant.ofEpochMilli(7000)))
                    .isEqualTo(Map.of("r2", Set.of("a1")));
        }
    }

    private static void article(Statement sql, String id, long ingestedAt, int seq) throws Exception {
        sql.executeUpdate("INSERT INTO articles (id, content_hash, title, published_start, published_end, date_only,"
                + " ingested_at, language, story, seq, body) VALUES ('" + id + "', 'h-" + id + "', 'T', 0, 0, 0, "
                + ingestedAt + ", 'en', 's-" + id + "', " + seq + ", '{}')");
    }

    private static void sentItem(Statement sql, String reader, String article, String message, long sentAt)
            throws Exception {
        sql.executeUpdate("INSERT INTO sent_items (reader_id, article_id, message_id, sent_at) VALUES ('" + reader
                + "', '" + article + "', '" + message + "', " + sentAt + ")");
    }
}
