package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import org.apache.lucene.analysis.Analyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which follows an article matches, and says why. Built once from every follow (rebuild it when
 * {@code FollowStore.version()} changes) and then shared: immutable and thread-safe.
 *
 * <p>Cost per article: concept follows are found through a map from concept id, so that part is
 * O(tags) whatever the number of follows; saved searches are parsed once here, and each article is
 * analysed once into an in-memory index. A saved search none of whose words is in the article is
 * skipped with a few set look-ups; only the others run against the in-memory index, and a word or
 * phrase shared by many searches is looked up once per article. With far more
 * saved searches, a term index over the searches (Lucene monitor's presearcher) would be the next step.
 */
public final class FollowMatcher {
    private static final Logger log = LoggerFactory.getLogger(FollowMatcher.class);

    /** A follow and its place in the given order, so results come back in that order. */
    private record Indexed(int order, Follow follow) {}

    private record QueryFollow(int order, Follow follow, SavedQuery query) {}

    private final Map<String, List<Indexed>> byConcept = new HashMap<>();
    private final List<QueryFollow> queries = new ArrayList<>();
    private final Analyzer analyzer = ArticleFields.analyzer();

    /** Follows whose saved search no longer parses are skipped, with one warning each. */
    public FollowMatcher(Collection<Follow> follows) {
        Map<String, SavedQuery> parsed = new HashMap<>();
        int order = 0;
        for (Follow follow : follows) {
            int at = order++;
            if (follow.kind() == Follow.Kind.CONCEPT) {
                byConcept.computeIfAbsent(follow.target(), k -> new ArrayList<>()).add(new Indexed(at, follow));
                continue;
            }
            SavedQuery query = parsed.get(follow.target());
            if (query == null) {
                try {
                    query = SavedQuery.parse(follow.target(), analyzer);
                    parsed.put(follow.target(), query);
                } catch (QuerySyntaxException e) {
                    log.warn("Skipping follow {} of reader {}: its saved search '{}' does not parse: {}",
                            follow.id(), follow.readerId(), follow.target(), e.getMessage());
                    continue;
                }
            }
            queries.add(new QueryFollow(at, follow, query));
        }
    }

    /** Every follow the article matches, with the reason, in follow order. */
    public List<FollowMatch> match(Article article) {
        List<Indexed> hits = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ConceptTag tag : article.concepts()) {
            for (Indexed candidate : byConcept.getOrDefault(tag.conceptId(), List.of())) {
                if (candidate.follow().aboutOnly() && !tag.isAbout()) continue;
                hits.add(candidate);
                reasons.add(conceptReason(candidate.follow(), tag));
            }
        }
        if (!queries.isEmpty()) {
            InMemoryArticle memory = new InMemoryArticle(article, analyzer);
            for (QueryFollow candidate : queries) {
                if (!candidate.query().matches(memory)) continue;
                hits.add(new Indexed(candidate.order(), candidate.follow()));
                reasons.add(queryReason(candidate.query(), candidate.query().firedTerms(memory)));
            }
        }
        List<Integer> byOrder = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) byOrder.add(i);
        byOrder.sort(Comparator.comparingInt(i -> hits.get(i).order()));
        List<FollowMatch> matches = new ArrayList<>(hits.size());
        int last = -1;
        for (int i : byOrder) {
            // an article tagged twice with one concept still matches its follow once
            if (hits.get(i).order() == last) continue;
            last = hits.get(i).order();
            matches.add(new FollowMatch(hits.get(i).follow(), reasons.get(i)));
        }
        return matches;
    }

    private static String conceptReason(Follow follow, ConceptTag tag) {
        String label = follow.label().isBlank() ? tag.label() : follow.label();
        return (tag.isAbout() ? "About " : "Mentions ") + label;
    }

    private static String queryReason(SavedQuery query, List<String> fired) {
        String reason = "Matches \u201c" + query.text() + "\u201d";
        return fired.isEmpty() ? reason : reason + ": " + String.join(", ", fired);
    }
}
