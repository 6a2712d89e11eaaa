package dev.tidings.bench;

import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.DeliveryPreferences;
import dev.tidings.model.Published;
import dev.tidings.model.Reader;
import dev.tidings.model.Relevance;
import dev.tidings.pipeline.BackgroundWork;
import dev.tidings.pipeline.ReaderAccounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ingest-to-alert latency under load: articles are stored at a steady rate (100 a second by default) while the
 * server's {@link BackgroundWork} runs, each signalled as the inbox and the API do, and every instant alert is
 * timed from the moment its article was stored to the moment its file appears in the Maildir's {@code new/}
 * (written, synced and renamed: what a mail client would see). Prints p50, p99 and the maximum.
 *
 * <p>Not JMH: it measures a running system end to end (store, story index, follow matching, rendering, the
 * outbox transaction, Maildir delivery), the way the issue states the goal (p99 under a second at 100
 * articles a second). Arrivals are seen through the file system's change notifications, so the watcher costs
 * next to nothing.
 *
 * <p>Run: {@code java -cp bench/target/tidings-bench.jar dev.tidings.bench.AlertLatencyBench [--quick]
 * [--rate N] [--articles N] [--readers N]}.
 */
public final class AlertLatencyBench {
    private static final Pattern ALERT = Pattern.compile("Message-ID: <alert\\.([^.]+)\\.(lat-[0-9]+-[0-9]+)@");

    private AlertLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int rate = 100;
        int count = quick ? 500 : 2_000;
        int readers = 1;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--rate")) rate = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--articles")) count = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--readers")) readers = Integer.parseInt(args[i + 1]);
        }
        Path data = Files.createTempDirectory("tidings-alert-bench");
        try {
            run(data, rate, count, readers);
        } finally {
            try (Stream<Path> all = Files.walk(data)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0); // the server's threads are daemons, but the JDBC pool's may not be
    }

    private static void run(Path data, int rate, int count, int readers) throws Exception {
        Config config = Config.load(data, Map.of("TIDINGS_BASE_URL", "http://tidings.test"));
        try (Tidings tidings = new Tidings(config, InstantSource.system())) {
            for (int r = 0; r < readers; r++) {
                Reader reader = tidings.accounts().add("lat" + r + "@example.org", ReaderAccounts.Preferences.defaults(),
                        true, null);
                tidings.accounts().follow(reader, "Belarus", true, false);
                // no hourly cap: every article must alert at once for the latency to mean anything
                tidings.deliveries().savePreferences(new DeliveryPreferences(reader.id(), null, null, 1_000_000));
            }
            BackgroundWork work = tidings.backgroundWork();
            work.start();
            Path newDir = data.resolve("mail").resolve("new");
            Files.createDirectories(newDir);
            Thread.sleep(500); // the alert loop's first round: it starts after what is stored already

            measure(tidings, work, newDir, 0, Math.min(count, 300), Math.min(rate, 50), readers); // warm-up
            Map<String, Long> cpuBefore = cpuByThread();
            long wallStart = System.nanoTime();
            long[] ms = measure(tidings, work, newDir, 1, count, rate, readers);
            long wall = System.nanoTime() - wallStart;
            Map<String, Long> cpuAfter = cpuByThread();
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("%nIngest-to-alert latency, %d articles at %d/s, %d reader%s following them instantly"
                            + " (load average %.1f)%n", count, rate, readers, readers == 1 ? "" : "s", load);
            System.out.printf("  p50 %d ms   p90 %d ms   p99 %d ms   max %d ms   (%d alerts)%n", percentile(ms, 50),
                    percentile(ms, 90), percentile(ms, 99), ms[ms.length - 1], ms.length);
            // Where the time went: a thread near 100% is the one that limits the rate.
            StringBuilder busy = new StringBuilder("  CPU per thread over the measurement:");
            cpuAfter.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5).forEach(e -> {
                long used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
                busy.append(String.format(" %s %.0f%%", e.getKey(), 100.0 * used / wall));
            });
            System.out.println(busy);
        }
    }

    private static Map<String, Long> cpuByThread() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) continue;
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t > 0) cpu.merge(info.getThreadName(), t, Long::sum);
        }
        return cpu;
    }

    /** Stores {@code count} articles at {@code perSecond}; returns every alert's store-to-Maildir latency in ms, sorted. */
    private static long[] measure(Tidings tidings, BackgroundWork work, Path newDir, int round, int count, int perSecond,
                                  int readers) throws Exception {
        Map<String, Long> storedAt = new ConcurrentHashMap<>();
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        int expected = count * readers;
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            newDir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            Thread watcher = new Thread(() -> watch(watch, newDir, round, arrivedAt, expected), "maildir-watcher");
            watcher.setDaemon(true);
            watcher.start();
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                for (long wait; (wait = next - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
                next += interval;
                String story = "lat-" + round + "-" + i;
                tidings.articles().save(article(story));
                storedAt.put(story, System.nanoTime());
                work.articlesStored();
            }
            watcher.join(TimeUnit.SECONDS.toMillis(60));
        }
        if (arrivedAt.size() < expected) {
            throw new IllegalStateException("only " + arrivedAt.size() + " of " + expected + " alerts arrived");
        }
        return arrivedAt.entrySet().stream()
                .mapToLong(e -> (e.getValue() - storedAt.get(e.getKey().substring(e.getKey().indexOf(' ') + 1))) / 1_000_000)
                .sorted().toArray();
    }

    private static void watch(WatchService watch, Path dir, int round, Map<String, Long> arrivedAt, int expected) {
        String prefix = "lat-" + round + "-";
        try {
            while (arrivedAt.size() < expected) {
                WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
                if (key == null) continue;
                long now = System.nanoTime();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (!(event.context() instanceof Path name)) continue;
                    Matcher m = ALERT.matcher(read(dir.resolve(name)));
                    if (m.find() && m.group(2).startsWith(prefix)) arrivedAt.putIfAbsent(m.group(1) + " " + m.group(2), now);
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // the measurement is over
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // moved to cur/ by a client: not here
        }
    }

    private static Article article(String story) {
        ConceptTag belarus = new ConceptTag("place/belarus", "Belarus", ConceptType.PLACE, Relevance.ABOUT, 0.9, 3);
        Instant now = Instant.now();
        return new Article(story, "Border news " + story, Published.at(now), "en", null, "Test Wire", null,
                "Guards reported crossings from Belarus.", "Guards reported crossings from Belarus overnight.",
                List.of(), List.of(belarus), List.of(), story, "hash-" + story, now);
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
