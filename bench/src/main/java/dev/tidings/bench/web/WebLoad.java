package dev.tidings.bench.web;

import dev.tidings.Config;
import dev.tidings.Tidings;
import dev.tidings.ingest.BundledSamples;
import dev.tidings.model.Article;
import dev.tidings.model.Published;
import dev.tidings.model.Submission;
import dev.tidings.web.WebServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on the web pages with Debian's {@code wrk}: a data folder with 10,000 stored articles, the
 * real server on a free port, then the home page and a concept page, each flat out and paced at
 * 200 requests/s. Prints requests per second and latency percentiles.
 *
 * <p>Run: {@code java -cp bench/target/tidings-bench.jar dev.tidings.bench.web.WebLoad [articles]}.
 */
public final class WebLoad {
    private WebLoad() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        if (new ProcessBuilder("sh", "-c", "command -v wrk").start().waitFor() != 0) {
            System.err.println("wrk is not installed (apt-get install wrk): nothing to measure");
            System.exit(1);
        }
        Path data = Files.createTempDirectory("tidings-webload");
        try (Tidings tidings = new Tidings(Config.load(data, Map.of()), InstantSource.system())) {
            List<Article> seeds = new ArrayList<>();
            for (Submission s : BundledSamples.load()) seeds.add(tidings.pipeline().ingest(s).article());
            long t0 = System.nanoTime();
            Instant now = Instant.now();
            for (int i = 0; i < count - seeds.size(); i++) {
                Article a = seeds.get(i % seeds.size());
                String id = "gen" + i;
                tidings.articles().save(new Article(id, a.title() + " (" + i + ")",
                        Published.at(now.minus(Duration.ofMinutes(7L * i))), a.language(), null, a.source(), a.author(),
                        a.summary(), a.text(), a.boilerplate(), a.concepts(), a.quotes(), i % 3 == 0 ? a.story() : id,
                        a.contentHash() + i, now));
            }
            System.out.printf("stored %d articles in %.1f s%n", tidings.articles().count(), (System.nanoTime() - t0) / 1e9);
            tidings.backgroundWork().followNewArticles();
            WebServer server = WebServer.start(tidings, "127.0.0.1", 0);
            String base = "http://127.0.0.1:" + server.port();
            if (Boolean.getBoolean("webload.hold")) {
                System.out.println("holding the server at " + base + " (data " + data + ")");
                Thread.sleep(Long.MAX_VALUE);
            }
            Path paced = data.resolve("paced.lua");
            // 40 connections, each waiting 200 ms between requests: 200 requests/s in all while responses are
            // fast (a slow response lowers the rate, which the printed req/s shows).
            Files.writeString(paced, "function delay() return 200 end\n", StandardCharsets.UTF_8);
            System.out.printf("%n%-34s %-8s %10s %9s %9s %9s%n", "page", "mode", "req/s", "p50 ms", "p90 ms", "p99 ms");
            for (String page : List.of("/", "/concepts/topic/eu-immigration", "/concepts/place/poland")) {
                wrk(base + page, page, "flat-out", List.of("-t2", "-c16", "-d15s", "--latency"));
                wrk(base + page, page, "200/s", List.of("-t2", "-c40", "-d15s", "--latency", "-s", paced.toString()));
            }
            server.close();
        }
    }

    private static void wrk(String url, String page, String mode, List<String> options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk"));
        cmd.addAll(options);
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        System.out.printf("%-34s %-8s %10s %9s %9s %9s%n", page, mode, find(out, "Requests/sec:\\s+([\\d.]+)"),
                ms(find(out, "\\s50%\\s+([\\d.]+\\w+)")), ms(find(out, "\\s90%\\s+([\\d.]+\\w+)")),
                ms(find(out, "\\s99%\\s+([\\d.]+\\w+)")));
        if (out.contains("Non-2xx")) System.out.println("  (some responses were not 2xx: " + find(out, "Non-2xx or 3xx responses: (\\d+)") + ")");
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    /** wrk prints 850.00us, 12.34ms or 1.20s; all in milliseconds. */
    private static String ms(String v) {
        try {
            if (v.endsWith("us")) return String.format("%.2f", Double.parseDouble(v.replace("us", "")) / 1000);
            if (v.endsWith("ms")) return String.format("%.2f", Double.parseDouble(v.replace("ms", "")));
            if (v.endsWith("s")) return String.format("%.0f", Double.parseDouble(v.replace("s", "")) * 1000);
        } catch (NumberFormatException e) {
            return v;
        }
        return v;
    }
}
