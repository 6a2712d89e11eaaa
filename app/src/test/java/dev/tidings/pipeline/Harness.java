package dev.tidings.pipeline;

import dev.tidings.testing.MutableClock;
import dev.tidings.auth.SignedTokens;
import dev.tidings.deliver.MaildirTransport;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.deliver.RetryPolicy;
import dev.tidings.deliver.WebhookPoster;
import dev.tidings.digest.DigestBuilder;
import dev.tidings.digest.DigestRenderer;
import dev.tidings.ingest.AddressGuard;
import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.DigestFrequency;
import dev.tidings.model.Follow;
import dev.tidings.model.Published;
import dev.tidings.model.Quote;
import dev.tidings.model.Reader;
import dev.tidings.model.Relevance;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.Database;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.FollowStore;
import dev.tidings.store.ReaderStore;
import dev.tidings.testing.Maildir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery side of the pipeline on a SQLite file and a Maildir in a temporary folder, with a clock
 * the test moves. Webhooks may go to loopback (the tests' in-process receivers).
 */
final class Harness implements AutoCloseable {
    static final String BASE = "https://news.example.org";

    final Path dir;
    final MutableClock clock;
    final Database db;
    final ArticleStore articles;
    final ReaderStore readers;
    final FollowStore follows;
    final DeliveryStore deliveries;
    final FailureLog failures;
    final MaildirTransport maildir;
    final SignedTokens tokens;
    final DigestRenderer renderer = new DigestRenderer(BASE, "Tidings <news@example.org>");
    final OutboxSender outbox;
    final AlertDispatcher alerts;
    final DigestDispatcher digests;
    final WebhookSubscriptions webhooks;

    Harness(Path dir, Instant now) {
        this.dir = dir;
        this.clock = new MutableClock(now);
        this.db = Database.open("jdbc:sqlite:" + dir.resolve("tidings.db"));
        this.articles = new ArticleStore(db);
        this.readers = new ReaderStore(db);
        this.follows = new FollowStore(db);
        this.deliveries = new DeliveryStore(db, clock);
        this.failures = new FailureLog(db, clock);
        this.maildir = new MaildirTransport(dir.resolve("mail"));
        this.tokens = new SignedTokens("test-secret-of-enough-length-0123456789", clock);
        this.outbox = new OutboxSender(deliveries, maildir, new WebhookPoster(), new AddressGuard(true), failures,
                RetryPolicy.DEFAULT, clock);
        dev.tidings.store.MuteStore mutes = new dev.tidings.store.MuteStore(db);
        this.alerts = new AlertDispatcher(readers, follows, deliveries, mutes, articles, renderer, new MimeComposer(), outbox,
                failures, tokens, clock);
        this.digests = new DigestDispatcher(articles, follows, deliveries, mutes, new DigestBuilder(), renderer,
                new MimeComposer(), outbox, tokens, clock);
        this.webhooks = new WebhookSubscriptions(deliveries, new AddressGuard(true), clock);
    }

    Reader reader(String name, String zone) {
        Reader r = new Reader(name, name + "@example.org", ZoneId.of(zone), LocalTime.of(7, 0), DigestFrequency.DAILY,
                DayOfWeek.MONDAY, true, clock.instant());
        readers.add(r);
        return r;
    }

    Follow follow(Reader reader, String conceptId, String label, boolean instant) {
        Follow f = new Follow("f-" + reader.id() + "-" + conceptId, reader.id(), Follow.Kind.CONCEPT, conceptId, label,
                instant, false, clock.instant());
        follows.put(f);
        return f;
    }

    /** The mail in the Maildir, in delivery order, as raw text. */
    List<String> mail() {
        return Maildir.messages(dir.resolve("mail"));
    }

    /** An article about Belarus in a story, published now, stored. */
    ArticleSpec article(String id) {
        return new ArticleSpec(id);
    }

    final class ArticleSpec {
        private final String id;
        private String story;
        private Instant published = clock.instant();
        private final List<ConceptTag> concepts = new ArrayList<>();
        private final List<Quote> quotes = new ArrayList<>();

        ArticleSpec(String id) {
            this.id = id;
            this.story = "story-" + id;
            about("place/belarus", "Belarus");
        }

        ArticleSpec story(String s) { this.story = s; return this; }
        ArticleSpec published(Instant at) { this.published = at; return this; }

        ArticleSpec about(String conceptId, String label) {
            concepts.add(new ConceptTag(conceptId, label, ConceptType.ofKey(conceptId.substring(0, conceptId.indexOf('/'))),
                    Relevance.ABOUT, 0.9, 3));
            return this;
        }

        ArticleSpec quote(String speaker, String words) {
            quotes.add(new Quote("person/" + speaker.toLowerCase().replace(' ', '-'), speaker, words));
            return this;
        }

        Article store() {
            Article a = new Article(id, "Title of " + id, Published.at(published), "en", null, "The Courier", null,
                    "What happened in " + id + ".", "Body of " + id + ".", List.of(), concepts, quotes, story,
                    "hash-" + id, clock.instant());
            articles.save(a);
            return a;
        }
    }

    @Override
    public void close() {
        maildir.close();
        db.close();
    }
}
