package dev.tidings.digest;

import dev.tidings.model.Article;
import dev.tidings.model.Digest;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.DigestPeriod;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import dev.tidings.model.Published;
import dev.tidings.model.Reader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.tidings.digest.Fixtures.article;
import static dev.tidings.digest.Fixtures.conceptFollow;
import static dev.tidings.digest.Fixtures.matchOf;
import static dev.tidings.digest.Fixtures.queryFollow;
import static org.assertj.core.api.Assertions.assertThat;

class DigestBuilderTest {
    private static final Instant AT = Instant.parse("2021-08-11T05:00:00Z"); // 07:00 in Berlin
    private final DigestBuilder builder = new DigestBuilder();
    private final Reader reader = Fixtures.reader();
    private final DigestPeriod day = builder.period(reader, AT);
    private final Follow belarus = conceptFollow(reader, "f-belarus", "place/belarus", "Belarus",
            Instant.parse("2021-03-01T00:00:00Z"));
    private final Follow immigration = conceptFollow(reader, "f-immigration", "topic/eu-immigration", "EU immigration",
            Instant.parse("2021-02-01T00:00:00Z"));

    @Test
    void aDailyDigestCoversTheDayBeforeItsInstant() {
        DigestPeriod period = builder.period(Fixtures.reader("r", DigestFrequency.DAILY), AT);

        assertThat(period.start()).isEqualTo(Instant.parse("2021-08-10T05:00:00Z"));
        assertThat(period.end()).isEqualTo(AT);
    }

    @Test
    void aWeeklyDigestCoversTheSevenDaysBeforeItsInstant() {
        DigestPeriod period = builder.period(Fixtures.reader("r", DigestFrequency.WEEKLY), AT);

        assertThat(period.start()).isEqualTo(Instant.parse("2021-08-04T05:00:00Z"));
        assertThat(period.end()).isEqualTo(AT);
    }

