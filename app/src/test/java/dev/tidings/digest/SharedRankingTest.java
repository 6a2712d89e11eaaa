package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.Published;
import dev.tidings.model.Reader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ranking a round shares between readers ({@link SharedRanking}) must give every reader the digest their
 * own ranking gives ({@link DigestBuilder#composeGrouped}): the same sections, entries, folded articles,
 * reasons and "N more" counts. Checked on random periods built to hit the hard cases: stories matched by
 * several follows of a reader (which widens them and can reorder a section), ties of relevance (saved
 * searches all count 1.0) and of size and time, two follows of a reader alike, articles outside the period
 * and dated by day only, and sections and digests past their caps.
 */
class SharedRankingTest {
    private static final Instant END = Instant.parse("2021-08-11T05:00:00Z");
    private static final String[] CONCEPTS = {"topic/c0", "topic/c1", "topic/c2", "topic/c3", "topic/c4", "topic/c5"};

    @ParameterizedTest(name = "seed {0}: {1} articles in {2} stories, {3} readers")
    @CsvSource({"1, 40, 12, 30", "2, 300, 90, 60", "3, 900, 150, 40", "4, 120, 120, 50", "5, 600, 40, 40"})
    void theSharedRankingGivesEveryReaderTheDigestTheirOwnRankingGives(long seed, int articleCount, int storyCount,
                                                                       int readerCount) {
        Random random = new Random(seed);
        DigestPeriod period = new DigestPeriod(END.minus(Duration.ofDays(1)), END);
        List<Article> byStory = news(random, articleCount, storyCount);
        SharedRanking ranking = new SharedRanking(period, byStory);
        DigestBuilder builder = new DigestBuilder();
        Map<List<Object>, SharedRanking.FollowStories> shared = new LinkedHashMap<>();

        int sectionsPastCap = 0;
        int widened = 0;
        for (int r = 0; r < readerCount; r++) {
            Reader reader = Fixtures.reader("r" + r, DigestFrequency.DAILY);
            List<Follow> follows = follows(random, reader);
            List<DigestBuilder.Matched> own = new ArrayList<>();
            for (Article a : byStory) {
                List<FollowMatch> matches = new ArrayList<>();
                for (Follow f : follows) if (matches(f, a)) matches.add(Fixtures.matchOf(f));
                if (!matches.isEmpty()) own.add(new DigestBuilder.Matched(a, matches));
                if (matches.size() > 1) widened++;
            }
            List<SharedRanking.FollowStories> stories = new ArrayList<>();
            for (Follow f : follows) {
                stories.add(shared.computeIfAbsent(List.of(f.kind(), f.target(), f.label(), f.aboutOnly()),
                        k -> rankedOnce(ranking, f, byStory)));
            }

            DigestBuilder.Composed expected = builder.composeGrouped(reader, period, own, java.util.Set.of());
            DigestBuilder.Composed actual = ranking.compose(reader, follows, stories);

            assertThat(actual).as("reader %d", r).isEqualTo(expected);
            for (DigestBuilder.SectionInfo info : expected.sections()) if (info.leftOut() > 0) sectionsPastCap++;
        }
        assertThat(sectionsPastCap + widened).as("the case exercises the caps or the widening").isPositive();
    }

    /** What a round hands the shared ranking for a kind of follow: the positions it matched and the reasons. */
    private static SharedRanking.FollowStories rankedOnce(SharedRanking ranking, Follow like, List<Article> byStory) {
        List<Integer> positions = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < byStory.size(); i++) {
            if (matches(like, byStory.get(i))) {
                positions.add(i);
                reasons.add(Fixtures.matchOf(like).reason());
            }
        }
        return ranking.rank(like, positions.stream().mapToInt(Integer::intValue).toArray(), reasons);
    }

    /** A concept follow matches an article tagged with it (about it, when about-only); a search, one in three. */
    private static boolean matches(Follow f, Article a) {
        if (f.kind() == Follow.Kind.QUERY) return Math.floorMod((a.id() + f.target()).hashCode(), 3) == 0;
        return a.concepts().stream().anyMatch(t -> t.conceptId().equals(f.target()) && (!f.aboutOnly() || t.isAbout()));
    }

    private static List<Follow> follows(Random random, Reader reader) {
        List<Follow> follows = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            // few distinct creation days, so that ids often settle the order of follows
            Instant created = Fixtures.CREATED.plus(Duration.ofDays(random.nextInt(3)));
            // unique, but not in creation order
            String id = reader.id() + "-f" + random.nextInt(100) + "-" + i;
            if (random.nextInt(6) == 0) {
                String query = "query " + random.nextInt(3);
                follows.add(new Follow(id, reader.id(), Follow.Kind.QUERY, query, query, false, false, created));
            } else {
                int c = random.nextInt(CONCEPTS.length);
                follows.add(new Follow(id, reader.id(), Follow.Kind.CONCEPT, CONCEPTS[c], "Concept " + c, false,
                        random.nextInt(4) == 0, created));
            }
        }
        return follows;
    }

    /** The period's articles in story order (then id), as a round reads them; some outside the period. */
    private static List<Article> news(Random random, int count, int stories) {
        List<Article> news = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Fixtures.ArticleBuilder a = Fixtures.article(String.format("a%04d", i))
                    .story("s" + random.nextInt(stories))
                    .text("x".repeat(1 + random.nextInt(4))); // equal lengths are common: ties go on to time and id
            // whole hours, so that times tie too; from before the grace to after the period's end
            Instant published = END.minus(Duration.ofHours(random.nextInt(40) - 2));
            a.published(random.nextInt(25) == 0 ? Published.on(published.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                    : Published.at(published));
            int tags = 1 + random.nextInt(3);
            for (int t = 0; t < tags; t++) {
                int c = random.nextInt(CONCEPTS.length);
                double score = (1 + random.nextInt(4)) / 4.0; // few distinct scores: relevance ties
                if (random.nextBoolean()) a.about(CONCEPTS[c], "Concept " + c, score);
                else a.mentions(CONCEPTS[c], "Concept " + c, score);
            }
            news.add(a.build());
        }
        news.sort(Comparator.comparing(Article::story)
                .thenComparing(Article::id));
        return news;
    }
}
