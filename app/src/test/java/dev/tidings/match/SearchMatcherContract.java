package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.understand.Taxonomy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SearchMatcher} must do, run against each implementation. The yardstick is the saved
 * search on its own ({@link SavedQuery#matches} and {@link SavedQuery#firedTerms}, Lucene on one
 * article): an implementation must find exactly the searches that match and name exactly the same
 * words, so any two implementations agree with each other.
 */
abstract class SearchMatcherContract {
    private SearchMatcher matcher;

    abstract SearchMatcher create();

    SearchMatcher matcher() {
        if (matcher == null) matcher = create();
        return matcher;
    }

    @AfterEach
    void close() throws Exception {
        if (matcher instanceof AutoCloseable c) c.close();
    }

    /** Every form of the query language, with the hand-made articles it must match. */
    @ParameterizedTest(name = "{0} matches [{1}]")
    @CsvSource(delimiter = '|', value = {
            "migrants | belarus-border",
            "Migrant | belarus-border",
            "Lukashenko border | belarus-border",
            "'\"state of emergency\"' | ",
            "'\"migrants crossed\"' | belarus-border",
            "'\"crossed migrants\"~2' | belarus-border",
            "'\"officials migrants\"~3' | belarus-border",
            "'\"officials migrants\"~1' | ",
            "asylum OR derby | asylum-vote football",
            "border AND NOT asylum | belarus-border",
            "Belarus -asylum | belarus-border",
            "(asylum OR migrants) AND (Brussels OR night) | asylum-vote belarus-border",
            "title:asylum | asylum-vote",
            "title:brussels | ",
            "source:baltic | belarus-border",
            "lang:de | football",
            "concept:place/belarus | belarus-border asylum-vote",
            "about:place/belarus | belarus-border",
            "about:topic/eu-immigration | asylum-vote",
            "Zurich | football",
            "migra* | belarus-border",
            "bord?r | belarus-border",
            "lukashenk~ | belarus-border",
            "immigration | belarus-border asylum-vote",
            "'\"EU immigration\"' | belarus-border asylum-vote",
            "parliament^2 votes | asylum-vote",
    })
    void eachFormOfTheQueryLanguageMatchesTheArticlesItNames(String query, String expected) throws Exception {
        matcher().put("q", SavedQuery.parse(query));
        List<String> matched = new ArrayList<>();
        for (String name : new TreeSet<>(Articles.BY_NAME.keySet())) {
            if (!matcher().match(Articles.named(name)).isEmpty()) matched.add(name);
        }
        List<String> want = expected == null ? List.of() : Arrays.stream(expected.split(" ")).sorted().toList();
        assertThat(matched).as(query).containsExactlyElementsOf(want);
    }

    @Test
    void aMatchNamesTheWordsAndPhrasesThatFiredButNotTheExcludedOnes() throws Exception {
        matcher().put("q", SavedQuery.parse("(Lukashenko OR asylum) \"migrants crossed\" migra* -football"));

        assertThat(matcher().match(Articles.named("belarus-border")))
                .containsExactly(new QueryHit("q", List.of("Lukashenko", "\"migrants crossed\"", "migra*")));
    }

    @Test
    void aRemovedSearchNoLongerMatchesAndAReplacedOneMatchesItsNewText() throws Exception {
        matcher().put("a", SavedQuery.parse("migrants"));
        matcher().put("b", SavedQuery.parse("asylum"));
        Article border = Articles.named("belarus-border");
        assertThat(matcher().match(border)).extracting(QueryHit::id).containsExactly("a");

        matcher().put("a", SavedQuery.parse("derby"));
        assertThat(matcher().match(border)).isEmpty();
        assertThat(matcher().match(Articles.named("football"))).extracting(QueryHit::id).containsExactly("a");

        assertThat(matcher().remove("b")).isTrue();
        assertThat(matcher().remove("b")).isFalse();
        assertThat(matcher().match(Articles.named("asylum-vote"))).isEmpty();
        assertThat(matcher().size()).isEqualTo(1);
    }

    @Test
    void handWrittenSearchesFindWhatEachFindsOnItsOwnInTheSampleArticles() throws Exception {
        RandomCorpus corpus = new RandomCorpus(1);
        List<String> queries = List.of("border guards", "\"border guards\"", "Frontex OR UNHCR",
                "Belarus AND NOT Poland", "migrants -Italy", "title:border", "source:wire", "lang:en asylum",
                "concept:place/poland", "about:topic/eu-immigration", "deport*", "Lampedusa~", "\"boats coast\"~8",
                "(Greece OR Crete OR Libya) AND (boat OR vessel)", "\"interior ministers\" returns");
        Map<String, SavedQuery> searches = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) searches.put("h" + i, SavedQuery.parse(queries.get(i)));
        List<Article> articles = new ArrayList<>(corpus.samples);
        articles.addAll(Articles.BY_NAME.values());
        assertAgreesWithEachSearchOnItsOwn(searches, articles);
    }

    @Test
    void fourHundredSeededRandomSearchesFindWhatEachFindsOnItsOwn() throws Exception {
        RandomCorpus corpus = new RandomCorpus(20240806L);
        Map<String, SavedQuery> searches = new LinkedHashMap<>();
        while (searches.size() < 400) {
            String text = corpus.search();
            try {
                searches.put("r" + searches.size() + ":" + text, SavedQuery.parse(text));
            } catch (QuerySyntaxException e) {
                // a generated form the language refuses (e.g. a stop character): draw again
            }
        }
        List<Article> articles = new ArrayList<>(corpus.samples);
        for (int i = 0; i < 30; i++) articles.add(corpus.article("g" + i));
        int matched = assertAgreesWithEachSearchOnItsOwn(searches, articles);
        // the test means something only if plenty of searches match and plenty do not
        assertThat(matched).isBetween(searches.size() * articles.size() / 50, searches.size() * articles.size() / 2);
    }

    @Test
    void alertLikeSearchesOverAZipfVocabularyFindWhatEachFindsOnItsOwnInEightHundredWordArticles() throws Exception {
        SyntheticNews news = new SyntheticNews(Taxonomy.bundled().all(), 100_000);
        List<String> texts = news.searches(3_000, 11);
        Map<String, SavedQuery> searches = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) searches.put("z" + i, SavedQuery.parse(texts.get(i)));
        List<Article> articles = news.articles(25, 12);
        int matched = assertAgreesWithEachSearchOnItsOwn(searches, articles);
        // selective, as alert queries are, yet enough matches for the comparison to mean something
        assertThat(matched).isBetween(50, searches.size() * articles.size() / 100);
    }

    @Test
    void searchesAddedAndRemovedOneByOneMatchLikeAFreshlyBuiltMatcher() throws Exception {
        RandomCorpus corpus = new RandomCorpus(7);
        Map<String, SavedQuery> kept = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            SavedQuery q = SavedQuery.parse(corpus.search());
            matcher().put("s" + i, q);
            kept.put("s" + i, q);
            if (i % 3 == 0) {
                String gone = "s" + (i / 2);
                matcher().remove(gone);
                kept.remove(gone);
            }
        }
        assertThat(matcher().size()).isEqualTo(kept.size());
        List<Article> articles = new ArrayList<>(corpus.samples);
        for (Article a : articles) {
            assertThat(sorted(matcher().match(a))).as(a.id()).isEqualTo(expected(kept, a));
        }
    }

    private int assertAgreesWithEachSearchOnItsOwn(Map<String, SavedQuery> searches, List<Article> articles) {
        matcher().putAll(searches);
        int matched = 0;
        for (Article a : articles) {
            List<QueryHit> want = expected(searches, a);
            assertThat(sorted(matcher().match(a))).as("matches in " + a.id()).isEqualTo(want);
            matched += want.size();
        }
        return matched;
    }

    private static List<QueryHit> expected(Map<String, SavedQuery> searches, Article article) {
        List<QueryHit> hits = new ArrayList<>();
        InMemoryArticle memory = new InMemoryArticle(article, ArticleFields.analyzer());
        searches.forEach((id, q) -> {
            if (q.matches(memory)) hits.add(new QueryHit(id, q.firedTerms(memory)));
        });
        return sorted(hits);
    }

    private static List<QueryHit> sorted(List<QueryHit> hits) {
        return hits.stream().sorted(Comparator.comparing(QueryHit::id)).toList();
    }
}
