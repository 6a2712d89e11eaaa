package dev.tidings.match;

import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FollowMatcherTest {
    static final Instant CREATED = Instant.parse("2021-08-01T00:00:00Z");

    @Test
    void aConceptFollowSaysWhetherTheArticleIsAboutOrMentionsTheConcept() {
        Follow belarus = concept("f1", "place/belarus", "Belarus", false);
        FollowMatcher matcher = new FollowMatcher(List.of(belarus));

        assertThat(matcher.match(Articles.named("belarus-border")))
                .containsExactly(new FollowMatch(belarus, "About Belarus"));
        assertThat(matcher.match(Articles.named("asylum-vote")))
                .containsExactly(new FollowMatch(belarus, "Mentions Belarus"));
        assertThat(matcher.match(Articles.named("football"))).isEmpty();
    }

    @Test
    void anAboutOnlyFollowIgnoresPassingMentions() {
        Follow belarus = concept("f1", "place/belarus", "Belarus", true);
        FollowMatcher matcher = new FollowMatcher(List.of(belarus));

        assertThat(matcher.match(Articles.named("belarus-border"))).extracting(FollowMatch::follow).containsExactly(belarus);
        assertThat(matcher.match(Articles.named("asylum-vote"))).isEmpty();
    }

    @Test
    void aSavedSearchNamesTheWordsThatWereFound() {
        Follow search = query("f1", "Lukashenko AND (border OR asylum)");
        FollowMatcher matcher = new FollowMatcher(List.of(search));

        assertThat(matcher.match(Articles.named("belarus-border"))).containsExactly(
                new FollowMatch(search, "Matches \u201cLukashenko AND (border OR asylum)\u201d: Lukashenko, border"));
        assertThat(matcher.match(Articles.named("asylum-vote"))).isEmpty();
    }

    @Test
    void matchesComeInTheOrderOfTheFollows() {
        Follow migrants = query("f1", "migrants");
        Follow immigration = concept("f2", "topic/eu-immigration", "EU immigration", false);
        Follow lukashenko = concept("f3", "person/alexander-lukashenko", "Alexander Lukashenko", false);
        Follow sport = query("f4", "derby");
        Follow belarus = concept("f5", "place/belarus", "Belarus", false);
        FollowMatcher matcher = new FollowMatcher(List.of(migrants, immigration, lukashenko, sport, belarus));

        assertThat(matcher.match(Articles.named("belarus-border")))
                .extracting(m -> m.follow().id(), FollowMatch::reason)
                .containsExactly(
                        tuple("f1", "Matches \u201cmigrants\u201d: migrants"),
                        tuple("f2", "Mentions EU immigration"),
                        tuple("f3", "About Alexander Lukashenko"),
                        tuple("f5", "About Belarus"));
    }

    @Test
    void followsOfSeveralReadersFireIndependently() {
        Follow ann = new Follow("f1", "ann", Follow.Kind.CONCEPT, "place/belarus", "Belarus", false, true, CREATED);
        Follow bob = new Follow("f2", "bob", Follow.Kind.CONCEPT, "place/belarus", "Belarus", true, false, CREATED);
        FollowMatcher matcher = new FollowMatcher(List.of(ann, bob));

        assertThat(matcher.match(Articles.named("asylum-vote"))).extracting(FollowMatch::follow).containsExactly(bob);
        assertThat(matcher.match(Articles.named("belarus-border"))).extracting(FollowMatch::follow).containsExactly(ann, bob);
    }

    @Test
    void aSavedSearchThatNoLongerParsesIsSkippedAndTheOthersStillWork() {
        Follow broken = query("f1", "Lukashenko AND");
        Follow fine = query("f2", "border");
        FollowMatcher matcher = new FollowMatcher(List.of(broken, fine));

        assertThat(matcher.match(Articles.named("belarus-border"))).extracting(FollowMatch::follow).containsExactly(fine);
    }

    @Test
    void aFollowAddedLaterMatchesFromTheNextArticleOn() {
        FollowMatcher matcher = new FollowMatcher(List.of(query("f1", "derby")));
        Follow added = query("f2", "migrants");

        matcher.put(added);

        assertThat(matcher.match(Articles.named("belarus-border"))).containsExactly(
                new FollowMatch(added, "Matches \u201cmigrants\u201d: migrants"));
    }

    @Test
    void aRemovedFollowNoLongerMatchesWhileAnotherReaderSavingTheSameSearchStillDoes() {
        Follow ann = query("f1", "migrants");
        Follow bob = new Follow("f2", "bob", Follow.Kind.QUERY, "migrants", "migrants", true, false, CREATED);
        Follow belarus = concept("f3", "place/belarus", "Belarus", false);
        FollowMatcher matcher = new FollowMatcher(List.of(ann, bob, belarus));

        assertThat(matcher.remove("f1")).isTrue();
        assertThat(matcher.remove("f3")).isTrue();
        assertThat(matcher.remove("f3")).isFalse();

        assertThat(matcher.match(Articles.named("belarus-border"))).extracting(FollowMatch::follow).containsExactly(bob);
        matcher.remove("f2");
        assertThat(matcher.match(Articles.named("belarus-border"))).isEmpty();
        assertThat(matcher.size()).isZero();
    }

    @Test
    void aChangedFollowMatchesByItsNewSearchAndKeepsItsPlace() {
        Follow first = query("f1", "migrants");
        Follow second = query("f2", "border");
        FollowMatcher matcher = new FollowMatcher(List.of(first, second));

        Follow changed = query("f1", "Lukashenko");
        matcher.put(changed);

        assertThat(matcher.match(Articles.named("belarus-border")))
                .extracting(m -> m.follow().id(), FollowMatch::reason)
                .containsExactly(tuple("f1", "Matches \u201cLukashenko\u201d: Lukashenko"),
                        tuple("f2", "Matches \u201cborder\u201d: border"));
        assertThat(matcher.match(Articles.named("asylum-vote"))).isEmpty();
    }

    @Test
    void syncAppliesOnlyTheDifferenceToTheIndex() {
        Follow keep = query("f1", "border");
        Follow drop = concept("f2", "place/belarus", "Belarus", false);
        Follow change = concept("f3", "topic/eu-immigration", "EU immigration", false);
        FollowMatcher matcher = new FollowMatcher(List.of(keep, drop, change));

        Follow changed = concept("f3", "topic/eu-immigration", "EU immigration", true);
        Follow added = query("f4", "asylum");
        int changes = matcher.sync(List.of(keep, changed, added));

        assertThat(changes).isEqualTo(3);
        assertThat(matcher.sync(List.of(keep, changed, added))).isZero();
        assertThat(matcher.match(Articles.named("belarus-border"))).extracting(FollowMatch::follow)
                .containsExactly(keep);
        assertThat(matcher.match(Articles.named("asylum-vote"))).extracting(FollowMatch::follow)
                .containsExactly(changed, added);
    }

    @Test
    void theSameMatchesComeFromLuceneMonitorBehindTheFollows() {
        List<Follow> follows = List.of(query("f1", "Lukashenko AND (border OR asylum)"),
                concept("f2", "place/belarus", "Belarus", false), query("f3", "\"European Parliament\" -fence"));
        FollowMatcher ours = new FollowMatcher(follows);
        FollowMatcher reference = new FollowMatcher(follows, new MonitorMatcher());

        for (String name : Articles.BY_NAME.keySet()) {
            assertThat(ours.match(Articles.named(name))).as(name).isEqualTo(reference.match(Articles.named(name)));
        }
    }

    static Follow concept(String id, String conceptId, String label, boolean aboutOnly) {
        return new Follow(id, "ann", Follow.Kind.CONCEPT, conceptId, label, false, aboutOnly, CREATED);
    }

    static Follow query(String id, String text) {
        return new Follow(id, "ann", Follow.Kind.QUERY, text, text, false, false, CREATED);
    }
}
