package dev.tidings.match;

import dev.tidings.model.Article;

import java.util.List;
import java.util.Map;

/**
 * Reverse search: many saved searches registered once, each new article checked against all of them.
 * Implementations agree on every article (a contract test holds them to it): {@link TermIndexMatcher},
 * ours, and {@link MonitorMatcher} on Lucene Monitor, the reference it is measured against.
 *
 * <p>Searches can be added, replaced and removed at any time, also while other threads match: an
 * index is built once and then kept up to date, never rebuilt per article.
 */
public interface SearchMatcher {
    /** Registers the search under the id, replacing any search registered under it before. */
    void put(String id, SavedQuery query);

    /** Registers many searches at once; may be faster than one by one. */
    default void putAll(Map<String, SavedQuery> queries) {
        queries.forEach(this::put);
    }

    /** Unregisters the search; false when no search had the id. */
    boolean remove(String id);

    /** How many searches are registered. */
    int size();

    /** Every registered search the article matches, with what fired; in no particular order. */
    List<QueryHit> match(Article article);
}
