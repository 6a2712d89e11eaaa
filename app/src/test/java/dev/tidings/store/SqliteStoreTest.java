package dev.tidings.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract on SQLite, in a file under a temporary folder. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    Database openFresh() {
        return Database.open("jdbc:sqlite:" + dir.resolve("data/tidings.db"));
    }

    @Override
    void dispose() {
        db.close();
    }

    @Test
    void theDataFolderIsCreatedAndTheFileUsesWriteAheadLogging() {
        assertThat(Files.exists(dir.resolve("data/tidings.db"))).isTrue();
        assertThat(db.isPostgres()).isFalse();
        String mode = db.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        int foreignKeys = db.jdbi().withHandle(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one());
        int busyTimeout = db.jdbi().withHandle(h -> h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one());
        assertThat(mode).isEqualToIgnoringCase("wal");
        assertThat(foreignKeys).isEqualTo(1);
        assertThat(busyTimeout).isEqualTo(10_000);
    }

    @Test
    void aSecondConnectionPoolOnTheSameFileSeesTheWritesOfTheFirst() {
        // stands in for the CLI writing while the server runs
        try (Database other = Database.open("jdbc:sqlite:" + dir.resolve("data/tidings.db"))) {
            new ArticleStore(other).save(Articles.full("from-cli"));
            readers.add(reader("r1", "ann@example.org"));
            long before = follows.version();
            new FollowStore(other).put(follow("f1", "r1", "place/belarus"));
            assertThat(follows.version()).isNotEqualTo(before);
        }
        assertThat(articles.byId("from-cli")).isPresent();
    }
}
