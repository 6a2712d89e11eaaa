package dev.tidings.bench.match;

import dev.tidings.match.SyntheticNews;
import dev.tidings.model.Article;
import dev.tidings.model.Follow;
import dev.tidings.understand.Taxonomy;

import java.util.List;

/**
 * Input for the matching benchmarks: {@link SyntheticNews} over a 100,000-word Zipf vocabulary and
 * the bundled taxonomy — 800-word articles, and saved searches like readers' alert queries (1–4
 * content words, phrases, proximity, OR, NOT, {@code title:}, concept references), which each match a
 * small fraction of articles. Seeded, so ours and the baseline see the same input on every run.
 */
public final class MatchingWorkload {
    /** Word types of the vocabulary. */
    public static final int VOCABULARY = 100_000;
    private static final long ARTICLE_SEED = 7;
    private static final long SEARCH_SEED = 42;

    private final SyntheticNews news;
    public final List<Article> articles;

    private MatchingWorkload(int articleCount) {
        news = new SyntheticNews(Taxonomy.bundled().all(), VOCABULARY);
        articles = news.articles(articleCount, ARTICLE_SEED);
    }

    /** The workload with {@code articleCount} articles. */
    public static MatchingWorkload load(int articleCount) {
        return new MatchingWorkload(articleCount);
    }

    /** {@code n} saved searches, the same for a given n on every run. */
    public List<String> searches(int n) {
        return news.searches(n, SEARCH_SEED);
    }

    /** Concept follows: {@code perReader} for each of {@code readers} readers, seeded. */
    public List<Follow> conceptFollows(int readers, int perReader) {
        return news.conceptFollows(readers, perReader, SEARCH_SEED);
    }

    public String describe() {
        return String.format("%d synthetic 800-word articles, Zipf vocabulary of %,d words, %,d taxonomy concepts",
                articles.size(), VOCABULARY, Taxonomy.bundled().all().size());
    }
}
