package dev.tidings.match;

import dev.tidings.model.Article;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saved-search matching on Lucene Monitor (its default term-filtered presearcher, in memory): the
 * reference that {@link TermIndexMatcher} must agree with and is measured against. The explanation is
 * worked out afterwards for the matched searches only, on the article's {@code MemoryIndex}.
 * Thread-safe, as Monitor is.
 */
public final class MonitorMatcher implements SearchMatcher, AutoCloseable {
    private final Analyzer analyzer = ArticleFields.analyzer();
    private final Monitor monitor;
    private final Map<String, SavedQuery> queries = new ConcurrentHashMap<>();

    public MonitorMatcher() {
        try {
            monitor = new Monitor(analyzer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Lucene Monitor", e);
        }
    }

    @Override
    public void put(String id, SavedQuery query) {
        putAll(Map.of(id, query));
    }

    @Override
    public void putAll(Map<String, SavedQuery> added) {
        List<MonitorQuery> batch = new ArrayList<>(added.size());
        added.forEach((id, q) -> batch.add(new MonitorQuery(id, q.query())));
        try {
            monitor.register(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register saved searches", e);
        }
        queries.putAll(added);
    }

    @Override
    public boolean remove(String id) {
        if (queries.remove(id) == null) return false;
        try {
            monitor.deleteById(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove a saved search", e);
        }
        return true;
    }

    @Override
    public int size() {
        return queries.size();
    }

    @Override
    public List<QueryHit> match(Article article) {
        MatchingQueries<QueryMatch> matches;
        try {
            matches = monitor.match(ArticleFields.document(article), QueryMatch.SIMPLE_MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot match an article", e);
        }
        if (!matches.getErrors().isEmpty()) {
            throw new IllegalStateException("Lucene Monitor failed on saved searches " + matches.getErrors());
        }
        List<QueryHit> hits = new ArrayList<>(matches.getMatchCount());
        InMemoryArticle memory = null;
        for (QueryMatch match : matches.getMatches()) {
            SavedQuery query = queries.get(match.getQueryId());
            if (query == null) continue;
            if (memory == null) memory = new InMemoryArticle(article, analyzer);
            hits.add(new QueryHit(match.getQueryId(), query.firedTerms(memory)));
        }
        return hits;
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close Lucene Monitor", e);
        }
    }
}
