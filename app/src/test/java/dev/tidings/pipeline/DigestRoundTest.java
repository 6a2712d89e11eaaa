package dev.tidings.pipeline;

import dev.tidings.model.Digest;
import dev.tidings.model.Follow;
import dev.tidings.model.Mute;
import dev.tidings.model.Reader;
import dev.tidings.store.MuteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round of digests ({@link DigestDispatcher#runAll}) matches the period's articles once for all its readers;
 * each reader must still get exactly the digest a run of their own gives, with their own follows, mutes and
 * history, and a round run twice sends nothing the second time.
 */
class DigestRoundTest {
    @TempDir
    Path dir;
    Harness h;
    Reader ann;
    Reader bob;
    Reader cho;
    Instant at;

    @BeforeEach
    void open() {
        h = new Harness(dir, Instant.parse("2021-08-11T10:00:00Z"));
        ann = h.reader("ann", "Europe/London");
        bob = h.reader("bob", "Europe/London");
        cho = h.reader("cho", "Australia/Sydney");
        h.follow(ann, "place/belarus", "Belarus", false);
        h.follow(bob, "place/belarus", "Belarus", false);
        h.follow(bob, "place/poland", "Poland", false);
        h.follow(cho, "place/poland", "Poland", false);
        h.follows.put(new Follow("f-ann-search", "ann", Follow.Kind.QUERY, "Courier AND fence", "Courier AND fence",
                false, false, h.clock.instant().plusSeconds(1)));
        new MuteStore(h.db).put(new Mute("bob", Mute.Kind.CONCEPT, "topic/sport", "Sport"));

        h.article("a1").story("s1").store();
        h.article("a2").story("s1").published(h.clock.instant().minus(Duration.ofHours(3))).store();
        h.article("a3").story("s3").about("place/poland", "Poland").store();
        h.article("a4").story("s4").about("place/poland", "Poland").about("topic/sport", "Sport").store();
        h.article("a5").story("s5").published(h.clock.instant().minus(Duration.ofDays(3))).store(); // before the period
        at = h.clock.instant().plus(Duration.ofHours(1));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private List<DigestDispatcher.Due> due() {
        // cho is due half an hour earlier: a period of their own in the same round
        return List.of(new DigestDispatcher.Due(ann, at), new DigestDispatcher.Due(bob, at),
                new DigestDispatcher.Due(cho, at.minus(Duration.ofMinutes(30))));
    }

    @Test
    void aRoundGivesEveryReaderTheDigestTheirOwnRunWouldGive() throws Exception {
        List<Digest> alone = new ArrayList<>();
        for (DigestDispatcher.Due d : due()) alone.add(h.digests.run(d.reader(), d.at(), true).digest());

        List<DigestDispatcher.Run> round = h.digests.runAll(due(), true);

        assertThat(round).extracting(r -> r.result().digest()).containsExactlyElementsOf(alone);
        // the preview groups its candidates by itself (DigestBuilder.compose), a round by the period's story order
        for (DigestDispatcher.Due d : due()) {
            assertThat(h.digests.preview(d.reader(), d.at())).isIn(alone);
        }
        // every article of the harness is about Belarus
        assertThat(alone.get(0).articles()).extracting(a -> a.id()).containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
        assertThat(alone.get(1).articles()).extracting(a -> a.id()).as("bob muted sport")
                .containsExactlyInAnyOrder("a1", "a2", "a3");
        assertThat(alone.get(2).articles()).extracting(a -> a.id()).containsExactlyInAnyOrder("a3", "a4");
    }

    @Test
    void aRoundSendsEachDigestOnceAndASecondRoundSendsNothing() {
        List<DigestDispatcher.Run> first = h.digests.runAll(due(), false);
        assertThat(first).allSatisfy(r -> assertThat(r.failed()).isFalse())
                .extracting(r -> r.result().status()).containsOnly(DigestDispatcher.Status.SENT);
        assertThat(first).allSatisfy(r -> assertThat(r.result().mime()).as("a round keeps no messages").isNull());
        assertThat(h.mail()).hasSize(3);

        List<DigestDispatcher.Run> second = h.digests.runAll(due(), false);
        assertThat(second).extracting(r -> r.result().status()).containsOnly(DigestDispatcher.Status.ALREADY_SENT);
        assertThat(h.mail()).hasSize(3);
        assertThat(h.deliveries.recentRuns(10)).hasSize(3);
    }

    @Test
    void anArticleAlreadySentToOneReaderStillGoesToTheOthers() {
        h.deliveries.enqueue("<alert.ann.s3@news.example.org>", "ann", ann.email(), "alert", new byte[] {'x'},
                List.of("a1", "a2"), java.util.Collections.max(List.of(h.articles.byId("a1").orElseThrow().ingestedAt(),
                        h.articles.byId("a2").orElseThrow().ingestedAt())));

        List<DigestDispatcher.Run> round = h.digests.runAll(due(), true);

        assertThat(round.get(0).result().digest().articles()).extracting(a -> a.id()).containsExactlyInAnyOrder("a3", "a4");
        assertThat(round.get(1).result().digest().articles()).extracting(a -> a.id()).contains("a1", "a2");
    }

    @Test
    void aReaderAlreadySentPartOfAStoryGetsTheRestAsTheirOwnRankingGivesIt() {
        // as yesterday's digest carries what was published in today's grace: one article of story s1 of two
        h.deliveries.enqueue("<digest.ann.yesterday@news.example.org>", "ann", ann.email(), "digest",
                new byte[] {'x'}, List.of("a2"), h.articles.byId("a2").orElseThrow().ingestedAt());

        List<DigestDispatcher.Run> round = h.digests.runAll(due(), true);

        Digest digest = round.get(0).result().digest();
        assertThat(digest).as("the round, by the shared ranking, equals the builder's own ranking")
                .isEqualTo(h.digests.preview(ann, at));
        assertThat(digest.articles()).extracting(a -> a.id()).containsExactlyInAnyOrder("a1", "a3", "a4");
    }
}
