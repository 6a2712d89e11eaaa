package dev.tidings.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

    @Test
    void twoPoolsOnOneFileWritingAtOnceWaitForEachOtherAndClaimADigestOnce() throws Exception {
        readers.add(reader("r1", "ann@example.org"));
        try (Database other = Database.open("jdbc:sqlite:" + dir.resolve("data/tidings.db"))) {
            DeliveryStore otherDelivery = new DeliveryStore(other, clock);
            ArticleStore otherArticles = new ArticleStore(other);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                var start = new CyclicBarrier(2);
                var mine = pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) articles.save(Articles.full("server-" + i));
                    return delivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<server@x>", List.of("a"), T0,
                            "ann@example.org", mime("server"));
                });
                var theirs = pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) otherArticles.save(Articles.full("cli-" + i));
                    return otherDelivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<cli@x>", List.of("a"), T0,
                            "ann@example.org", mime("cli"));
                });
                assertThat(List.of(mine.get(), theirs.get())).containsExactlyInAnyOrder(true, false);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(articles.count()).isEqualTo(100);
        assertThat(articles.after(0, 200)).extracting(ArticleStore.Sequenced::seq).doesNotHaveDuplicates();
        assertThat(delivery.recentOutbox(10)).hasSize(1);
    }
}
