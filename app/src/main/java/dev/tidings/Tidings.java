package dev.tidings;

import dev.tidings.auth.SignedTokens;
import dev.tidings.deliver.MailTransport;
import dev.tidings.deliver.MimeComposer;
import dev.tidings.digest.DigestBuilder;
import dev.tidings.digest.DigestRenderer;
import dev.tidings.digest.DigestSchedule;
import dev.tidings.digest.NoticeRenderer;
import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.Fetcher;
import dev.tidings.normalize.DocumentNormalizer;
import dev.tidings.pipeline.AlertDispatcher;
import dev.tidings.pipeline.ArticlePipeline;
import dev.tidings.pipeline.StoryIndexFile;
import dev.tidings.pipeline.BackgroundWork;
import dev.tidings.pipeline.TaxonomyCuration;
import dev.tidings.pipeline.DigestDispatcher;
import dev.tidings.pipeline.OutboxSender;
import dev.tidings.pipeline.ReaderAccounts;
import dev.tidings.pipeline.SourcePoller;
import dev.tidings.pipeline.WebhookSubscriptions;
import dev.tidings.ingest.AddressGuard;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.ConceptStore;
import dev.tidings.store.Database;
import dev.tidings.store.DeliveryStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.FollowStore;
import dev.tidings.store.MuteStore;
import dev.tidings.store.ReaderStore;
import dev.tidings.store.SearchIndex;
import dev.tidings.store.SourceStore;
import dev.tidings.store.StorySignatureStore;
import dev.tidings.story.StoryAssigner;
import dev.tidings.understand.ArticleAnalyzer;
import dev.tidings.understand.Taxonomy;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The composition root: builds every part from the configuration, once, on first use, and closes
 * what it opened in reverse order. Holds no logic, so a command that only analyses text never opens
 * the database and one that only reads the database never loads the taxonomy.
 */
public final class Tidings implements AutoCloseable {
    private final Config config;
    private final InstantSource clock;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    private final Supplier<Taxonomy> baseTaxonomy = once(() -> TaxonomyCuration.withFiles(Taxonomy.bundled(),
            config().dataDir().resolve("taxonomy")));
    private final Supplier<ArticleAnalyzer> analyzer = once(() -> new ArticleAnalyzer(baseTaxonomy.get()));
    private final Supplier<TaxonomyCuration> curation = once(() -> new TaxonomyCuration(analyzer.get(), baseTaxonomy.get(),
            new ConceptStore(database(), clock())));
    private final Supplier<Database> database = once(() -> closing(Database.open(config().databaseUrl())));
    private final Supplier<ArticleStore> articles = once(() -> new ArticleStore(database()));
    private final Supplier<ReaderStore> readers = once(() -> new ReaderStore(database()));
    private final Supplier<FollowStore> follows = once(() -> new FollowStore(database()));
    private final Supplier<DeliveryStore> deliveries = once(() -> new DeliveryStore(database()));
    private final Supplier<MuteStore> mutes = once(() -> new MuteStore(database()));
    private final Supplier<FailureLog> failures = once(() -> new FailureLog(database()));
    private final Supplier<SearchIndex> searchIndex = once(() -> closing(SearchIndex.open(config().indexDir())));
    private final Supplier<SignedTokens> tokens = once(() -> new SignedTokens(config().secretOrGenerate(), clock()));
    private final Supplier<MailTransport> transport = once(() -> closing(MailTransport.fromUrl(config().mailUrl(), config().dataDir())));
    private final Supplier<DigestRenderer> renderer = once(() -> new DigestRenderer(config().baseUrl(), config().mailFrom()));
    /** One story index per process, shared by every pipeline; built from the stored articles on first use. */
    private final Supplier<StoryAssigner> stories = once(() -> closing(StoryIndexFile.open(
            config().dataDir().resolve("story-index.bin"), articles(), storySignatures())).stories());
    private final Supplier<StorySignatureStore> storySignatures = once(() -> new StorySignatureStore(database()));
    private final Supplier<SourceStore> sources = once(() -> new SourceStore(database()));
    private final Supplier<Fetcher> fetcher = once(() -> new Fetcher(Fetcher.Limits.defaults(), clock()));
    private final Supplier<SourcePoller> poller = once(() -> closing(new SourcePoller(sources(), pipeline(), fetcher(),
            failures(), config().dataDir().resolve("failed"), clock(), 4)));
    private final Supplier<BackgroundWork> backgroundWork = once(() -> closing(new BackgroundWork(pipeline(), articles(),
            searchIndex(), alerts(), digests(), new DigestSchedule(), readers(), follows(), outbox(), failures(),
            config().inboxDir(), clock())).withPolling(poller()));
    private final Supplier<OutboxSender> outbox = once(() -> new OutboxSender(deliveries(), transport(), failures(), clock()));

