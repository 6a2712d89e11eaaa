package dev.tidings.store;

import dev.tidings.testing.MutableClock;
import dev.tidings.model.Article;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Follow;
import dev.tidings.model.Published;
import dev.tidings.model.Reader;
import dev.tidings.model.Relevance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.tidings.store.Articles.at;
import static dev.tidings.store.Articles.tag;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every database behind the stores must do. Each subclass opens a fresh, empty, migrated database
 * per test and gets rid of it afterwards.
 */
abstract class StoreContract {
    static final Instant T0 = Instant.parse("2021-08-10T00:00:00Z");

    Database db;
    ArticleStore articles;
    ReaderStore readers;
    FollowStore follows;
    DeliveryStore delivery;
    FailureLog failures;
    MuteStore mutes;
    MutableClock clock = new MutableClock(Instant.parse("2021-08-11T07:00:00Z"));

    /** A fresh, empty database. */
    abstract Database openFresh() throws Exception;

    /** Closes and throws away what {@link #openFresh} made. */
    abstract void dispose() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openFresh();
        articles = new ArticleStore(db);
        readers = new ReaderStore(db);
        follows = new FollowStore(db);
        delivery = new DeliveryStore(db, clock);
        failures = new FailureLog(db, clock);
        mutes = new MuteStore(db);
    }

    @AfterEach
    void close() throws Exception {
        dispose();
    }

    // ---- articles

    @Test
    void aFullArticleReadsBackEqual() {
        Article article = Articles.full("a1");
        articles.save(article);

        assertThat(articles.byId("a1")).contains(article);
        assertThat(articles.byContentHash("hash-a1")).contains(article);
        assertThat(articles.byId("missing")).isEmpty();
        assertThat(articles.byContentHash("missing")).isEmpty();
    }

    @Test
    void savingTellsWhetherTheArticleWasNewChangedOrTheSame() {
        Article article = Articles.full("a1");

        assertThat(articles.save(article)).isEqualTo(ArticleStore.SaveOutcome.INSERTED);
        assertThat(articles.save(article)).isEqualTo(ArticleStore.SaveOutcome.UNCHANGED);
        Article moved = article.withStory("another-story");
        assertThat(articles.save(moved)).isEqualTo(ArticleStore.SaveOutcome.UPDATED);

        assertThat(articles.count()).isEqualTo(1);
        assertThat(articles.byId("a1")).contains(moved);
        assertThat(articles.ofStory("another-story")).containsExactly(moved);
        assertThat(articles.ofStory(article.story())).isEmpty();
    }

    @Test
    void aChangedArticleComesAfterTheOthersInSequence() {
        Article a = at("a", Published.at(T0));
        Article b = at("b", Published.at(T0));
        articles.save(a);
        articles.save(b);
        List<ArticleStore.Sequenced> first = articles.after(0, 10);
        assertThat(first).extracting(s -> s.article().id()).containsExactly("a", "b");
        assertThat(first.get(0).seq()).isLessThan(first.get(1).seq());

        articles.save(a.withStory("changed"));
        List<ArticleStore.Sequenced> next = articles.after(first.get(1).seq(), 10);
        assertThat(next).extracting(s -> s.article().story()).containsExactly("changed");
        assertThat(articles.after(0, 1)).extracting(s -> s.article().id()).containsExactly("b");
    }

    @Test
    void aWholeDayOverlapsAPeriodThatStartsInTheMiddleOfIt() {
        articles.save(at("day", Published.on(LocalDate.of(2021, 8, 10))));
        articles.save(at("morning", Published.at(Instant.parse("2021-08-10T09:00:00Z"))));
        articles.save(at("evening", Published.at(Instant.parse("2021-08-10T19:00:00Z"))));
        articles.save(at("next-day", Published.on(LocalDate.of(2021, 8, 11))));

        // a daily digest at 18:00 UTC: [Aug 9 18:00, Aug 10 18:00)
        Instant from = Instant.parse("2021-08-09T18:00:00Z");
        Instant to = Instant.parse("2021-08-10T18:00:00Z");
        assertThat(articles.overlapping(from, to)).extracting(Article::id).containsExactly("day", "morning");

        // the next period still holds the whole day, and the evening article
        assertThat(articles.overlapping(to, to.plusSeconds(86_400))).extracting(Article::id)
                .containsExactly("day", "evening", "next-day");
    }

    @Test
    void overlappingIsHalfOpenAndUsesTheIngestTimeWhenThereIsNoDate() {
        articles.save(at("at-start", Published.at(T0)));
        articles.save(at("at-end", Published.at(T0.plusSeconds(3600))));
        articles.save(at("undated", null));   // ingested 2021-08-11T06:00Z

        assertThat(articles.overlapping(T0, T0.plusSeconds(3600))).extracting(Article::id).containsExactly("at-start");
        assertThat(articles.overlapping(Instant.parse("2021-08-11T00:00:00Z"), Instant.parse("2021-08-12T00:00:00Z")))
                .extracting(Article::id).containsExactly("undated");
    }

    @Test
    void articlesAboutAConceptComeBeforeThoseThatMentionIt() {
        articles.save(at("old-about", Published.at(T0), tag("place/belarus", Relevance.ABOUT)));
        articles.save(at("new-mention", Published.at(T0.plusSeconds(7200)), tag("place/belarus", Relevance.MENTIONS)));
        articles.save(at("new-about", Published.at(T0.plusSeconds(3600)), tag("place/belarus", Relevance.ABOUT)));
        articles.save(at("other", Published.at(T0.plusSeconds(9000)), tag("place/poland", Relevance.ABOUT)));

        assertThat(articles.withConcept("place/belarus", 10)).extracting(Article::id)
                .containsExactly("new-about", "old-about", "new-mention");
        assertThat(articles.withConcept("place/belarus", 1)).extracting(Article::id).containsExactly("new-about");
        assertThat(articles.withConcept("place/nowhere", 10)).isEmpty();
    }

    @Test
    void latestIsNewestFirstAndPages() {
        articles.save(at("b", Published.at(T0.plusSeconds(60))));
        articles.save(at("a", Published.at(T0)));
        articles.save(at("c", Published.at(T0.plusSeconds(120))));

        assertThat(articles.latest(2, 0)).extracting(Article::id).containsExactly("c", "b");
        assertThat(articles.latest(2, 2)).extracting(Article::id).containsExactly("a");
        assertThat(articles.count()).isEqualTo(3);
    }

    @Test
    void aStoryListsItsArticlesOldestFirst() {
        articles.save(at("late", Published.at(T0.plusSeconds(60))).withStory("s"));
        articles.save(at("early", Published.at(T0)).withStory("s"));
        articles.save(at("elsewhere", Published.at(T0)));

        assertThat(articles.ofStory("s")).extracting(Article::id).containsExactly("early", "late");
    }

    // ---- readers and follows

    @Test
    void anEmailCanBelongToOneReaderOnly() {
        assertThat(readers.add(reader("r1", "Ann@Example.org"))).map(Reader::email).contains("ann@example.org");
        assertThat(readers.add(reader("r2", "ann@example.ORG"))).isEmpty();

        assertThat(readers.byEmail("ANN@example.org")).map(Reader::id).contains("r1");
        assertThat(readers.all()).extracting(Reader::id).containsExactly("r1");
    }

    @Test
    void aReaderReadsBackAsUpdated() {
        Reader ann = readers.add(reader("r1", "ann@example.org")).orElseThrow();
        Reader changed = new Reader("r1", "ann@example.org", ZoneId.of("Europe/Vilnius"), LocalTime.of(18, 30),
                DigestFrequency.WEEKLY, DayOfWeek.FRIDAY, true, ann.createdAt());
        readers.update(changed);

        assertThat(readers.byId("r1")).contains(changed);
        assertThat(readers.byId("nobody")).isEmpty();
    }

    @Test
    void erasingAReaderRemovesTheirFollowsDigestsAndSentItems() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        follows.put(follow("f1", "r1", "place/belarus"));
        follows.put(follow("f2", "r2", "place/belarus"));
        delivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<d1@x>", List.of("a1"), T0, "ann@example.org", mime("one"));
        delivery.claimDigest("r2", T0, T0.plusSeconds(86_400), "<d2@x>", List.of("a1"), T0, "bob@example.org", mime("two"));
        long before = follows.version();

        assertThat(readers.erase("r1")).isTrue();

        assertThat(readers.byId("r1")).isEmpty();
        assertThat(readers.byEmail("ann@example.org")).isEmpty();
        assertThat(follows.ofReader("r1")).isEmpty();
        assertThat(delivery.sentArticleIds("r1")).isEmpty();
        assertThat(delivery.recentRuns(10)).extracting(DeliveryStore.DigestRun::readerId).containsExactly("r2");
        assertThat(delivery.recentOutbox(10)).extracting(DeliveryStore.OutboxItem::recipient).containsExactly("bob@example.org");
        assertThat(follows.ofReader("r2")).hasSize(1);
        assertThat(delivery.sentArticleIds("r2")).containsExactly("a1");
        assertThat(follows.version()).isNotEqualTo(before);
        assertThat(readers.erase("r1")).isFalse();
    }

    @Test
    void aReadersMutesAreKeptOnceListedAndErasedWithThem() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        mutes.put(new dev.tidings.model.Mute("r1", dev.tidings.model.Mute.Kind.SOURCE, "Daily Rumour", "Daily Rumour"));
        mutes.put(new dev.tidings.model.Mute("r1", dev.tidings.model.Mute.Kind.CONCEPT, "place/canada", "Canada"));
        mutes.put(new dev.tidings.model.Mute("r1", dev.tidings.model.Mute.Kind.CONCEPT, "place/canada", "Canada"));
        mutes.put(new dev.tidings.model.Mute("r2", dev.tidings.model.Mute.Kind.CONCEPT, "place/chile", "Chile"));

        assertThat(mutes.ofReader("r1")).extracting(dev.tidings.model.Mute::target)
                .containsExactly("place/canada", "Daily Rumour");
        assertThat(mutes.remove("r1", dev.tidings.model.Mute.Kind.CONCEPT, "place/canada")).isTrue();
        assertThat(mutes.remove("r1", dev.tidings.model.Mute.Kind.CONCEPT, "place/canada")).isFalse();
        assertThat(readers.erase("r1")).isTrue();
        assertThat(mutes.ofReader("r1")).isEmpty();
        assertThat(mutes.ofReader("r2")).hasSize(1);
    }

    @Test
    void followingTheSameTargetAgainReplacesTheFollowInItsPlace() {
        readers.add(reader("r1", "ann@example.org"));
        follows.put(follow("f1", "r1", "place/belarus"));
        follows.put(follow("f2", "r1", "Lukashenko AND border"));
        Follow instant = new Follow("f3", "r1", Follow.Kind.CONCEPT, "place/belarus", "Belarus", true, true,
                T0.plusSeconds(60));
        follows.put(instant);

        assertThat(follows.ofReader("r1")).extracting(Follow::id).containsExactly("f3", "f2");
        assertThat(follows.ofReader("r1").get(0)).isEqualTo(instant);
        assertThat(follows.all()).hasSize(2);
    }

    @Test
    void theFollowVersionChangesWithEveryChange() {
        readers.add(reader("r1", "ann@example.org"));
        long v0 = follows.version();
        follows.put(follow("f1", "r1", "place/belarus"));
        long v1 = follows.version();
        follows.put(follow("f1", "r1", "place/belarus"));
        long v2 = follows.version();
        assertThat(follows.remove("r1", "place/belarus")).isTrue();
        long v3 = follows.version();

        assertThat(List.of(v0, v1, v2, v3)).doesNotHaveDuplicates();
        assertThat(follows.remove("r1", "place/belarus")).isFalse();
        assertThat(follows.version()).isEqualTo(v3);
        assertThat(follows.ofReader("r1")).isEmpty();
    }

    @Test
    void theChangeFeedNamesWhatChangedSinceAVersionSoAnIndexCanCatchUp() {
        readers.add(reader("r1", "ann@example.org"));
        long v0 = follows.snapshot().version();
        follows.put(follow("f1", "r1", "place/belarus"));
        follows.put(follow("f2", "r1", "Lukashenko AND border"));

        FollowStore.Changes first = follows.changesSince(v0).orElseThrow();
        assertThat(first.current()).extracting(Follow::id).containsExactlyInAnyOrder("f1", "f2");
        assertThat(first.removed()).isEmpty();
        assertThat(first.version()).isEqualTo(follows.version());

        Follow replacing = new Follow("f3", "r1", Follow.Kind.CONCEPT, "place/belarus", "Belarus", true, true, T0);
        follows.put(replacing);
        follows.remove("r1", "Lukashenko AND border");

        FollowStore.Changes second = follows.changesSince(first.version()).orElseThrow();
        assertThat(second.current()).containsExactly(replacing);
        assertThat(second.removed()).containsExactlyInAnyOrder("f1", "f2");
        assertThat(follows.changesSince(second.version()).orElseThrow().current()).isEmpty();
    }

    @Test
    void erasingAReaderNamesTheirFollowsAsRemovedInTheChangeFeed() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        follows.put(follow("f1", "r1", "place/belarus"));
        follows.put(follow("f2", "r2", "place/belarus"));
        long before = follows.version();

        readers.erase("r1");

        FollowStore.Changes changes = follows.changesSince(before).orElseThrow();
        assertThat(changes.removed()).containsExactly("f1");
        assertThat(changes.current()).isEmpty();
        assertThat(follows.snapshot().follows()).extracting(Follow::id).containsExactly("f2");
    }

    @Test
    void aChangeTheFeedDidNotRecordSendsTheIndexBackToTheSnapshot() {
        readers.add(reader("r1", "ann@example.org"));
        follows.put(follow("f1", "r1", "place/belarus"));
        long before = follows.version();

        // a version bumped without a feed entry, as a writer from before the feed existed would leave it
        db.jdbi().useTransaction(h -> Counters.next(h, Counters.FOLLOWS_VERSION));

        assertThat(follows.changesSince(before)).isEmpty();
        FollowStore.Snapshot all = follows.snapshot();
        assertThat(all.follows()).extracting(Follow::id).containsExactly("f1");
        assertThat(all.version()).isEqualTo(follows.version());
    }

    // ---- delivery

    @Test
    void aDigestIsClaimedOnlyOnce() {
        readers.add(reader("r1", "ann@example.org"));
        Instant end = T0.plusSeconds(86_400);

        assertThat(delivery.claimDigest("r1", T0, end, "<d1@x>", List.of("a1", "a2"), T0, "ann@example.org", mime("first")))
                .isTrue();
        assertThat(delivery.claimDigest("r1", T0.plusSeconds(1), end, "<d1-again@x>", List.of("a3"), T0, "ann@example.org",
                mime("second"))).isFalse();

        assertThat(delivery.recentOutbox(10)).singleElement().satisfies(item -> {
            assertThat(item.messageId()).isEqualTo("<d1@x>");
            assertThat(new String(item.mime(), StandardCharsets.UTF_8)).isEqualTo("first");
            assertThat(item.kind()).isEqualTo("digest");
            assertThat(item.sentAt()).isNull();
        });
        assertThat(delivery.sentArticleIds("r1")).containsExactlyInAnyOrder("a1", "a2");
        assertThat(delivery.recentRuns(10)).singleElement().satisfies(run -> {
            assertThat(run.periodStart()).isEqualTo(T0);
            assertThat(run.periodEnd()).isEqualTo(end);
            assertThat(run.items()).isEqualTo(2);
            assertThat(run.outcome()).isEqualTo("queued");
        });
    }

    @Test
    void twoThreadsClaimingTheSameDigestGetItOnce() throws Exception {
        readers.add(reader("r1", "ann@example.org"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int d = 1; d <= 5; d++) {
                int day = d;
                Instant end = T0.plusSeconds(86_400L * day);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    String messageId = "<d" + day + "-" + t + "@x>";
                    Callable<Boolean> claim = () -> {
                        start.await();
                        return delivery.claimDigest("r1", end.minusSeconds(86_400), end, messageId,
                                List.of("a" + day), T0, "ann@example.org", mime(messageId));
                    };
                    claims.add(pool.submit(claim));
                }
                assertThat(List.of(claims.get(0).get(), claims.get(1).get())).containsExactlyInAnyOrder(true, false);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(delivery.recentOutbox(20)).hasSize(5);
        assertThat(delivery.recentRuns(20)).hasSize(5);
    }

    @Test
    void aFailedMessageStaysPendingAndASentOneLeaves() {
        readers.add(reader("r1", "ann@example.org"));
        assertThat(delivery.enqueue("<c1@x>", "r1", "ann@example.org", "confirm", mime("confirm"))).isTrue();
        clock.advanceSeconds(1);
        delivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<d1@x>", List.of("a1"), T0, "ann@example.org", mime("digest"));

        assertThat(delivery.pending(10)).extracting(DeliveryStore.OutboxItem::messageId)
                .containsExactly("<c1@x>", "<d1@x>");

        delivery.markFailed("<c1@x>", "connection refused");
        delivery.markFailed("<c1@x>", "451 try later");
        List<DeliveryStore.OutboxItem> pending = delivery.pending(10);
        // the message that keeps failing goes to the back of the queue
        assertThat(pending).extracting(DeliveryStore.OutboxItem::messageId).containsExactly("<d1@x>", "<c1@x>");
        assertThat(pending.get(1).attempts()).isEqualTo(2);
        assertThat(pending.get(1).lastError()).isEqualTo("451 try later");

        Instant sentAt = Instant.parse("2021-08-11T07:05:00Z");
        delivery.markSent("<d1@x>", sentAt);
        assertThat(delivery.pending(10)).extracting(DeliveryStore.OutboxItem::messageId).containsExactly("<c1@x>");
        assertThat(delivery.recentOutbox(10)).filteredOn(i -> i.messageId().equals("<d1@x>"))
                .singleElement().extracting(DeliveryStore.OutboxItem::sentAt).isEqualTo(sentAt);
        assertThat(delivery.recentRuns(10)).singleElement().extracting(DeliveryStore.DigestRun::outcome).isEqualTo("sent");
    }

    @Test
    void aMessageIdIsQueuedOnceAndAnAlertMarksItsArticlesSent() {
        readers.add(reader("r1", "ann@example.org"));

        assertThat(delivery.enqueue("<a1@x>", "r1", "ann@example.org", "alert", mime("alert"), List.of("a7"), T0)).isTrue();
        assertThat(delivery.enqueue("<a1@x>", "r1", "ann@example.org", "alert", mime("again"), List.of("a8"), T0)).isFalse();

        assertThat(delivery.sentArticleIds("r1")).containsExactly("a7");
        assertThat(delivery.recentOutbox(10)).singleElement()
                .satisfies(i -> assertThat(new String(i.mime(), StandardCharsets.UTF_8)).isEqualTo("alert"));
    }

    @Test
    void sentAmongReadsTheListsWhoseNewestArticleIsAtOrAfterTheBoundAndKeepsOnlyTheIdsAsked() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        // ids alike in their first characters, and one that is the start of another
        delivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<d1@x>",
                List.of("article-0001", "article-0002", "article-0003"), T0, "ann@example.org", mime("one"));
        delivery.enqueue("<a1@x>", "r2", "bob@example.org", "alert", mime("alert"), List.of("article-0001"),
                T0.minusMillis(1));

        assertThat(delivery.sentAmong(List.of("article-0001", "article-0003", "article-000", "article-0009"), T0))
                .as("a list whose newest is the bound is read; one just before it is not")
                .isEqualTo(java.util.Map.of("r1", java.util.Set.of("article-0001", "article-0003")));
        assertThat(delivery.sentAmong(List.of("article-0001"), T0.minusMillis(1)))
                .isEqualTo(java.util.Map.of("r1", java.util.Set.of("article-0001"),
                        "r2", java.util.Set.of("article-0001")));
        assertThat(delivery.sentAmong(List.of("article-0001"), T0.plusMillis(1))).isEmpty();
        assertThat(delivery.sentAmong(List.of(), T0)).isEmpty();
    }

    @Test
    void aDigestIsKeptPackedInTheOutboxAndComesBackByteForByte() {
        readers.add(reader("r1", "ann@example.org"));
        StringBuilder html = new StringBuilder("Subject: Your digest\r\n\r\n");
        for (int i = 0; i < 400; i++) {
            html.append("<tr><td style=3D\"padding:12px 0;border-bottom:1px solid #e5e5e5\">Headline ").append(i)
                    .append("</td></tr>\r\n");
        }
        byte[] message = html.toString().getBytes(StandardCharsets.UTF_8);
        delivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<d1@x>", List.of("a1"), T0, "ann@example.org", message);

        assertThat(delivery.pending(10)).singleElement().satisfies(i -> assertThat(i.mime()).isEqualTo(message));
        String encoding = db.jdbi().withHandle(h -> h.createQuery("SELECT encoding FROM outbox_bodies")
                .mapTo(String.class).one());
        long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT length(mime) FROM outbox_bodies")
                .mapTo(Long.class).one());
        assertThat(encoding).isEqualTo(PackedMessage.ZSTD);
        assertThat(stored).isLessThan(message.length / 4L);
    }

    @Test
    void sentAmongForSomeReadersReadsOnlyTheirListsWhetherFewOrMany() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        delivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<d1@x>", List.of("a1", "a2"), T0, "ann@example.org",
                mime("digest"));
        delivery.enqueue("<b1@x>", "r2", "bob@example.org", "alert", mime("alert"), List.of("a2"), T0.plusSeconds(60));
        // more readers than are looked up one by one: the lists since the bound are read and filtered
        List<String> many = new java.util.ArrayList<>(List.of("r2"));
        for (int i = 0; many.size() <= DeliveryStore.FEW_READERS; i++) many.add("nobody-" + i);

        assertThat(delivery.sentAmong(List.of("a1", "a2"), T0, List.of("r2")))
                .isEqualTo(java.util.Map.of("r2", java.util.Set.of("a2")));
        assertThat(delivery.sentAmong(List.of("a1", "a2"), T0, many))
                .isEqualTo(java.util.Map.of("r2", java.util.Set.of("a2")));
        assertThat(delivery.sentAmong(List.of("a1", "a2"), T0, List.of("r1", "r2")))
                .isEqualTo(java.util.Map.of("r1", java.util.Set.of("a1", "a2"), "r2", java.util.Set.of("a2")));
        assertThat(delivery.sentAmong(List.of("a1"), T0.plusMillis(1), List.of("r1"))).as("the bound holds too").isEmpty();
        assertThat(delivery.sentAmong(List.of("a1", "a2"), T0, List.of())).isEmpty();
    }

    @Test
    void theArticlesSentToAReaderAreTheUnionOfItsMessagesAndGoWhenTheReaderIsErased() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        delivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<d1@x>", List.of("a1", "a2"), T0, "ann@example.org",
                mime("digest"));
        delivery.enqueue("<a1@x>", "r1", "ann@example.org", "alert", mime("alert"), List.of("a2", "a3"),
                T0.plusSeconds(60));
        delivery.enqueue("<b1@x>", "r2", "bob@example.org", "alert", mime("alert"), List.of("a3"), T0.plusSeconds(60));

        assertThat(delivery.sentArticleIds("r1")).containsExactlyInAnyOrder("a1", "a2", "a3");
        assertThat(delivery.sentAmong(List.of("a1", "a2", "a3"), T0))
                .isEqualTo(java.util.Map.of("r1", java.util.Set.of("a1", "a2", "a3"), "r2", java.util.Set.of("a3")));

        assertThat(readers.erase("r1")).isTrue();

        assertThat(delivery.sentArticleIds("r1")).isEmpty();
        assertThat(delivery.sentAmong(List.of("a1", "a2", "a3"), T0))
                .isEqualTo(java.util.Map.of("r2", java.util.Set.of("a3")));
        assertThat(delivery.sentArticleIds("r2")).containsExactly("a3");
    }

    @Test
    void anArticleIdThatCannotBeListedIsRefusedAndNothingOfTheDigestIsWritten() {
        readers.add(reader("r1", "ann@example.org"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> delivery.claimDigest("r1", T0,
                        T0.plusSeconds(86_400), "<d1@x>", List.of("a1", "a 2"), T0, "ann@example.org", mime("digest")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a 2'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> delivery.enqueue("<a1@x>", "r1", "ann@example.org",
                        "alert", mime("alert"), List.of(""), T0))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(delivery.recentRuns(10)).isEmpty();
        assertThat(delivery.recentOutbox(10)).isEmpty();
        assertThat(delivery.sentArticleIds("r1")).isEmpty();
    }

    // ---- the outbox as a queue (issue 7)

    @Test
    void aLeaseIsGrantedToOneSenderAndTheMessageIsNotDueUntilItRunsOut() {
        readers.add(reader("r1", "ann@example.org"));
        delivery.enqueue("<c1@x>", "r1", "ann@example.org", "confirm", mime("confirm"));
        DeliveryStore.OutboxItem item = delivery.due(clock.instant(), 10).get(0);

        assertThat(delivery.lease(item, clock.instant().plusSeconds(300))).isTrue();
        assertThat(delivery.lease(item, clock.instant().plusSeconds(300))).as("a second sender").isFalse();
        assertThat(delivery.due(clock.instant(), 10)).isEmpty();
        assertThat(delivery.due(clock.instant().plusSeconds(300), 10)).hasSize(1);
    }

    @Test
    void aRetryWaitsUntilItsTimeAndKeepsTheError() {
        readers.add(reader("r1", "ann@example.org"));
        delivery.enqueue("<c1@x>", "r1", "ann@example.org", "confirm", mime("confirm"));
        delivery.retryLater("<c1@x>", "451 later", clock.instant().plusSeconds(60));

        assertThat(delivery.due(clock.instant(), 10)).isEmpty();
        assertThat(delivery.due(clock.instant().plusSeconds(60), 10)).singleElement().satisfies(i -> {
            assertThat(i.attempts()).isEqualTo(1);
            assertThat(i.lastError()).isEqualTo("451 later");
            assertThat(i.status()).isEqualTo("pending");
        });
    }

    @Test
    void enoughBouncesSuppressAnAddressWhichThenGetsNothingQueued() {
        readers.add(reader("r1", "ann@example.org"));
        for (int i = 1; i <= 3; i++) delivery.enqueue("<b" + i + "@x>", "r1", "ann@example.org", "alert", mime("b"));
        delivery.enqueue("<w@x>", "r1", "ann@example.org", "alert", mime("waiting"));

        assertThat(delivery.recordBounce("<b1@x>", "ann@example.org", "550 no such user", 2)).isFalse();
        assertThat(delivery.recordBounce("<b1@x>", "ann@example.org", "550 no such user", 2))
                .as("the same message counts once").isFalse();
        assertThat(delivery.recordBounce("<b2@x>", "ann@example.org", "550 no such user", 2)).isTrue();

        assertThat(delivery.isSuppressed("ann@example.org")).isTrue();
        assertThat(delivery.pending(10)).as("what waited for the address was dropped").isEmpty();
        assertThat(delivery.recentOutbox(10)).extracting(DeliveryStore.OutboxItem::status)
                .containsExactlyInAnyOrder("bounced", "bounced", "suppressed", "suppressed");
        assertThat(delivery.enqueue("<n@x>", "r1", "ann@example.org", "alert", mime("new"))).isFalse();
        assertThat(delivery.claimDigest("r1", T0, T0.plusSeconds(86_400), "<d@x>", List.of("a1"), T0, "ann@example.org",
                mime("digest"))).isFalse();
        assertThat(delivery.recentRuns(10)).isEmpty();
    }

    @Test
    void deliveryPreferencesDefaultAndReadBackAsSaved() {
        readers.add(reader("r1", "ann@example.org"));
        assertThat(delivery.preferences("r1")).isEqualTo(dev.tidings.model.DeliveryPreferences.defaults("r1"));

        var quiet = new dev.tidings.model.DeliveryPreferences("r1", LocalTime.of(22, 0), LocalTime.of(7, 0), 3);
        delivery.savePreferences(quiet);
        assertThat(delivery.preferences("r1")).isEqualTo(quiet);
    }

    @Test
    void anAlertUpdateIsRecordedOnlyAgainstTheCountItWasBasedOn() {
        readers.add(reader("r1", "ann@example.org"));
        assertThat(delivery.enqueueAlert("<a1@x>", "r1", "ann@example.org", mime("a1"), List.of("x1"), T0, "s1",
                java.util.Set.of("place/belarus"), -1)).isTrue();
        assertThat(delivery.enqueueAlert("<a1b@x>", "r1", "ann@example.org", mime("a1"), List.of("x1"), T0, "s1",
                java.util.Set.of("place/belarus"), -1)).as("alerted already").isFalse();
        assertThat(delivery.enqueueAlert("<a2@x>", "r1", "ann@example.org", mime("a2"), List.of("x2"), T0, "s1",
                java.util.Set.of("place/belarus", "person/x"), 0)).isTrue();
        assertThat(delivery.enqueueAlert("<a2@x>", "r1", "ann@example.org", mime("a2"), List.of("x3"), T0, "s1",
                java.util.Set.of("place/belarus", "person/y"), 1)).as("the message id exists: rolled back").isFalse();

        assertThat(delivery.alerted("r1", "s1")).hasValueSatisfying(a -> {
            assertThat(a.updates()).isEqualTo(1);
            assertThat(a.seen()).containsExactlyInAnyOrder("place/belarus", "person/x");
        });
        assertThat(delivery.sentArticleIds("r1")).containsExactlyInAnyOrder("x1", "x2");
    }

    @Test
    void aBatchOfAlertsIsWrittenTogetherAndWhatCannotBeWrittenLeavesNothingBehind() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        delivery.suppress("bob@example.org", "by hand");
        var hook = List.of(new DeliveryStore.Companion("<hook.a1@x>", "h1", "webhook", mime("{}")));
        var written = delivery.writeAlerts(List.of(
                DeliveryStore.PendingAlert.queued("<a1@x>", "r1", "ann@example.org", mime("a1"), "x1", T0, "s1",
                        java.util.Set.of("c:a"), -1, hook),
                DeliveryStore.PendingAlert.queued("<a2@x>", "r1", "ann@example.org", mime("a2"), "x2", T0, "s1",
                        java.util.Set.of("c:a", "c:b"), 0, List.of()),
                DeliveryStore.PendingAlert.queued("<a3@x>", "r1", "ann@example.org", mime("a3"), "x3", T0, "s1",
                        java.util.Set.of("c:a", "c:c"), 0, List.of()),
                DeliveryStore.PendingAlert.queued("<b1@x>", "r2", "bob@example.org", mime("b1"), "x1", T0, "s1",
                        java.util.Set.of("c:a"), -1, List.of()),
                DeliveryStore.PendingAlert.held("r1", "x4", "About Belarus", "s4", java.util.Set.of("c:a"), -1)),
                clock.instant().plusSeconds(300), "me");

        assertThat(written.written()).as("a3 was based on a count the batch had moved on from; bob is suppressed")
                .containsExactly(true, true, false, false, true);
        assertThat(written.leased()).extracting(DeliveryStore.OutboxItem::messageId)
                .containsExactly("<a1@x>", "<hook.a1@x>", "<a2@x>");
        assertThat(delivery.alerted("r1", "s1")).hasValueSatisfying(a -> {
            assertThat(a.updates()).isEqualTo(1);
            assertThat(a.seen()).containsExactlyInAnyOrder("c:a", "c:b");
        });
        assertThat(delivery.alerted("r2", "s1")).as("rolled back with its message").isEmpty();
        assertThat(delivery.sentArticleIds("r1")).containsExactlyInAnyOrder("x1", "x2");
        assertThat(delivery.held("r1")).extracting(DeliveryStore.HeldAlert::articleId).containsExactly("x4");
        assertThat(delivery.due(clock.instant().plusSeconds(60), 10)).as("leased to the writer").isEmpty();
        assertThat(delivery.leaseOwners(clock.instant())).containsExactly("me");
    }

    @Test
    void heldAlertsAreReleasedTogetherInOneMessage() {
        readers.add(reader("r1", "ann@example.org"));
        assertThat(delivery.holdAlert("r1", "x1", "About Belarus", "s1", java.util.Set.of("c:a"), -1)).isTrue();
        assertThat(delivery.holdAlert("r1", "x1", "About Belarus", "s1", java.util.Set.of("c:a", "c:b"), 0))
                .as("held already: rolled back").isFalse();
        assertThat(delivery.alerted("r1", "s1")).hasValueSatisfying(a -> assertThat(a.seen()).containsExactly("c:a"));
        delivery.holdAlert("r1", "x2", "About Belarus", "s2", java.util.Set.of("c:a"), -1);
        assertThat(delivery.readersWithHeldAlerts()).containsExactly("r1");
        assertThat(delivery.held("r1")).extracting(DeliveryStore.HeldAlert::articleId).containsExactly("x1", "x2");

        assertThat(delivery.releaseHeld("<batch@x>", "r1", "ann@example.org", mime("batch"), List.of("x1", "x2"), T0,
                List.of(new DeliveryStore.Companion("<hook.batch@x>", "h1", "webhook", mime("{}"))))).isTrue();
        assertThat(delivery.held("r1")).isEmpty();
        assertThat(delivery.sentArticleIds("r1")).containsExactlyInAnyOrder("x1", "x2");
        assertThat(delivery.queuedSince("r1", "alert", T0)).isEqualTo(1);
        assertThat(delivery.pending(10)).extracting(DeliveryStore.OutboxItem::kind).containsExactlyInAnyOrder("alert", "webhook");
    }

    @Test
    void webhooksOfAReaderAndOfTheAdminAreFoundAndErasedWithTheReader() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        delivery.addWebhook(new dev.tidings.model.Webhook("h1", "r1", "https://hooks.example.org/ann", "s1", T0));
        delivery.addWebhook(new dev.tidings.model.Webhook("h0", null, "https://hooks.example.org/all", "s0", T0.plusSeconds(1)));

        assertThat(delivery.webhooksFor("r1")).extracting(dev.tidings.model.Webhook::id).containsExactly("h1", "h0");
        assertThat(delivery.webhooksFor("r2")).extracting(dev.tidings.model.Webhook::id).containsExactly("h0");
        delivery.savePreferences(new dev.tidings.model.DeliveryPreferences("r1", null, null, 2));

        readers.erase("r1");
        assertThat(delivery.webhooks()).extracting(dev.tidings.model.Webhook::id).containsExactly("h0");
        assertThat(delivery.preferences("r1").alertsPerHour()).isEqualTo(dev.tidings.model.DeliveryPreferences.DEFAULT_ALERTS_PER_HOUR);
    }

    @Test
    void failuresAreListedNewestFirst() {
        failures.record("feeds/one.xml", "ingest", "not a feed");
        clock.advanceSeconds(5);
        failures.record("<d1@x>", "deliver", "connection refused");

        assertThat(failures.recent(10)).containsExactly(
                new FailureLog.Failure(clock.instant(), "<d1@x>", "deliver", "connection refused"),
                new FailureLog.Failure(clock.instant().minusSeconds(5), "feeds/one.xml", "ingest", "not a feed"));
        assertThat(failures.recent(1)).hasSize(1);
    }

    // ---- sources

    @Test
    void aSourceIsAddedOnceByUrlDueAtOnceAndRemovedById() {
        SourceStore sources = new SourceStore(db);
        Instant now = clock.instant();

        var added = sources.add("https://news.example.org/feed", null, java.time.Duration.ofMinutes(15), false, now);
        assertThat(added).hasValueSatisfying(s -> {
            assertThat(s.id()).isPositive();
            assertThat(s.name()).isEqualTo("https://news.example.org/feed");
            assertThat(s.every()).isEqualTo(java.time.Duration.ofMinutes(15));
            assertThat(s.nextPollAt()).isEqualTo(now);
            assertThat(s.lastFetchAt()).isNull();
        });
        assertThat(sources.add("https://news.example.org/feed", null, java.time.Duration.ofMinutes(5), true, now)).isEmpty();
        var second = sources.add("http://10.0.0.5/rss", "Intranet", java.time.Duration.ofHours(1), true, now).orElseThrow();
        assertThat(second.id()).isGreaterThan(added.get().id());
        assertThat(sources.due(now)).extracting(SourceStore.Source::url)
                .containsExactly("https://news.example.org/feed", "http://10.0.0.5/rss");

        assertThat(sources.remove(added.get().id())).isTrue();
        assertThat(sources.remove(added.get().id())).isFalse();
        assertThat(sources.all()).extracting(SourceStore.Source::title).containsExactly("Intranet");
        assertThat(sources.byUrl("http://10.0.0.5/rss")).hasValueSatisfying(s -> assertThat(s.allowPrivate()).isTrue());
    }

    @Test
    void aSourceKeepsItsHealthThroughSuccessesNotModifiedAndFailures() {
        SourceStore sources = new SourceStore(db);
        Instant t = clock.instant();
        long id = sources.add("https://news.example.org/feed", null, java.time.Duration.ofMinutes(15), false, t)
                .orElseThrow().id();

        sources.recordSuccess(id, t, "\"v1\"", "Tue, 10 Aug 2021 09:00:00 GMT", "Border Watch", 3, t.plusSeconds(900));
        sources.recordFailure(id, t.plusSeconds(900), "TIMEOUT", "too slow", t.plusSeconds(2700));
        sources.recordFailure(id, t.plusSeconds(2700), "HTTP_STATUS", "answered HTTP 500", t.plusSeconds(6300));

        SourceStore.Source failing = sources.byId(id).orElseThrow();
        assertThat(failing.title()).isEqualTo("Border Watch");
        assertThat(failing.itemsTotal()).isEqualTo(3);
        assertThat(failing.failures()).isEqualTo(2);
        assertThat(failing.lastErrorKind()).isEqualTo("HTTP_STATUS");
        assertThat(failing.lastErrorMessage()).isEqualTo("answered HTTP 500");
        assertThat(failing.lastErrorAt()).isEqualTo(t.plusSeconds(2700));
        assertThat(failing.etag()).isEqualTo("\"v1\"");
        assertThat(sources.due(t.plusSeconds(6299))).isEmpty();
        assertThat(sources.due(t.plusSeconds(6300))).hasSize(1);

        sources.recordNotModified(id, t.plusSeconds(6300), t.plusSeconds(7200));
        SourceStore.Source healthy = sources.byId(id).orElseThrow();
        assertThat(healthy.failures()).isZero();
        assertThat(healthy.lastSuccessAt()).isEqualTo(t.plusSeconds(6300));
        assertThat(healthy.lastNewAt()).isEqualTo(t);
        assertThat(healthy.lastErrorKind()).isEqualTo("HTTP_STATUS");

        sources.recordSuccess(id, t.plusSeconds(7200), null, null, null, 0, t.plusSeconds(8100));
        SourceStore.Source again = sources.byId(id).orElseThrow();
        assertThat(again.title()).isEqualTo("Border Watch");
        assertThat(again.etag()).isNull();
        assertThat(again.lastNewAt()).isEqualTo(t);
    }

    // ---- taxonomy concepts added at run time

    @Test
    void aDiscoveredConceptIsStoredOnceAndAnAdminDefinitionReplacesIt() {
        ConceptStore concepts = new ConceptStore(db, clock);
        long before = concepts.version();

        assertThat(concepts.addDiscovered("person/jan-novak", "{\"id\":\"person/jan-novak\",\"label\":\"Jan Novak\"}")).isTrue();
        assertThat(concepts.addDiscovered("person/jan-novak", "{\"id\":\"person/jan-novak\",\"label\":\"J. Novak\"}")).isFalse();
        assertThat(concepts.byId("person/jan-novak")).get().extracting(ConceptStore.StoredConcept::origin, ConceptStore.StoredConcept::definition)
                .containsExactly(ConceptStore.Origin.DISCOVERED, "{\"id\":\"person/jan-novak\",\"label\":\"Jan Novak\"}");

        clock.advanceSeconds(60);
        assertThat(concepts.put("person/jan-novak", "{\"id\":\"person/jan-novak\",\"label\":\"Jan Novák\"}"))
                .isEqualTo(ConceptStore.PutOutcome.REPLACED);
        assertThat(concepts.put("organisation/acme", "{\"id\":\"organisation/acme\",\"label\":\"Acme\"}"))
                .isEqualTo(ConceptStore.PutOutcome.CREATED);
        assertThat(concepts.addDiscovered("person/jan-novak", "{}")).isFalse();

        assertThat(concepts.all()).extracting(ConceptStore.StoredConcept::id).containsExactly("person/jan-novak", "organisation/acme");
        ConceptStore.StoredConcept novak = concepts.all().get(0);
        assertThat(novak.origin()).isEqualTo(ConceptStore.Origin.ADMIN);
        assertThat(novak.definition()).contains("Jan Novák");
        assertThat(novak.updatedAt()).isEqualTo(novak.createdAt().plusSeconds(60));
        assertThat(concepts.version()).isGreaterThanOrEqualTo(before + 3);
    }

    @Test
    void aStorySignatureCountsOnlyForTheTextItWasComputedFrom() {
        StorySignatureStore signatures = new StorySignatureStore(db);
        articles.save(Articles.full("a1"));
        articles.save(Articles.full("a2"));
        signatures.save("a1", "hash-a1", new byte[] {1, 2, 3});

        List<StorySignatureStore.Row> rows = new ArrayList<>();
        signatures.forEach(rows::add);
        rows.sort(java.util.Comparator.comparing(StorySignatureStore.Row::articleId));
        assertThat(rows).extracting(StorySignatureStore.Row::articleId).containsExactly("a1", "a2");
        assertThat(rows).extracting(StorySignatureStore.Row::story).containsExactly("story-a1", "story-a2");
        assertThat(rows.get(0).signature()).containsExactly(1, 2, 3);
        assertThat(rows.get(1).signature()).isNull();

        Article a1 = articles.byId("a1").orElseThrow();
        articles.save(new Article(a1.id(), a1.title(), a1.published(), a1.language(), a1.url(), a1.source(),
                a1.author(), a1.summary(), a1.text() + " Updated.", a1.boilerplate(), a1.concepts(), a1.quotes(),
                a1.story(), "hash-a1-v2", a1.ingestedAt()));
        java.util.Map<String, StorySignatureStore.Row> byId = new java.util.HashMap<>();
        signatures.forEach(r -> byId.put(r.articleId(), r));
        assertThat(byId.get("a1").signature()).as("computed from the old text").isNull();

        signatures.saveAll(List.of(new StorySignatureStore.Signature("a1", "hash-a1-v2", new byte[] {4}),
                new StorySignatureStore.Signature("a2", "hash-a2", new byte[] {5, 6})));
        signatures.forEach(r -> byId.put(r.articleId(), r));
        assertThat(byId.get("a1").signature()).containsExactly(4);
        assertThat(byId.get("a2").signature()).containsExactly(5, 6);
        assertThat(signatures.count()).isEqualTo(2);
    }

    @Test
    void whatAReaderWasAlertedOfCarriesOverToTheStoryItsStoryIsMergedInto() {
        readers.add(reader("r1", "ann@example.org"));
        readers.add(reader("r2", "bob@example.org"));
        delivery.holdAlert("r1", "x1", "About Belarus", "s2", java.util.Set.of("c:a"), -1);
        delivery.holdAlert("r1", "x2", "About Poland", "s1", java.util.Set.of("c:b"), -1);
        delivery.holdAlert("r2", "x3", "About Latvia", "s3", java.util.Set.of("c:c"), -1);
        delivery.holdAlert("r2", "x4", "About Latvia", "s3", java.util.Set.of("c:c", "c:d"), 0);

        new StorySignatureStore(db).carryAlerts("s1", List.of("s2", "s3"));

        assertThat(delivery.alerted("r1", "s1")).hasValueSatisfying(a -> assertThat(a.seen()).containsExactlyInAnyOrder("c:a", "c:b"));
        assertThat(delivery.alerted("r2", "s1")).hasValueSatisfying(a -> {
            assertThat(a.seen()).containsExactlyInAnyOrder("c:c", "c:d");
            assertThat(a.updates()).isEqualTo(1);
        });
        assertThat(delivery.alerted("r1", "s2")).isEmpty();
        assertThat(delivery.alerted("r2", "s3")).isEmpty();
    }

    static Reader reader(String id, String email) {
        return new Reader(id, email, ZoneId.of("UTC"), LocalTime.of(7, 0), DigestFrequency.DAILY, DayOfWeek.MONDAY,
                false, Instant.parse("2021-08-01T00:00:00Z"));
    }

    static Follow follow(String id, String readerId, String target) {
        Follow.Kind kind = target.contains("/") ? Follow.Kind.CONCEPT : Follow.Kind.QUERY;
        return new Follow(id, readerId, kind, target, target, false, false, T0);
    }

    static byte[] mime(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
