package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Published;
import dev.tidings.model.Relevance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded articles and saved searches for the matcher contract: the bundled sample articles as they are,
 * articles made of their words, and searches in every form of the query language drawn from the same
 * words (frequent words far more often than rare ones), so that many searches match and many do not.
 */
final class RandomCorpus {
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");
    static final List<String> SOURCES = List.of("Baltic Wire", "Brussels Daily", "Sport Ticker", "Med Observer");
    static final List<String> LANGUAGES = List.of("en", "de", "fr");
    static final List<ConceptTag> CONCEPTS = List.of(
            Articles.tag("place/belarus", "Belarus", Relevance.ABOUT),
            Articles.tag("place/poland", "Poland", Relevance.ABOUT),
            Articles.tag("place/lithuania", "Lithuania", Relevance.ABOUT),
            Articles.tag("topic/eu-immigration", "EU immigration", Relevance.ABOUT),
            Articles.tag("organisation/frontex", "Frontex", Relevance.ABOUT),
            Articles.tag("place/italy", "Italy", Relevance.ABOUT));

    private final Random random;
    /** Sample articles, by their file names. */
    final List<Article> samples = new ArrayList<>();
    /** Words of the samples, most frequent first. */
    final List<String> words;
    /** Word pairs that follow each other in the samples, for phrases that occur. */
    private final List<String[]> pairs = new ArrayList<>();

    RandomCorpus(long seed) {
        this.random = new Random(seed);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : lines("samples/index.txt").stream().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String raw = String.join("\n", lines("samples/" + name));
            Article a = sample(name, raw);
            samples.add(a);
            Matcher m = WORD.matcher(a.title() + "\n" + a.text());
            String previous = null;
            while (m.find()) {
                String w = m.group().toLowerCase(Locale.ROOT);
                counts.merge(w, 1, Integer::sum);
                if (previous != null && pairs.size() < 5000) pairs.add(new String[] {previous, w});
                previous = w;
            }
        }
        words = counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).map(Map.Entry::getKey).toList();
    }

    /** An article of Zipf-drawn words, with a random source, language and concepts. */
    Article article(String id) {
        StringBuilder text = new StringBuilder();
        int length = 20 + random.nextInt(200);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(8) == 0) {
                String[] pair = pairs.get(random.nextInt(pairs.size()));
                text.append(pair[0]).append(' ').append(pair[1]);
            } else {
                text.append(word());
            }
            text.append(i % 12 == 11 ? ". " : " ");
        }
        String title = word() + " " + word() + " " + word();
        List<ConceptTag> tags = new ArrayList<>();
        for (ConceptTag c : CONCEPTS) {
            if (random.nextInt(4) == 0) {
                tags.add(Articles.tag(c.conceptId(), c.label(), random.nextBoolean() ? Relevance.ABOUT : Relevance.MENTIONS));
            }
        }
        Article a = Articles.article(id, title, text.toString().strip() + ".", pick(SOURCES), pick(LANGUAGES),
                tags.toArray(ConceptTag[]::new));
        return random.nextInt(10) == 0 ? withoutSource(a) : a;
    }

    /** A saved search in one of the query language's forms. */
    String search() {
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> word();
            case 3 -> word() + " " + word();
            case 4 -> phrase();
            case 5 -> phrase() + "~" + (1 + random.nextInt(6));
            case 6 -> word() + " OR " + word();
            case 7 -> word() + " AND NOT " + word();
            case 8 -> word() + " -" + word();
            case 9 -> "(" + word() + " OR " + phrase() + ") " + word();
            case 10 -> "title:" + word() + (random.nextBoolean() ? " " + word() : "");
            case 11 -> "source:" + pick(SOURCES).split(" ")[random.nextInt(2)].toLowerCase(Locale.ROOT) + " " + word();
            case 12 -> "lang:" + pick(LANGUAGES) + " " + word();
            case 13 -> (random.nextBoolean() ? "concept:" : "about:") + pick(CONCEPTS).conceptId()
                    + (random.nextBoolean() ? "" : " " + word());
            case 14 -> prefixOrWildcard();
            default -> "(" + word() + " OR " + word() + ") AND (" + word() + " OR title:" + word() + ") NOT " + word();
        };
    }

    private String prefixOrWildcard() {
        String w = word();
        if (w.length() < 5) return w + "*";
        return switch (random.nextInt(3)) {
            case 0 -> w.substring(0, 4) + "*";
            case 1 -> w.substring(0, 3) + "?" + w.substring(4);
            default -> w + "~";
        };
    }

    private String phrase() {
        String[] pair = pairs.get(random.nextInt(pairs.size()));
        return random.nextInt(5) == 0 ? "\"" + pair[0] + " " + word() + " " + pair[1] + "\""
                : "\"" + pair[0] + " " + pair[1] + "\"";
    }

    /** Zipf-like: the r-th most frequent word with probability about 1/r. */
    String word() {
        double u = random.nextDouble();
        int rank = (int) Math.floor(Math.pow(words.size() + 1, u)) - 1;
        return words.get(Math.min(rank, words.size() - 1));
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private Article sample(String name, String raw) {
        Map<String, String> header = new LinkedHashMap<>();
        String[] parts = raw.split("\n\n", 2);
        for (String line : parts[0].split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        List<ConceptTag> tags = new ArrayList<>();
        for (ConceptTag c : CONCEPTS) {
            if (raw.contains(c.label())) {
                tags.add(Articles.tag(c.conceptId(), c.label(), raw.indexOf(c.label()) < 400 ? Relevance.ABOUT : Relevance.MENTIONS));
            }
        }
        return Articles.article(name, header.getOrDefault("title", name), parts[1].strip(),
                header.get("source"), header.getOrDefault("language", "en"), tags.toArray(ConceptTag[]::new));
    }

    private static Article withoutSource(Article a) {
        return new Article(a.id(), a.title(), Published.at(Instant.parse("2021-08-10T09:00:00Z")), a.language(),
                null, null, null, a.summary(), a.text(), List.of(), a.concepts(), List.of(), a.story(),
                a.contentHash(), a.ingestedAt());
    }

    private static List<String> lines(String resource) {
        try (InputStream in = RandomCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
