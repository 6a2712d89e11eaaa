package dev.tidings.bench.match;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Published;
import dev.tidings.model.Relevance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input for the matching benchmarks: about 800-word articles (Reuters-21578 stories from
 * {@code ../shared/data/news/reuters21578-train} joined until they are that long, tagged with their
 * places; the bundled samples when that is absent) and realistic saved searches drawn from the
 * articles' own vocabulary with Zipf frequencies: 1–4 words, phrases, proximity, OR, NOT, concept
 * references. Seeded, so ours and the baseline see the same input.
 */
public final class MatchingWorkload {
    private static final Pattern STORY = Pattern.compile("<REUTERS.*?</REUTERS>", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<TITLE>(.*?)</TITLE>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<BODY>(.*?)</BODY>", Pattern.DOTALL);
    private static final Pattern PLACES = Pattern.compile("<PLACES>(.*?)</PLACES>", Pattern.DOTALL);
    private static final Pattern D = Pattern.compile("<D>(.*?)</D>");
    private static final Pattern WORD = Pattern.compile("[a-z]{3,}");
    private static final Instant AT = Instant.parse("2026-11-10T06:00:00Z");
    /** The most frequent words (said, year, company…) are words no reader saves a search for. */
    private static final int SKIP_TOP = 1000;

    public final List<Article> articles;
    public final String origin;
    private final List<String> words;
    private final List<String[]> bigrams = new ArrayList<>();
    private final List<String> places;
    private final Map<String, Integer> rank = new HashMap<>();

    private MatchingWorkload(List<Article> articles, String origin) {
        this.articles = articles;
        this.origin = origin;
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> placeCounts = new HashMap<>();
        for (Article a : articles) {
            Matcher m = WORD.matcher(a.text().toLowerCase(Locale.ROOT));
            String previous = null;
            while (m.find()) {
                counts.merge(m.group(), 1, Integer::sum);
                if (previous != null && bigrams.size() < 200_000) bigrams.add(new String[] {previous, m.group()});
                previous = m.group();
            }
            for (ConceptTag t : a.concepts()) placeCounts.merge(t.conceptId(), 1, Integer::sum);
        }
        words = counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).map(Map.Entry::getKey).toList();
        places = placeCounts.keySet().stream().sorted().toList();
        for (int i = 0; i < words.size(); i++) rank.put(words.get(i), i);
    }

    /** Reuters when ../shared is there, else the bundled samples. */
    public static MatchingWorkload load() {
        Path reuters = Path.of(System.getProperty("tidings.shared", "../shared"), "data/news/reuters21578-train");
        if (Files.isDirectory(reuters)) return new MatchingWorkload(reuters(reuters, 400), "reuters21578-train");
        return new MatchingWorkload(samples(), "bundled samples");
    }

    /** {@code n} saved searches, seeded. */
    public List<String> searches(int n, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(search(random));
        return out;
    }

    private String search(Random r) {
        int form = r.nextInt(100);
        if (form < 30) return word(r);
        if (form < 50) return word(r) + " " + word(r);
        if (form < 58) return word(r) + " " + word(r) + " " + word(r) + (r.nextBoolean() ? " " + word(r) : "");
        if (form < 70) return phrase(r);
        if (form < 75) return phrase(r) + "~" + (2 + r.nextInt(5));
        if (form < 83) return word(r) + " OR " + word(r) + (r.nextBoolean() ? " OR " + word(r) : "");
        if (form < 88) return word(r) + " -" + word(r);
        if (form < 91) return "(" + word(r) + " OR " + word(r) + ") AND NOT " + word(r);
        if (form < 96 && !places.isEmpty()) {
            String place = places.get(r.nextInt(places.size()));
            return (r.nextBoolean() ? "about:" : "concept:") + place + (r.nextBoolean() ? "" : " " + word(r));
        }
        return "title:" + word(r);
    }

    /** A word pair that occurs in the articles, of words no more common than saved-search words. */
    private String phrase(Random r) {
        String[] b = bigrams.get(r.nextInt(bigrams.size()));
        for (int i = 0; i < 50 && (rank.get(b[0]) < SKIP_TOP / 2 || rank.get(b[1]) < SKIP_TOP / 2); i++) {
            b = bigrams.get(r.nextInt(bigrams.size()));
        }
        return "\"" + b[0] + " " + b[1] + "\"";
    }

    /** Zipf over the vocabulary past its function words: rank k with probability about 1/k. */
    private String word(Random r) {
        int usable = words.size() - SKIP_TOP;
        int rank = (int) Math.floor(Math.pow(usable + 1, r.nextDouble())) - 1;
        return words.get(SKIP_TOP + Math.min(rank, usable - 1));
    }

    private static List<Article> reuters(Path dir, int wanted) {
        List<Article> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String title = null;
        List<ConceptTag> tags = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".sgm")).sorted().toList()) {
                String sgml = Files.readString(file, StandardCharsets.ISO_8859_1);
                Matcher story = STORY.matcher(sgml);
                while (story.find() && out.size() < wanted) {
                    String s = story.group();
                    Matcher body = BODY.matcher(s);
                    if (!body.find()) continue;
                    Matcher t = TITLE.matcher(s);
                    if (title == null) title = t.find() ? unescape(t.group(1)) : "Untitled";
                    text.append(unescape(body.group(1))).append("\n\n");
                    Matcher places = PLACES.matcher(s);
                    if (places.find()) {
                        Matcher d = D.matcher(places.group(1));
                        boolean first = true;
                        while (d.find()) {
                            String id = "place/" + d.group(1);
                            if (tags.stream().noneMatch(x -> x.conceptId().equals(id))) {
                                tags.add(new ConceptTag(id, d.group(1), ConceptType.ofKey("place"),
                                        first ? Relevance.ABOUT : Relevance.MENTIONS, first ? 0.9 : 0.3, 1));
                            }
                            first = false;
                        }
                    }
                    if (text.toString().split("\\s+").length >= 800) {
                        out.add(article("reuters-" + out.size(), title, text.toString(), "Reuters", tags));
                        text.setLength(0);
                        title = null;
                        tags = new ArrayList<>();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return out;
    }

    private static List<Article> samples() {
        List<Article> out = new ArrayList<>();
        for (String name : resource("samples/index.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String raw = resource("samples/" + name);
            String[] parts = raw.split("\n\n", 2);
            String title = parts[0].lines().filter(l -> l.startsWith("title:")).map(l -> l.substring(6).strip())
                    .findFirst().orElse(name);
            out.add(article(name, title, parts[1], "Sample", List.of()));
        }
        return out;
    }

    private static Article article(String id, String title, String text, String source, List<ConceptTag> tags) {
        return new Article(id, title, Published.at(AT), "en", null, source, null, title, text, List.of(), tags,
                List.of(), id, "hash-" + id, AT);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#3;", "").strip();
    }

    private static String resource(String name) {
        try (InputStream in = MatchingWorkload.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