    @Test
    void theGraceIsTwelveHours() {
        assertThat(DigestBuilder.GRACE).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void anEmptyMapGivesADigestWithNoSections() {
        Digest digest = builder.build(reader, day, Map.of(), Set.of());

        assertThat(digest.isEmpty()).isTrue();
        assertThat(digest.reader()).isEqualTo(reader);
        assertThat(digest.period()).isEqualTo(day);
    }

    @Test
    void anArticleAlreadySentIsLeftOut() {
        Article sent = article("sent").about("place/belarus", "Belarus", 0.9).build();
        Article fresh = article("fresh").about("place/belarus", "Belarus", 0.9).build();

        Digest digest = builder.build(reader, day, matches(belarus, sent, fresh), Set.of("sent"));

        assertThat(ids(digest)).containsExactly("fresh");
    }

    @Test
    void aDateOnlyArticleOnTheDayBeforeCounts() {
        Article dated = article("dated").published(Published.on(LocalDate.parse("2021-08-10")))
                .about("place/belarus", "Belarus", 0.9).build();

        Digest digest = builder.build(reader, day, matches(belarus, dated), Set.of());

        assertThat(ids(digest)).containsExactly("dated");
    }

    @Test
    void aDateOnlyArticleWholeDaysBeforeThePeriodIsLeftOut() {
        // 2021-08-08 ends at 08-09T00:00Z, before the period start minus grace (08-09T17:00Z).
        Article old = article("old").published(Published.on(LocalDate.parse("2021-08-08")))
                .about("place/belarus", "Belarus", 0.9).build();

        assertThat(builder.build(reader, day, matches(belarus, old), Set.of()).isEmpty()).isTrue();
    }

    @Test
    void anArticleWithinTheGraceBeforeThePeriodCounts() {
        Article late = article("late").published(Published.at(day.start().minus(Duration.ofHours(11))))
                .about("place/belarus", "Belarus", 0.9).build();

        assertThat(ids(builder.build(reader, day, matches(belarus, late), Set.of()))).containsExactly("late");
    }

    @Test
    void anArticleOutsideThePeriodAndItsGraceIsLeftOut() {
        Article tooOld = article("too-old").published(Published.at(day.start().minus(Duration.ofHours(13))))
                .about("place/belarus", "Belarus", 0.9).build();
        Article atTheEnd = article("at-the-end").published(Published.at(day.end()))
                .about("place/belarus", "Belarus", 0.9).build();
        Article future = article("future").published(Published.at(day.end().plus(Duration.ofHours(2))))
                .about("place/belarus", "Belarus", 0.9).build();

        Digest digest = builder.build(reader, day, matches(belarus, tooOld, atTheEnd, future), Set.of());

        assertThat(digest.isEmpty()).isTrue();
    }

    @Test
    void aStoryIsOneEntryShowingTheArticleMostAboutTheFollowAndFoldingTheOthers() {
        Article mentionLong = article("mention-long").story("s").source("The Long Read")
                .text("x".repeat(5000)).mentions("place/belarus", "Belarus", 0.3).build();
        Article aboutShort = article("about-short").story("s").source("Minsk Wire")
                .text("x".repeat(800)).about("place/belarus", "Belarus", 0.8).build();
        Article aboutLong = article("about-long").story("s").source("Baltic Courier")
                .text("x".repeat(1600)).about("place/belarus", "Belarus", 0.7).build();

        Digest digest = builder.build(reader, day, matches(belarus, mentionLong, aboutShort, aboutLong), Set.of());

        assertThat(digest.sections()).hasSize(1);
        List<Digest.Entry> entries = digest.sections().get(0).entries();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).article().id()).isEqualTo("about-long");
        assertThat(entries.get(0).others()).extracting(Article::id)
                .containsExactlyInAnyOrder("mention-long", "about-short");
        assertThat(digest.articles()).hasSize(3);
    }

    @Test
    void amongEqualArticlesOfAStoryTheNewestIsShown() {
        Article older = article("older").story("s").at("2021-08-10T08:00:00Z").about("place/belarus", "Belarus", 0.8).build();
        Article newer = article("newer").story("s").at("2021-08-10T18:00:00Z").about("place/belarus", "Belarus", 0.8).build();

        Digest digest = builder.build(reader, day, matches(belarus, older, newer), Set.of());

        assertThat(ids(digest)).containsExactly("newer");
    }

    @Test
    void anArticleMatchingTwoFollowsAppearsOnceInTheEarlierFollowsSectionWithItsReason() {
        Article both = article("both").about("place/belarus", "Belarus", 0.9)
                .about("topic/eu-immigration", "EU immigration", 0.8).build();
        Map<Article, List<FollowMatch>> map = new LinkedHashMap<>();
        // Listed Belarus first, but EU immigration was followed earlier.
        map.put(both, List.of(matchOf(belarus), matchOf(immigration)));

        Digest digest = builder.build(reader, day, map, Set.of());

        assertThat(digest.sections()).extracting(Digest.Section::heading).containsExactly("EU immigration");
        assertThat(digest.articles()).extracting(Article::id).containsExactly("both");
        assertThat(digest.sections().get(0).entries().get(0).reason()).isEqualTo("About EU immigration");
    }

    @Test
    void sectionsFollowTheOrderInWhichTheReaderFollowedThingsWhateverTheMapOrder() {
        Follow query = queryFollow(reader, "f-query", "Lukashenko AND border", Instant.parse("2021-04-01T00:00:00Z"));
        Follow sameTimeB = conceptFollow(reader, "f-b", "place/greece", "Greece", Instant.parse("2021-05-01T00:00:00Z"));
        Follow sameTimeA = conceptFollow(reader, "f-a", "place/poland", "Poland", Instant.parse("2021-05-01T00:00:00Z"));
        List<Map.Entry<Article, List<FollowMatch>>> pairs = List.of(
                Map.entry(article("q").build(), List.of(matchOf(query))),
                Map.entry(article("b").about("place/belarus", "Belarus", 0.9).build(), List.of(matchOf(belarus))),
                Map.entry(article("g").about("place/greece", "Greece", 0.9).build(), List.of(matchOf(sameTimeB))),
                Map.entry(article("p").about("place/poland", "Poland", 0.9).build(), List.of(matchOf(sameTimeA))),
                Map.entry(article("i").about("topic/eu-immigration", "EU immigration", 0.9).build(), List.of(matchOf(immigration))));
        Random random = new Random(42);

        for (int round = 0; round < 5; round++) {
            List<Map.Entry<Article, List<FollowMatch>>> shuffled = new ArrayList<>(pairs);
            Collections.shuffle(shuffled, random);
            Map<Article, List<FollowMatch>> map = new LinkedHashMap<>();
            shuffled.forEach(e -> map.put(e.getKey(), e.getValue()));

            Digest digest = builder.build(reader, day, map, Set.of());

            assertThat(digest.sections()).extracting(Digest.Section::heading)
                    .containsExactly("EU immigration", "Belarus", "Lukashenko AND border", "Poland", "Greece");
        }
    }

    @Test
    void entriesAreRankedByRelevanceThenRecencyThenStorySize() {
        Article central = article("central").at("2021-08-10T06:00:00Z").about("place/belarus", "Belarus", 0.95).build();
        Article recent = article("recent").at("2021-08-10T20:00:00Z").about("place/belarus", "Belarus", 0.6).build();
        Article earlier = article("earlier").at("2021-08-10T10:00:00Z").about("place/belarus", "Belarus", 0.6).build();
        Article bigStory = article("big").story("big").at("2021-08-10T10:00:00Z").about("place/belarus", "Belarus", 0.6).build();
        Article bigStoryEcho = article("big-echo").story("big").at("2021-08-10T09:00:00Z").mentions("place/belarus", "Belarus", 0.2).build();

        Digest digest = builder.build(reader, day, matches(belarus, earlier, bigStoryEcho, recent, bigStory, central), Set.of());

        assertThat(digest.sections().get(0).entries()).extracting(e -> e.article().id())
                .containsExactly("central", "recent", "big", "earlier");
    }

    @Test
    void aSectionKeepsTheTenMostRelevantStories() {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            articles.add(article("a" + i).about("place/belarus", "Belarus", 0.5 + i / 100.0).build());
        }

        Digest digest = builder.build(reader, day, matches(belarus, articles.toArray(Article[]::new)), Set.of());

        List<Digest.Entry> entries = digest.sections().get(0).entries();
        assertThat(entries).hasSize(DigestBuilder.MAX_ENTRIES);
        assertThat(entries).extracting(e -> e.article().id()).doesNotContain("a0", "a1", "a2");
        assertThat(entries.get(0).article().id()).isEqualTo("a12");
    }

    @Test
    void aDigestWithMoreNewsThanFitsKeepsTheBestOfEverySection() {
        Map<Article, List<FollowMatch>> map = new LinkedHashMap<>();
        for (int f = 0; f < 6; f++) {
            Follow follow = conceptFollow(reader, "f" + f, "topic/t" + f, "Topic " + f, Instant.parse("2021-01-01T00:00:00Z").plusSeconds(f));
            int stories = f == 5 ? 1 : 12;
            for (int a = 0; a < stories; a++) {
                map.put(article("t" + f + "-" + a).about("topic/t" + f, "Topic " + f, 0.5 + a / 100.0).build(), List.of(matchOf(follow)));
            }
        }

        Digest digest = builder.build(reader, day, map, Set.of());

        assertThat(digest.sections()).extracting(s -> s.entries().size()).containsExactly(8, 8, 8, 8, 7, 1)
                .satisfies(sizes -> assertThat(sizes.stream().mapToInt(Integer::intValue).sum())
                        .isLessThanOrEqualTo(DigestBuilder.MAX_TOTAL_ENTRIES));
        assertThat(digest.sections().get(0).entries().get(0).article().id()).isEqualTo("t0-11");
    }

    @Test
    void matchesOfAnotherReadersFollowsAreIgnored() {
        Reader other = Fixtures.reader("r2", DigestFrequency.DAILY);
        Follow theirs = conceptFollow(other, "f-theirs", "place/belarus", "Belarus", Instant.parse("2020-01-01T00:00:00Z"));
        Article article = article("a").about("place/belarus", "Belarus", 0.9).build();

        assertThat(builder.build(reader, day, matches(theirs, article), Set.of()).isEmpty()).isTrue();
    }

    private static Map<Article, List<FollowMatch>> matches(Follow follow, Article... articles) {
        Map<Article, List<FollowMatch>> map = new LinkedHashMap<>();
        for (Article a : articles) map.put(a, List.of(matchOf(follow)));
        return map;
    }

    private static List<String> ids(Digest digest) {
        return digest.sections().stream().flatMap(s -> s.entries().stream()).map(e -> e.article().id()).toList();
    }
}
