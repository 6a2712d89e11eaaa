package dev.tidings.story;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides which story a new article belongs to.
 *
 * <p>Deterministic for a given candidate set: the most similar qualifying candidate wins, ties broken
 * by the candidate's story id, so importing the same articles again gives the same stories.
 */
public final class StoryAssigner {
    /** Articles further apart than this are different stories however similar they read. */
    public static final Duration WINDOW = Duration.ofDays(3);
    /** Cosine similarity of word profiles above which two articles tell the same story. */
    static final double SAME_STORY = 0.45;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "this", "from", "its",
            "but", "not", "they", "their", "which", "said", "says", "will", "would", "been", "also", "after",
            "into", "than", "more", "about", "over", "who", "what", "when", "where", "there", "them", "his",
            "her", "she", "him", "our", "out", "one", "two", "new", "last", "year", "week", "could", "can",
            "all", "some", "other", "most", "such", "only", "any", "while", "since", "because", "told", "being");

    /**
     * The story for {@code article}: the story of the closest candidate that qualifies, else the article's own id.
     *
     * @param candidates recently stored articles (the caller picks them by time window)
     */
    public String assign(Article article, Collection<Article> candidates) {
        Map<String, Integer> profile = profile(article);
        String best = null;
        double bestScore = 0;
        for (Article other : candidates) {
            if (other.id().equals(article.id())) continue;
            if (!withinWindow(article, other)) continue;
            double score = other.contentHash().equals(article.contentHash()) ? 1.0 : cosine(profile, profile(other));
            if (score < SAME_STORY) continue;
            if (score < 1.0 && !sharesCentralConcept(article, other)) continue;
            if (best == null || score > bestScore || (score == bestScore && other.story().compareTo(best) < 0)) {
                best = other.story();
                bestScore = score;
            }
        }
        return best != null ? best : article.id();
    }

    /** How alike two articles read, 0..1, for explaining a grouping. */
    public double similarity(Article a, Article b) {
        return cosine(profile(a), profile(b));
    }

    private static boolean withinWindow(Article a, Article b) {
        Duration gap = Duration.between(a.effectivePublished().instant(), b.effectivePublished().instant()).abs();
        return gap.compareTo(WINDOW) <= 0;
    }

    private static boolean sharesCentralConcept(Article a, Article b) {
        Set<String> aboutA = a.concepts().stream().filter(ConceptTag::isAbout).map(ConceptTag::conceptId)
                .collect(Collectors.toSet());
        return b.concepts().stream().filter(ConceptTag::isAbout).anyMatch(t -> aboutA.contains(t.conceptId()));
    }

    private static Map<String, Integer> profile(Article article) {
        Map<String, Integer> counts = new HashMap<>();
        var m = WORD.matcher(article.title() + "\n" + article.text());
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!STOP.contains(w)) counts.merge(w, 1, Integer::sum);
        }
        return counts;
    }

    private static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
        if (a.isEmpty() || b.isEmpty()) return 0;
        double dot = 0;
        for (var e : a.entrySet()) {
            Integer o = b.get(e.getKey());
            if (o != null) dot += (double) e.getValue() * o;
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(Map<String, Integer> v) {
        double s = 0;
        for (int x : v.values()) s += (double) x * x;
        return Math.sqrt(s);
    }
}
