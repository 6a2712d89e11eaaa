package dev.tidings.pipeline;

import dev.tidings.match.Backtest;
import dev.tidings.match.FollowMatcher;
import dev.tidings.match.QuerySyntaxException;
import dev.tidings.match.SavedQuery;
import dev.tidings.model.Article;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.SearchIndex;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Back-tests a follow before it is saved: how many archived articles it would have matched per day
 * over the last {@link #DAYS} days, with examples. Saved searches are looked up in the full-text index
 * and concepts through the article store; every candidate is then run through the same
 * {@link FollowMatcher} that sends alerts, so the count and the reasons are what the reader would get.
 */
public final class FollowBacktester {
    public static final int DAYS = 30;
    /** How many archive hits are examined at most; beyond it the counts are lower bounds. */
    static final int LIMIT = 20_000;
    private static final int EXAMPLES = 5;

    private final ArticleStore articles;
    private final SearchIndex index;
    private final InstantSource clock;

    public FollowBacktester(ArticleStore articles, SearchIndex index, InstantSource clock) {
        this.articles = articles;
        this.index = index;
        this.clock = clock;
    }

    /** For a saved search; throws for a query that does not parse. */
    public Backtest query(String text, ZoneId zone) throws QuerySyntaxException {
        SavedQuery.parse(text);
        List<String> ids = index.search(text, LIMIT);
        List<Article> found = new ArrayList<>(ids.size());
        for (String id : ids) articles.byId(id).ifPresent(found::add);
        Follow follow = new Follow("backtest", "backtest", Follow.Kind.QUERY, text, text, false, false, clock.instant());
        return run(follow, found, ids.size() >= LIMIT, zone);
    }

    /** For a concept, about it only or any mention. */
    public Backtest concept(String conceptId, String label, boolean aboutOnly, ZoneId zone) {
        List<Article> found = articles.withConcept(conceptId, LIMIT);
        Follow follow = new Follow("backtest", "backtest", Follow.Kind.CONCEPT, conceptId, label, false, aboutOnly,
                clock.instant());
        return run(follow, found, found.size() >= LIMIT, zone);
    }

    private Backtest run(Follow follow, List<Article> candidates, boolean capped, ZoneId zone) {
        FollowMatcher matcher = new FollowMatcher(List.of(follow));
        List<Article> matched = new ArrayList<>();
        java.util.Map<String, String> why = new java.util.HashMap<>();
        for (Article a : candidates) {
            Optional<FollowMatch> m = matcher.match(a).stream().findFirst();
            if (m.isEmpty()) continue;
            matched.add(a);
            why.put(a.id(), m.get().reason());
        }
        return Backtest.tally(matched, a -> why.get(a.id()), clock.instant(), DAYS, zone, EXAMPLES, capped);
    }
}
