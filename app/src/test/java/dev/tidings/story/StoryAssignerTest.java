package dev.tidings.story;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Published;
import dev.tidings.model.Relevance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StoryAssignerTest {
    private static Article article(String id, String when, String text, String... about) {
        List<ConceptTag> tags = java.util.Arrays.stream(about)
                .map(c -> new ConceptTag(c, c, ConceptType.PLACE, Relevance.ABOUT, 0.9, 3)).toList();
        return new Article(id, "t " + id, Published.at(Instant.parse(when)), "en", null, null, null, text, text,
                List.of(), tags, List.of(), id, "hash-" + text.hashCode(), Instant.parse(when));
    }

    private static final String BREACH = "About 120 people broke through the border fence near the village of "
            + "Dubicze Cerkiewne overnight; border guards detained 31 of them and two guards were injured, "
            + "the interior minister said, blaming Minsk for organising the crossing.";
    private static final String BREACH_REWRITE = "Two border guards were injured overnight when about 120 people "
            + "broke through the fence near Dubicze Cerkiewne; 31 were detained, the interior minister said, "
            + "accusing Minsk of organising the crossing at the border.";
    private static final String BREACH_SYNDICATED = "Subscribe to our morning briefing. " + BREACH
            + " Photo: border fence near Bialystok. Read more from our Poland desk.";
    private static final String OTHER_INCIDENT = "Latvia extended its state of emergency on the border with Belarus "
            + "until May, saying attempts to cross the frontier had not fallen since the summer, and will build "
            + "more watchtowers along the border.";

    @Test
    void aRewriteOfTheSameEventJoinsTheStory() {
        StoryAssigner stories = new StoryAssigner();
        stories.place(article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland"));
        StoryAssigner.Placement p = stories.place(article("a2", "2026-11-10T12:00:00Z", BREACH_REWRITE, "place/poland"));
        assertThat(p.story()).isEqualTo("a1");
        assertThat(p.linked()).containsExactly("a1");
    }

    @Test
    void aSyndicatedCopyWithOtherBoilerplateIsACopyEvenMonthsLater() {
        StoryAssigner stories = new StoryAssigner();
        Article original = article("a1", "2026-08-10T06:00:00Z", BREACH, "place/poland");
        Article copy = article("a2", "2026-11-10T06:00:00Z", BREACH_SYNDICATED);
        stories.place(original);
        assertThat(stories.place(copy).story()).isEqualTo("a1");
        assertThat(StoryAssigner.explain(original, copy).verdict()).isEqualTo(StoryAssigner.Verdict.COPY);
    }

    @Test
    void anotherEventInTheSameRegionStaysApart() {
        StoryAssigner stories = new StoryAssigner();
        stories.place(article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland", "place/belarus"));
        Article other = article("a3", "2026-11-11T06:00:00Z", OTHER_INCIDENT, "place/latvia", "place/belarus");
        assertThat(stories.place(other).story()).isEqualTo("a3");
    }

    @Test
    void theSameEventRewrittenWeeksLaterIsANewStory() {
        StoryAssigner stories = new StoryAssigner();
        stories.place(article("a1", "2026-10-01T06:00:00Z", BREACH, "place/poland"));
        assertThat(stories.place(article("a2", "2026-11-10T06:00:00Z", BREACH_REWRITE, "place/poland")).story())
                .isEqualTo("a2");
    }

    @Test
    void anArticleThatLinksTwoStoriesMergesThem() {
        StoryAssigner stories = new StoryAssigner();
        String left = "Flooding closed the A9 near Inverness after the River Ness burst its banks; 40 homes evacuated.";
        String right = "Train services between Perth and Aviemore were cancelled as Storm Edda brought 90mph gusts.";
        stories.place(article("b", "2026-11-10T06:00:00Z", left));
        stories.place(article("a", "2026-11-10T07:00:00Z", right));
        StoryAssigner.Placement p = stories.place(article("c", "2026-11-10T08:00:00Z", left + " " + right));
        assertThat(p.story()).isEqualTo("a");
        assertThat(p.absorbed()).containsExactly("b");
    }

    @Test
    void anExplanationNamesTheEvidence() {
        StoryAssigner stories = new StoryAssigner();
        var why = StoryAssigner.explain(article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland"),
                article("a2", "2026-11-11T12:00:00Z", BREACH_REWRITE, "place/poland"));
        assertThat(why.verdict()).isEqualTo(StoryAssigner.Verdict.SAME_EVENT);
        assertThat(why.sharedConcepts()).containsExactly("place/poland");
        assertThat(why.summary()).startsWith("Reports of one event:").contains("1 day apart");
    }

    @Test
    void aStorySaysForEachLaterArticleWhichEarlierOneItJoinedAndWhy() {
        Article first = article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland");
        Article rewrite = article("a2", "2026-11-10T12:00:00Z", BREACH_REWRITE, "place/poland");
        Article copy = article("a4", "2026-11-12T06:00:00Z", BREACH_SYNDICATED);
        assertThat(StoryAssigner.whyJoined(List.of(copy, rewrite, first))).containsExactly(
                "\u201Ct a2\u201D joins \u201Ct a1\u201D. " + StoryAssigner.explain(rewrite, first).summary() + ".",
                "\u201Ct a4\u201D joins \u201Ct a1\u201D. " + StoryAssigner.explain(copy, first).summary() + ".");
        assertThat(StoryAssigner.explain(copy, first).summary()).startsWith("Copies of one text:");
    }

    @Test
    void theGroupsDoNotDependOnTheOrderArticlesArriveIn() {
        List<Article> all = List.of(
                article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland"),
                article("a2", "2026-11-10T12:00:00Z", BREACH_REWRITE, "place/poland"),
                article("a3", "2026-11-11T06:00:00Z", OTHER_INCIDENT, "place/latvia"),
                article("a4", "2026-11-12T06:00:00Z", BREACH_SYNDICATED),
                article("a5", "2026-11-12T09:00:00Z", OTHER_INCIDENT + " Watchtowers will be ready in spring."));
        Set<Set<String>> first = partition(all);
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            List<Article> shuffled = new ArrayList<>(all);
            Collections.shuffle(shuffled, random);
            assertThat(partition(shuffled)).isEqualTo(first);
        }
        assertThat(first).containsExactlyInAnyOrder(Set.of("a1", "a2", "a4"), Set.of("a3", "a5"));
    }

    @Test
    void anUpdatedArticleIsComparedByWhatItSaysNow() {
        StoryAssigner stories = new StoryAssigner();
        stories.place(article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland"));
        // The page at a1's address now carries another report.
        stories.refresh(article("a1", "2026-11-10T06:00:00Z", OTHER_INCIDENT, "place/latvia"));
        assertThat(stories.place(article("a2", "2026-11-10T12:00:00Z", BREACH_REWRITE, "place/poland")).story())
                .isEqualTo("a2");
        assertThat(stories.place(article("a3", "2026-11-11T06:00:00Z",
                OTHER_INCIDENT + " Watchtowers will be ready in spring.", "place/latvia")).story()).isEqualTo("a1");
    }

    @Test
    void anIndexRebuiltFromKeptSignaturesPlacesArticlesAsOneBuiltFromTheirTexts() {
        List<Article> stored = List.of(
                article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland"),
                article("a3", "2026-11-11T06:00:00Z", OTHER_INCIDENT, "place/latvia"),
                article("a6", "2026-08-10T06:00:00Z", BREACH, "place/poland"));
        StoryAssigner fromTexts = new StoryAssigner(), fromKept = new StoryAssigner();
        for (Article a : stored) {
            fromTexts.remember(a);
            assertThat(fromKept.remember(a.id(), a.story(), a.contentHash(), StoryAssigner.signature(a))).isTrue();
        }
        for (Article next : List.of(article("n1", "2026-11-10T12:00:00Z", BREACH_REWRITE, "place/poland"),
                article("n2", "2026-11-12T09:00:00Z", OTHER_INCIDENT + " Watchtowers will be ready in spring."),
                article("n3", "2026-12-24T09:00:00Z", BREACH_SYNDICATED))) {
            StoryAssigner.Placement expected = fromTexts.place(next), actual = fromKept.place(next);
            assertThat(actual.story()).as(next.id()).isEqualTo(expected.story());
            assertThat(actual.linked()).as(next.id()).isEqualTo(expected.linked());
        }
        assertThat(fromKept.size()).isEqualTo(6);
    }

    @Test
    void aKeptSignatureOfAnotherFormatIsRefusedSoTheArticleIsReadInstead() {
        StoryAssigner stories = new StoryAssigner();
        assertThat(stories.remember("a1", "a1", "hash", new byte[] {9, 9, 9})).isFalse();
        assertThat(stories.size()).isZero();
    }

    @Test
    void aServerFollowsAMergeAnotherProcessMade() {
        String left = "Flooding closed the A9 near Inverness after the River Ness burst its banks; 40 homes evacuated.";
        String right = "Train services between Perth and Aviemore were cancelled as Storm Edda brought 90mph gusts.";
        StoryAssigner server = new StoryAssigner();
        server.observe(article("b", "2026-11-10T06:00:00Z", left));
        server.observe(article("a", "2026-11-10T07:00:00Z", right));
        // Another process placed c, which merged b's story into a's, and relabelled b.
        server.observe(article("c", "2026-11-10T08:00:00Z", left + " " + right).withStory("a"));
        assertThat(server.observe(article("b", "2026-11-10T06:00:00Z", left).withStory("a"))).isTrue();
        StoryAssigner.Placement d = server.place(article("d", "2026-11-10T09:00:00Z", left + " Roads reopened at noon."));
        assertThat(d.story()).isEqualTo("a");
        assertThat(d.absorbed()).as("b is in a's story already").isEmpty();
        assertThat(server.observe(article("d", "2026-11-10T09:00:00Z", left + " Roads reopened at noon.").withStory("a")))
                .as("already filed as stored").isFalse();
    }

    @Test
    void anIndexReadBackFromItsImagePlacesArticlesAsTheOriginalDoes() throws Exception {
        StoryAssigner original = new StoryAssigner();
        original.place(article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland"));
        original.place(article("a3", "2026-11-11T06:00:00Z", OTHER_INCIDENT, "place/latvia"));
        original.place(article("a6", "2026-08-10T06:00:00Z", BREACH, "place/poland"));
        // Enough further articles that the band tables take a second generation.
        for (int i = 0; i < 40; i++) {
            original.place(article("f" + i, "2026-10-01T06:00:00Z", "Filler report number " + i + " about the harbour "
                    + "at Gdynia and ferry " + (i * 7) + " to Karlskrona, delayed by " + (i % 5) + " hours."));
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        original.writeTo(java.nio.channels.Channels.newChannel(bytes), new byte[] {4, 2});
        byte[] image = bytes.toByteArray();
        StoryAssigner.Restored read = StoryAssigner.readFrom(java.nio.channels.Channels.newChannel(
                new java.io.ByteArrayInputStream(image)), image.length);
        assertThat(read.note()).containsExactly(4, 2);
        StoryAssigner copy = read.stories();
        assertThat(copy.size()).isEqualTo(original.size());
        for (Article next : List.of(article("n1", "2026-11-10T12:00:00Z", BREACH_REWRITE, "place/poland"),
                article("n2", "2026-11-12T09:00:00Z", OTHER_INCIDENT + " Watchtowers will be ready in spring."),
                article("n3", "2026-12-24T09:00:00Z", BREACH_SYNDICATED),
                article("n4", "2026-10-01T08:00:00Z", "Filler report number 3 about the harbour at Gdynia and ferry 21 "
                        + "to Karlskrona, delayed by 3 hours."))) {
            StoryAssigner.Placement expected = original.place(next), actual = copy.place(next);
            assertThat(actual.story()).as(next.id()).isEqualTo(expected.story());
            assertThat(actual.linked()).as(next.id()).isEqualTo(expected.linked());
            assertThat(actual.absorbed()).as(next.id()).isEqualTo(expected.absorbed());
        }
        assertThat(copy.observe(article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland").withStory("a1")))
                .as("a known article is known by id").isFalse();
    }

    @Test
    void aDamagedOrCutImageIsRefused() throws Exception {
        StoryAssigner original = new StoryAssigner();
        original.place(article("a1", "2026-11-10T06:00:00Z", BREACH, "place/poland"));
        original.place(article("a3", "2026-11-11T06:00:00Z", OTHER_INCIDENT, "place/latvia"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        original.writeTo(java.nio.channels.Channels.newChannel(bytes), new byte[0]);
        byte[] image = bytes.toByteArray();
        Random random = new Random(5);
        for (int i = 0; i < 50; i++) {
            byte[] damaged = image.clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoryAssigner.readFrom(
                    java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(damaged)), damaged.length))
                    .isInstanceOf(java.io.IOException.class);
        }
        byte[] cut = java.util.Arrays.copyOf(image, image.length - 100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoryAssigner.readFrom(
                java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(cut)), cut.length))
                .isInstanceOf(java.io.IOException.class);
    }

    private static Set<Set<String>> partition(List<Article> order) {
        StoryAssigner stories = new StoryAssigner();
        Map<String, String> storyOf = new HashMap<>();
        for (Article a : order) {
            StoryAssigner.Placement p = stories.place(a);
            storyOf.replaceAll((id, s) -> p.absorbed().contains(s) ? p.story() : s);
            storyOf.put(a.id(), p.story());
        }
        Map<String, Set<String>> groups = new HashMap<>();
        storyOf.forEach((id, s) -> groups.computeIfAbsent(s, k -> new HashSet<>()).add(id));
        return new HashSet<>(groups.values());
    }
}