    public Tidings(Config config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    public Config config() {
        return config;
    }

    public InstantSource clock() {
        return clock;
    }

    /** The taxonomy in use: bundled, the data folder's files, and (once the database is open) stored concepts. */
    public Taxonomy taxonomy() {
        return analyzer.get().taxonomy();
    }

    /** Admins' and discovered concepts, kept in the database and laid over the taxonomy. */
    public TaxonomyCuration curation() {
        TaxonomyCuration c = curation.get();
        c.refreshIfStale();
        return c;
    }

    /** The pipeline without storage, for analysing only. */
    public ArticlePipeline analysisPipeline() {
        return new ArticlePipeline(new ArticleReader(), new DocumentNormalizer(), analyzer.get(), new StoryAssigner(),
                null, null, clock);
    }

    public ArticlePipeline pipeline() {
        return new ArticlePipeline(new ArticleReader(), new DocumentNormalizer(), analyzer.get(), stories.get(),
                articles(), failures(), clock, curation(), storySignatures());
    }

    public Database database() {
        return database.get();
    }

    public ArticleStore articles() {
        return articles.get();
    }

    public StorySignatureStore storySignatures() {
        return storySignatures.get();
    }

    public ReaderStore readers() {
        return readers.get();
    }

    public FollowStore follows() {
        return follows.get();
    }

    public DeliveryStore deliveries() {
        return deliveries.get();
    }

    public MuteStore mutes() {
        return mutes.get();
    }

    public FailureLog failures() {
        return failures.get();
    }

    public SourceStore sources() {
        return sources.get();
    }

    /** The one HTTP fetcher (one connection pool) for feeds and pages. */
    public Fetcher fetcher() {
        return fetcher.get();
    }

    public SourcePoller poller() {
        return poller.get();
    }

    public SearchIndex searchIndex() {
        return searchIndex.get();
    }

    public SignedTokens tokens() {
        return tokens.get();
    }

    public MailTransport transport() {
        return transport.get();
    }

    public OutboxSender outbox() {
        return outbox.get();
    }

    private final Supplier<ReaderAccounts> accounts = once(() -> new ReaderAccounts(readers(), follows(), mutes(),
            deliveries(), taxonomy(), new NoticeRenderer(config().baseUrl(), config().mailFrom()), new MimeComposer(),
            outbox(), tokens(), config().baseUrl(), clock()));

    private final Supplier<dev.tidings.pipeline.FollowBacktester> backtester = once(
            () -> new dev.tidings.pipeline.FollowBacktester(articles(), searchIndex(), clock()));

    /** What a follow would have matched over the last 30 days. */
    public dev.tidings.pipeline.FollowBacktester backtester() {
        return backtester.get();
    }

    /** Reader accounts; one per process, since it holds the per-address rate limits. */
    public ReaderAccounts accounts() {
        return accounts.get();
    }

    private final Supplier<DigestDispatcher> digests = once(() -> new DigestDispatcher(articles(), follows(),
            deliveries(), mutes(), new DigestBuilder(), renderer.get(), new MimeComposer(), outbox(), tokens(), clock()));
    /** Adds and removes webhooks; their URLs must not reach private addresses. */
    public WebhookSubscriptions webhooks() {
        return new WebhookSubscriptions(deliveries(), new AddressGuard(false), clock);
    }

    public DigestDispatcher digests() {
        return digests.get();
    }

    private final Supplier<AlertDispatcher> alerts = once(() -> new AlertDispatcher(readers(), follows(),
            deliveries(), mutes(), articles(), renderer.get(), new MimeComposer(), outbox(), failures(), tokens(), clock()));

    /** Instant alerts; one per process, since it keeps the follow matcher between rounds. */
    public AlertDispatcher alerts() {
        return alerts.get();
    }

    /** The server's rounds, one per process, so a part that stores an article can say so ({@code articlesStored}). */
    public BackgroundWork backgroundWork() {
        return backgroundWork.get();
    }

    private synchronized <T extends AutoCloseable> T closing(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // Closing is best effort; the next start recovers (WAL, Lucene commit points, outbox).
            }
        }
    }

    /** A thread-safe memo: the part is built on first use. */
    private static <T> Supplier<T> once(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) value = factory.get();
                return value;
            }
        };
    }
}
