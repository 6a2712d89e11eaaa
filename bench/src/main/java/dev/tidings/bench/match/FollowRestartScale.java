package dev.tidings.bench.match;

import dev.tidings.match.FollowMatcher;
import dev.tidings.model.Follow;
import dev.tidings.store.Database;
import dev.tidings.store.FollowStore;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A restart with many saved searches: {@code n} (default 1,000,000) saved-search follows of the
 * matching workload, ten per reader, in a fresh SQLite database; then the time to read them all
 * ({@link FollowStore#snapshot}) and to build the follow index from them ({@link FollowMatcher}), as the
 * alert dispatcher does at start, phase by phase (read, parse, build) in wall and CPU time; then the cost of one follow change read through the change feed
 * ({@link FollowStore#changesSince}) and applied. The database is made in a temporary folder and deleted.
 * Run: {@code java -Xmx6g -cp bench/target/tidings-bench.jar dev.tidings.bench.match.FollowRestartScale 1000000}.
 */
public final class FollowRestartScale {
    private static final int PER_READER = 10;
    private static final Instant AT = Instant.parse("2026-11-10T06:00:00Z");

    private FollowRestartScale() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("tidings-restart");
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("tidings.db"))) {
            List<String> texts = MatchingWorkload.load(1).searches(n);
            double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            fill(db, texts);
            System.out.printf("%,d saved-search follows (%,d distinct texts) of %,d readers in SQLite%n", n,
                    texts.stream().distinct().count(), (n + PER_READER - 1) / PER_READER);
            FollowStore store = new FollowStore(db);

            Phase read = new Phase("read the follows (FollowStore.snapshot)");
            FollowStore.Snapshot all = store.snapshot();
            read.end();
            Phase parse = new Phase("parse the distinct searches (FollowMatcher.prepare)");
            FollowMatcher.Prepared prepared = FollowMatcher.prepare(all.follows());
            parse.end();
            Phase build = new Phase("build the index (new FollowMatcher)");
            FollowMatcher matcher = new FollowMatcher(prepared);
            build.end();
            System.out.printf("restart of %,d follows, %,d distinct searches, %d cores, load average %.2f at the start:%n",
                    all.follows().size(), prepared.distinctSearches(), Runtime.getRuntime().availableProcessors(),
                    loadAtStart);
            for (Phase p : List.of(read, parse, build)) System.out.println("  " + p);
            System.out.printf("  ready in %.2f s wall, %.2f s CPU%n", (build.wallEnd - read.wallStart) / 1e9,
                    (build.cpuEnd - read.cpuStart) / 1e9);
            // what the index keeps, with the follows it was built from (prepared searches are let go)
            prepared = null;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("  heap in use after a full collection: %,d MB (follows and index; the"
                    + " benchmark's own search texts too)%n", (rt.totalMemory() - rt.freeMemory()) >> 20);

            long version = all.version();
            long[] nanos = new long[20];
            for (int i = 0; i < nanos.length; i++) {
                store.put(new Follow("new" + i, "r" + i, Follow.Kind.QUERY, "\"border guards\" " + i,
                        "border guards", true, false, AT));
                long s = System.nanoTime();
                FollowStore.Changes changes = store.changesSince(version).orElseThrow();
                changes.removed().forEach(matcher::remove);
                changes.current().forEach(matcher::put);
                version = changes.version();
                nanos[i] = System.nanoTime() - s;
            }
            java.util.Arrays.sort(nanos);
            System.out.printf("one follow change, read from the feed and applied: median %.2f ms, max %.2f ms"
                    + " (index now %,d follows)%n", nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6,
                    matcher.size());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One step of the restart: wall time, and the CPU time of the whole process (every thread, the
     * garbage collector's too), since a step may run on several cores and others load the machine.
     */
    private static final class Phase {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        final String name;
        final long wallStart = System.nanoTime();
        final long cpuStart = OS.getProcessCpuTime();
        final long gcStart = gcMillis();
        long wallEnd;
        long cpuEnd;
        long gcEnd;

        Phase(String name) {
            this.name = name;
        }

        void end() {
            wallEnd = System.nanoTime();
            cpuEnd = OS.getProcessCpuTime();
            gcEnd = gcMillis();
        }

        private static long gcMillis() {
            long sum = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionTime());
            return sum;
        }

        @Override
        public String toString() {
            return String.format("%-52s %7.2f s wall %7.2f s CPU (GC %.2f s)", name, (wallEnd - wallStart) / 1e9,
                    (cpuEnd - cpuStart) / 1e9, (gcEnd - gcStart) / 1e3);
        }
    }

    /** Readers and their follows, written in large batches (setting up, not measured). */
    private static void fill(Database db, List<String> texts) {
        int readers = (texts.size() + PER_READER - 1) / PER_READER;
        db.jdbi().useTransaction(h -> {
            PreparedBatch r = h.prepareBatch("INSERT INTO readers (id, email, zone, digest_at, frequency, weekly_on,"
                    + " confirmed, created_at) VALUES (:id, :email, 'UTC', '07:00', 'DAILY', 'MONDAY', TRUE, 0)");
            for (int i = 0; i < readers; i++) r.bind("id", "r" + i).bind("email", "r" + i + "@example.org").add();
            r.execute();
            PreparedBatch f = h.prepareBatch("INSERT INTO follows (id, reader_id, kind, target, label, instant,"
                    + " about_only, created_at, position) VALUES (:id, :reader, 'QUERY', :target, :target, TRUE, FALSE,"
                    + " 0, :position)");
            java.util.Set<String> theirs = new java.util.HashSet<>();
            for (int i = 0; i < texts.size(); i++) {
                if (i % PER_READER == 0) theirs.clear();
                // a reader follows a text once: a repeat drawn for the same reader is left out
                if (!theirs.add(texts.get(i))) continue;
                f.bind("id", "f" + i).bind("reader", "r" + i / PER_READER).bind("target", texts.get(i))
                        .bind("position", i).add();
                if (f.size() == 50_000) f.execute();
            }
            f.execute();
        });
    }
}
