package dev.tidings.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures body extraction on the scrapinghub article-extraction benchmark in {@code ../shared/data/extraction/
 * scrapinghub/} (181 real news pages with a human-checked body): mean 4-word-shingle precision, recall and F1,
 * computed as that benchmark's {@code evaluate.py} does. Skips when the data is absent.
 *
 * <p>Anchors on this data: all page text 0.665, boilerpipe 0.860, Readability.js 0.947. Our output is also
 * written to {@code target/extraction/tidings.json} so that {@code evaluate.py} can score it.
 */
class ExtractionBenchmarkIT {
    private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    /** Below this our extraction has regressed badly (boilerpipe scores 0.860 on the same pages). */
    private static final double FLOOR = 0.88;

    @Test
    @DisplayName("article bodies extracted from real news pages match the human-checked bodies")
    void extractionScoresAboveTheFloorOnRealPages() throws IOException {
        Path data = SharedData.folder("data/extraction/scrapinghub");
        assumeTrue(data != null && Files.exists(data.resolve("ground-truth.json")), "benchmark data not present");
        ObjectMapper json = new ObjectMapper();
        JsonNode truth = json.readTree(data.resolve("ground-truth.json").toFile());
        ArticleReader reader = new ArticleReader();
        List<double[]> scores = new ArrayList<>();
        ObjectNode output = json.createObjectNode();
        List<String> worst = new ArrayList<>();
        var ids = truth.fieldNames();
        while (ids.hasNext()) {
            String id = ids.next();
            String expected = truth.get(id).path("articleBody").asText("");
            String predicted = "";
            Path page = data.resolve("html").resolve(id + ".html.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(page))) {
                String html = InputDecoder.decode(in.readAllBytes(), id, true);
                predicted = reader.readHtml(html, truth.get(id).path("url").asText(null), id).text();
            } catch (IngestException e) {
                predicted = "";
            }
            output.putObject(id).put("articleBody", predicted);
            double[] s = shingleScores(expected, predicted);
            scores.add(s);
            double f = s[0] + s[1] == 0 ? 0 : 2 * s[0] * s[1] / (s[0] + s[1]);
            worst.add(String.format(Locale.ROOT, "%.3f p=%.3f r=%.3f %s", f, s[0], s[1], id));
        }
        double precision = scores.stream().filter(s -> s[2] > 0).mapToDouble(s -> s[0]).average().orElse(0);
        double recall = scores.stream().filter(s -> s[3] > 0).mapToDouble(s -> s[1]).average().orElse(0);
        double f1 = 2 * precision * recall / (precision + recall);
        Path out = Path.of("target", "extraction");
        Files.createDirectories(out);
        json.writeValue(out.resolve("tidings.json").toFile(), output);
        worst.sort(null);
        Files.write(out.resolve("per-page.txt"), worst);
        System.out.printf(Locale.ROOT, "extraction on %d pages: precision %.3f recall %.3f F1 %.3f%n",
                scores.size(), precision, recall, f1);
        assertThat(f1).as("mean shingle F1 (precision %.3f, recall %.3f)", precision, recall).isGreaterThan(FLOOR);
    }

    /** precision, recall, and whether each is defined (tp+fp > 0, tp+fn > 0), as evaluate.py computes them. */
    static double[] shingleScores(String truth, String pred) {
        Map<List<String>, Integer> t = shingles(truth);
        Map<List<String>, Integer> p = shingles(pred);
        double tp = 0;
        double fp = 0;
        double fn = 0;
        var keys = new java.util.HashSet<>(t.keySet());
        keys.addAll(p.keySet());
        for (List<String> k : keys) {
            int tc = t.getOrDefault(k, 0);
            int pc = p.getOrDefault(k, 0);
            tp += Math.min(tc, pc);
            fp += Math.max(0, pc - tc);
            fn += Math.max(0, tc - pc);
        }
        double precision = fp == 0 && fn == 0 ? 1 : tp == 0 && fp == 0 ? 0 : tp / (tp + fp);
        double recall = fp == 0 && fn == 0 ? 1 : tp == 0 && fn == 0 ? 0 : tp / (tp + fn);
        return new double[] {precision, recall, tp + fp > 0 ? 1 : 0, tp + fn > 0 ? 1 : 0};
    }

    private static Map<List<String>, Integer> shingles(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i < Math.max(1, tokens.size() - 4 + 1); i++) {
            List<String> shingle = tokens.subList(i, Math.min(tokens.size(), i + 4));
            if (!shingle.isEmpty()) {
                counts.merge(List.copyOf(shingle), 1, Integer::sum);
            }
        }
        return counts;
    }
}
