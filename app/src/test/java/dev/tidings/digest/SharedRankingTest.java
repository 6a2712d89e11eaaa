package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.Digest;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ranking a round shares between readers ({@link SharedRanking}) must give every reader the digest their
 * own ranking gives ({@link DigestBuilder#composeGrouped}): the same sections, entries, folded articles,
 * reasons and "N more" counts. Checked on random periods built to hit the hard cases: stories matched by
 * several follows of a reader (which widens them and can reorder a section), ties of relevance (saved
 * searches all count 1.0) and of size and time, two follows of a reader alike, articles outside the period
 * and dated by day only, and sections and digests past their caps. Then again for readers who were already
 * sent some of the period's articles (as nearly every reader was, by the previous digest's grace), with sent
 * sets aimed at what they change: a story sent whole, a story's shown article or its only newest one sent, a
 * story shared by two follows sent as far as the first one matched it (so it moves to the later section), and
 * a whole section sent.
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
            List<DigestBuilder.Matched> own = ownMatches(byStory, follows);
            for (DigestBuilder.Matched m : own) if (m.matches().size() > 1) widened++;
            List<SharedRanking.FollowStories> stories = sharedStories(shared, ranking, follows, byStory);

            DigestBuilder.Composed expected = builder.composeGrouped(reader, period, own, Set.of());
            DigestBuilder.Composed actual = ranking.compose(reader, follows, stories);

            assertThat(actual).as("reader %d", r).isEqualTo(expected);
            for (DigestBuilder.SectionInfo info : expected.sections()) if (info.leftOut() > 0) sectionsPastCap++;
        }
        assertThat(sectionsPastCap + widened).as("the case exercises the caps or the widening").isPositive();
    }

    @ParameterizedTest(name = "seed {0}: {1} articles in {2} stories, {3} readers, some sent")
    @CsvSource({"11, 40, 12, 60", "12, 300, 90, 80", "13, 900, 150, 60", "14, 120, 120, 80", "15, 600, 40, 60",
            "16, 200, 25, 120"})
    void readersAlreadySentSomeArticlesGetTheDigestTheirOwnRankingGives(long seed, int articleCount, int storyCount,
                                                                        int readerCount) {
        Random random = new Random(seed);
        DigestPeriod period = new DigestPeriod(END.minus(Duration.ofDays(1)), END);
        List<Article> byStory = news(random, articleCount, storyCount);
        Map<String, Integer> positionOf = new HashMap<>();
        for (int i = 0; i < byStory.size(); i++) positionOf.put(byStory.get(i).id(), i);
        SharedRanking ranking = new SharedRanking(period, byStory);
        DigestBuilder builder = new DigestBuilder();
        Map<List<Object>, SharedRanking.FollowStories> shared = new LinkedHashMap<>();
        SentCases seen = new SentCases();

        for (int r = 0; r < readerCount; r++) {
            Reader reader = Fixtures.reader("r" + r, DigestFrequency.DAILY);
            List<Follow> follows = follows(random, reader);
            List<DigestBuilder.Matched> own = ownMatches(byStory, follows);
            List<SharedRanking.FollowStories> stories = sharedStories(shared, ranking, follows, byStory);
            DigestBuilder.Composed unsent = builder.composeGrouped(reader, period, own, Set.of());
            Set<String> sent = sentSet(random, unsent, own, byStory);
            int[] positions = sent.stream().mapToInt(positionOf::get).toArray();

            DigestBuilder.Composed expected = builder.composeGrouped(reader, period, own, sent);
            DigestBuilder.Composed actual = ranking.compose(reader, follows, stories, positions);

            assertThat(actual).as("reader %d, sent %s", r, new TreeSet<>(sent)).isEqualTo(expected);
            seen.count(unsent, expected, sent);
        }
        assertThat(seen.storiesSentWhole).as("stories sent whole").isPositive();
        assertThat(seen.shownSent).as("stories that show another article").isPositive();
        assertThat(seen.onlyNewestSent).as("stories whose only newest article was sent").isPositive();
        assertThat(seen.movedSection).as("stories moved to a later follow's section").isPositive();
        assertThat(seen.sectionsEmptied).as("sections sent whole").isPositive();
    }

    /**
     * A sent set aimed at one or more of the hard cases, picked from the digest the reader gets with nothing
     * sent; now and then a few articles the reader never matched too, and now and then nothing at all.
     */
    private static Set<String> sentSet(Random random, DigestBuilder.Composed unsent, List<DigestBuilder.Matched> own,
                                       List<Article> byStory) {
        Set<String> sent = new HashSet<>();
        if (random.nextInt(8) == 0) return sent;
        List<Digest.Section> sections = unsent.digest().sections();
        List<Digest.Entry> entries = new ArrayList<>();
        for (Digest.Section section : sections) entries.addAll(section.entries());
        int aims = 1 + random.nextInt(3);
        for (int n = 0; n < aims; n++) {
            switch (random.nextInt(7)) {
                case 0 -> { // a few at random
                    double p = 0.05 + random.nextDouble() * 0.4;
                    for (DigestBuilder.Matched m : own) if (random.nextDouble() < p) sent.add(m.article().id());
                }
                case 1 -> { // shown articles
                    for (Digest.Entry e : entries) if (random.nextInt(3) == 0) sent.add(e.article().id());
                }
                case 2 -> { // a story's newest article, when it is its only newest
                    for (Digest.Entry e : entries) {
                        Article newest = onlyNewest(e);
                        if (newest != null && random.nextInt(2) == 0) sent.add(newest.id());
                    }
                }
                case 3 -> { // whole stories
                    for (Digest.Entry e : entries) {
                        if (random.nextInt(3) != 0) continue;
                        sent.add(e.article().id());
                        for (Article a : e.others()) sent.add(a.id());
                    }
                }
                case 4 -> { // what a section's follow matched of its shown stories: they fall to later follows
                    if (sections.isEmpty()) break;
                    int s = random.nextInt(sections.size());
                    Follow follow = unsent.sections().get(s).follow();
                    Set<String> stories = new HashSet<>();
                    for (Digest.Entry e : sections.get(s).entries()) stories.add(e.article().story());
                    for (DigestBuilder.Matched m : own) {
                        if (stories.contains(m.article().story()) && matchedBy(m, follow)) sent.add(m.article().id());
                    }
                }
                case 5 -> { // everything a section's follow matched: the section goes
                    if (sections.isEmpty()) break;
                    Follow follow = unsent.sections().get(random.nextInt(sections.size())).follow();
                    for (DigestBuilder.Matched m : own) if (matchedBy(m, follow)) sent.add(m.article().id());
                }
                default -> { // articles the reader never matched: their stories are touched, not changed
                    for (int k = 0; k < 5; k++) sent.add(byStory.get(random.nextInt(byStory.size())).id());
                }
            }
        }
        return sent;
    }

    private static boolean matchedBy(DigestBuilder.Matched m, Follow follow) {
        return m.matches().stream().anyMatch(f -> f.follow().equals(follow));
    }

    /** The entry's newest article when no other is as new, else null. */
    private static Article onlyNewest(Digest.Entry e) {
        List<Article> all = new ArrayList<>(e.others());
        all.add(e.article());
        all.sort(Comparator.comparing((Article a) -> a.effectivePublished().instant()).reversed());
        if (all.size() < 2 || all.get(0).effectivePublished().instant().equals(all.get(1).effectivePublished().instant())) {
            return null;
        }
        return all.get(0);
    }

    /** How often the sent sets hit each hard case, so that a case no seed reaches shows as a failure. */
    private static final class SentCases {
        int storiesSentWhole;
        int shownSent;
        int onlyNewestSent;
        int movedSection;
        int sectionsEmptied;

        void count(DigestBuilder.Composed unsent, DigestBuilder.Composed expected, Set<String> sent) {
            Map<String, Follow> sectionOf = new HashMap<>();
            for (int s = 0; s < expected.sections().size(); s++) {
                for (Digest.Entry e : expected.digest().sections().get(s).entries()) {
                    sectionOf.put(e.article().story(), expected.sections().get(s).follow());
                }
            }
            Set<Follow> left = new HashSet<>();
            for (DigestBuilder.SectionInfo info : expected.sections()) left.add(info.follow());
            for (int s = 0; s < unsent.sections().size(); s++) {
                Follow follow = unsent.sections().get(s).follow();
                if (!left.contains(follow)) sectionsEmptied++;
                for (Digest.Entry e : unsent.digest().sections().get(s).entries()) {
                    boolean shown = sent.contains(e.article().id());
                    boolean whole = shown && e.others().stream().allMatch(a -> sent.contains(a.id()));
                    Article newest = onlyNewest(e);
                    Follow now = sectionOf.get(e.article().story());
                    if (whole) storiesSentWhole++;
                    if (shown && !whole && now != null) shownSent++;
                    if (newest != null && !shown && sent.contains(newest.id()) && now != null) onlyNewestSent++;
                    if (now != null && !now.equals(follow)) movedSection++;
                }
            }
        }
    }

    /** What the reader's follows matched, article by article, as a reader's own ranking takes it. */
    private static List<DigestBuilder.Matched> ownMatches(List<Article> byStory, List<Follow> follows) {
        List<DigestBuilder.Matched> own = new ArrayList<>();
        for (Article a : byStory) {
            List<FollowMatch> matches = new ArrayList<>();
            for (Follow f : follows) if (matches(f, a)) matches.add(matchOf(f, a));
            if (!matches.isEmpty()) own.add(new DigestBuilder.Matched(a, matches));
        }
        return own;
    }

    /** Each follow's ranked stories, ranked once per kind of follow and shared, as a round does. */
    private static List<SharedRanking.FollowStories> sharedStories(Map<List<Object>, SharedRanking.FollowStories> shared,
                                                                   SharedRanking ranking, List<Follow> follows,
                                                                   List<Article> byStory) {
        List<SharedRanking.FollowStories> stories = new ArrayList<>();
        for (Follow f : follows) {
            stories.add(shared.computeIfAbsent(List.of(f.kind(), f.target(), f.label(), f.aboutOnly()),
                    k -> rankedOnce(ranking, f, byStory)));
        }
        return stories;
    }

    /** What a round hands the shared ranking for a kind of follow: the positions it matched and the reasons. */
    private static SharedRanking.FollowStories rankedOnce(SharedRanking ranking, Follow like, List<Article> byStory) {
        List<Integer> positions = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < byStory.size(); i++) {
            if (matches(like, byStory.get(i))) {
                positions.add(i);
                reasons.add(matchOf(like, byStory.get(i)).reason());
            }
        }
        return ranking.rank(like, positions.stream().mapToInt(Integer::intValue).toArray(), reasons);
    }

    /** The reason of a match, worded per article as well, so that an entry showing the wrong article's reason shows. */
    private static FollowMatch matchOf(Follow f, Article a) {
        return new FollowMatch(f, Fixtures.matchOf(f).reason() + " (" + a.id() + ")");
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
