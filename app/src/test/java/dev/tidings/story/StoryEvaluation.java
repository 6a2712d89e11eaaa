package dev.tidings.story;

import dev.tidings.ingest.ArticleReader;
import dev.tidings.model.Article;
import dev.tidings.normalize.DocumentNormalizer;
import dev.tidings.pipeline.ArticlePipeline;
import dev.tidings.understand.ArticleAnalyzer;
import dev.tidings.understand.Taxonomy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores story grouping against a labelled set ({@link #SET}, the tuning set, or {@link #HELD_OUT}): every file goes
 * through the real read → normalise → understand path and then {@link StoryAssigner#place}, in the order
 * given, and the resulting partition is compared with the labels.
 *
 * <p>Run as a program for the report ({@code main}), or through {@code StoryEvaluationIT}, which asserts floors.
 */
final class StoryEvaluation {
    /** The set the thresholds were tuned on. */
    static final Path SET = Path.of("src/test/resources/story/eval");
    /** Articles written after the thresholds were set and never used to tune them. */
    static final Path HELD_OUT = Path.of("src/test/resources/story/heldout");

    /** Pairwise and B-cubed precision, recall and F1 of a partition against the labels. */
    record Scores(int articles, int stories, int predicted, double pairPrecision, double pairRecall,
                  double bcubedPrecision, double bcubedRecall) {
        double pairF1() {
            return f1(pairPrecision, pairRecall);
        }

        double bcubedF1() {
            return f1(bcubedPrecision, bcubedRecall);
        }

        private static double f1(double p, double r) {
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d articles, %d labelled stories, %d found%n"
                            + "pairwise  precision %.3f  recall %.3f  F1 %.3f%nB-cubed   precision %.3f  recall %.3f  F1 %.3f",
                    articles, stories, predicted, pairPrecision, pairRecall, pairF1(), bcubedPrecision, bcubedRecall, bcubedF1());
        }
    }

    /** One analysed file with its label. */
    record Item(String file, String label, Article article) {}

    static Map<String, String> labels(Path set) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String line : Files.readAllLines(set.resolve("labels.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("\t");
            labels.put(parts[0], parts[1]);
        }
        return labels;
    }

    /** Every labelled article, analysed, oldest first (file name breaks ties). */
    static List<Item> analysed(Path set) throws Exception {
        ArticlePipeline pipeline = new ArticlePipeline(new ArticleReader(), new DocumentNormalizer(),
                new ArticleAnalyzer(Taxonomy.bundled()), new StoryAssigner(), null, null,
                InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z")));
        List<Item> items = new ArrayList<>();
        for (var e : labels(set).entrySet()) {
            items.add(new Item(e.getKey(), e.getValue(), pipeline.analyze(set.resolve(e.getKey()))));
        }
        items.sort(Comparator.comparing((Item i) -> i.article().effectivePublished().instant()).thenComparing(Item::file));
        return items;
    }

    /** The partition {@link StoryAssigner} makes when the items arrive in this order: file → story. */
    static Map<String, String> assign(List<Item> order) {
        StoryAssigner stories = new StoryAssigner();
        Map<String, String> storyOf = new HashMap<>();
        for (Item item : order) {
            StoryAssigner.Placement p = stories.place(item.article());
            if (!p.absorbed().isEmpty()) storyOf.replaceAll((f, s) -> p.absorbed().contains(s) ? p.story() : s);
            storyOf.put(item.file(), p.story());
        }
        return storyOf;
    }

    static Set<Set<String>> groups(Map<String, String> storyOf) {
        Map<String, Set<String>> groups = new HashMap<>();
        storyOf.forEach((f, s) -> groups.computeIfAbsent(s, k -> new HashSet<>()).add(f));
        return new HashSet<>(groups.values());
    }

    static Scores score(Map<String, String> gold, Map<String, String> found) {
        List<String> files = new ArrayList<>(gold.keySet());
        long tp = 0, goldPairs = 0, foundPairs = 0;
        for (int i = 0; i < files.size(); i++) {
            for (int j = i + 1; j < files.size(); j++) {
                boolean g = gold.get(files.get(i)).equals(gold.get(files.get(j)));
                boolean f = found.get(files.get(i)).equals(found.get(files.get(j)));
                if (g) goldPairs++;
                if (f) foundPairs++;
                if (g && f) tp++;
            }
        }
        double bp = 0, br = 0;
        for (String a : files) {
            int same = 0, inFound = 0, inGold = 0;
            for (String b : files) {
                boolean g = gold.get(a).equals(gold.get(b));
                boolean f = found.get(a).equals(found.get(b));
                if (g) inGold++;
                if (f) inFound++;
                if (g && f) same++;
            }
            bp += (double) same / inFound;
            br += (double) same / inGold;
        }
        return new Scores(files.size(), new HashSet<>(gold.values()).size(), new HashSet<>(found.values()).size(),
                foundPairs == 0 ? 1 : (double) tp / foundPairs, goldPairs == 0 ? 1 : (double) tp / goldPairs,
                bp / files.size(), br / files.size());
    }

    /**
     * Prints the scores and every wrongly joined or wrongly separated pair with its explanation; the tuning
     * set, or the held-out one with {@code heldout} as the first argument ({@code near} lists near misses too).
     */
    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args);
        List<Item> items = analysed(flags.contains("heldout") ? HELD_OUT : SET);
        Map<String, String> gold = new HashMap<>();
        items.forEach(i -> gold.put(i.file(), i.label()));
        Map<String, String> found = assign(items);
        
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                Item a = items.get(i), b = items.get(j);
                boolean g = a.label().equals(b.label());
                boolean f = found.get(a.file()).equals(found.get(b.file()));
                var why = StoryAssigner.explain(a.article(), b.article());
                boolean close = why.sameWords() >= 0.12 || why.sameNames() >= 0.15;
                if (g != f || (!g && close && flags.contains("near"))) {
                    System.out.println((g != f ? (g ? "SPLIT  " : "JOINED ") : "near   ") + a.file() + " ~ " + b.file() + ": " + why.summary());
                }
            }
        }
        System.out.println(score(gold, found));
    }
}
