package dev.tidings.pipeline;

import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.IngestException;
import dev.tidings.model.Article;
import dev.tidings.model.Concept;
import dev.tidings.model.Document;
import dev.tidings.model.Submission;
import dev.tidings.model.Understanding;
import dev.tidings.normalize.DocumentNormalizer;
import dev.tidings.store.ArticleStore;
import dev.tidings.store.FailureLog;
import dev.tidings.store.StorySignatureStore;
import dev.tidings.story.StoryAssigner;
import dev.tidings.understand.ArticleAnalyzer;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Takes one article from its raw form to a stored, understood article in its story.
 *
 * <p>Thread-safe as long as the stages are (they are stateless); two processes may ingest into one
 * database at once because every write is one short transaction.
 */
public final class ArticlePipeline {
    /** What happened to a submission. */
    public enum Outcome { NEW, UPDATED, DUPLICATE }

    /** The stored article and what happened to it. */
    public record Ingested(Outcome outcome, Article article) {}

    private final ArticleReader reader;
    private final DocumentNormalizer normalizer;
    private final ArticleAnalyzer analyzer;
    private final StoryAssigner stories;
    private final ArticleStore articles;
    private final FailureLog failures;
    private final InstantSource clock;
    private final TaxonomyCuration curation;
    private final StorySignatureStore signatures;

    public ArticlePipeline(ArticleReader reader, DocumentNormalizer normalizer, ArticleAnalyzer analyzer,
                           StoryAssigner stories, ArticleStore articles, FailureLog failures, InstantSource clock) {
        this(reader, normalizer, analyzer, stories, articles, failures, clock, null);
    }

    /** @param curation keeps the taxonomy current and stores discovered concepts; null to leave the taxonomy as it is */
    public ArticlePipeline(ArticleReader reader, DocumentNormalizer normalizer, ArticleAnalyzer analyzer,
                           StoryAssigner stories, ArticleStore articles, FailureLog failures, InstantSource clock,
                           TaxonomyCuration curation) {
        this(reader, normalizer, analyzer, stories, articles, failures, clock, curation, null);
    }

    /** @param signatures keeps each stored article's story signature, so a start need not recompute them; may be null */
    public ArticlePipeline(ArticleReader reader, DocumentNormalizer normalizer, ArticleAnalyzer analyzer,
                           StoryAssigner stories, ArticleStore articles, FailureLog failures, InstantSource clock,
                           TaxonomyCuration curation, StorySignatureStore signatures) {
        this.signatures = signatures;
        this.curation = curation;
        this.reader = Objects.requireNonNull(reader);
        this.normalizer = Objects.requireNonNull(normalizer);
        this.analyzer = Objects.requireNonNull(analyzer);
        this.stories = Objects.requireNonNull(stories);
        this.articles = articles;
        this.failures = failures;
        this.clock = Objects.requireNonNull(clock);
    }

    /** For each article of a story after the first, why it was joined to it (for people). */
    public static List<String> whyJoined(List<Article> story) {
        return StoryAssigner.whyJoined(story);
    }

    /** A story assigner that knows every stored article, for a pipeline over {@code articles}. */
    public static StoryAssigner storiesOf(ArticleStore articles) {
        StoryAssigner stories = new StoryAssigner(Math.max(1024, articles.count()));
        long seq = 0;
        for (List<ArticleStore.Sequenced> page; !(page = articles.after(seq, 1000)).isEmpty(); ) {
            for (ArticleStore.Sequenced s : page) stories.remember(s.article());
            seq = page.get(page.size() - 1).seq();
        }
        return stories;
    }

    /**
     * A story assigner that knows every stored article, built from the kept signatures: an article is read
     * and hashed only when it has no signature for its current text (stored before signatures were kept,
     * or changed since), and that signature is kept for the next start.
     */
    public static StoryAssigner storiesOf(ArticleStore articles, StorySignatureStore signatures) {
        StoryAssigner stories = new StoryAssigner((int) Math.min(Integer.MAX_VALUE / 2, Math.max(1024, articles.count() * 5L / 4)));
        Set<String> missing = java.util.concurrent.ConcurrentHashMap.newKeySet();
        // Rows are read on this thread and filed in batches by others: decoding a signature needs no lock,
        // filing holds the index's lock briefly, and the stories do not depend on the order they are filed in.
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        var filing = java.util.concurrent.Executors.newFixedThreadPool(workers);
        List<java.util.concurrent.Future<?>> filed = new ArrayList<>();
        try {
            List<List<StorySignatureStore.Row>> batch = new ArrayList<>(List.of(new ArrayList<>()));
            java.util.function.Consumer<List<StorySignatureStore.Row>> file = rows -> filed.add(filing.submit(() -> {
                for (StorySignatureStore.Row row : rows) {
                    if (row.signature() == null
                            || !stories.remember(row.articleId(), row.story(), row.contentHash(), row.signature())) {
                        missing.add(row.articleId());
                    }
                }
            }));
            signatures.forEach(row -> {
                batch.get(0).add(row);
                if (batch.get(0).size() == 4096) {
                    file.accept(batch.get(0));
                    batch.set(0, new ArrayList<>());
                }
            });
            file.accept(batch.get(0));
            for (var f : filed) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading story signatures", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not load story signatures", e.getCause());
        } finally {
            filing.shutdownNow();
        }
        if (missing.isEmpty()) return stories;
        long seq = 0;
        for (List<ArticleStore.Sequenced> page; !(page = articles.after(seq, 1000)).isEmpty(); ) {
            List<StorySignatureStore.Signature> computed = new ArrayList<>();
            for (ArticleStore.Sequenced s : page) {
                Article a = s.article();
                if (!missing.remove(a.id())) continue;
                stories.remember(a);
                computed.add(new StorySignatureStore.Signature(a.id(), a.contentHash(), StoryAssigner.signature(a)));
            }
            signatures.saveAll(computed);
            if (missing.isEmpty()) break;
            seq = page.get(page.size() - 1).seq();
        }
        return stories;
    }

    /**
     * Files an article stored by any process in this pipeline's story index: a new one is added, a changed
     * text replaces its signature, and a story another process merged it into is followed.
     */
    public void knowStory(Article stored) {
        stories.observe(stored);
    }

    /** Reads and analyses a file without storing it; the article's story is its own id. */
    public Article analyze(Path file) throws IngestException {
        return analyze(reader.read(file));
    }

    /** Analyses a submission without storing it; the article's story is its own id. */
    public Article analyze(Submission submission) throws IngestException {
        return analyzeAndDiscover(submission).article();
    }

    private record Analysed(Article article, List<Concept> discovered) {}

    private Analysed analyzeAndDiscover(Submission submission) throws IngestException {
        Document doc = normalizer.normalize(submission);
        if (doc.text().isBlank()) {
            throw new IngestException(submission.origin() + " has no article text once boilerplate is removed");
        }
        if (curation != null) curation.refreshIfStale();
        ArticleAnalyzer.Analysis analysis = analyzer.analyzeAndDiscover(doc);
        Understanding u = analysis.understanding();
        String id = ArticleIdentity.id(doc);
        return new Analysed(new Article(id, doc.title(), doc.published(), u.language(), ArticleIdentity.canonicalUrl(doc.url()),
                doc.source(), doc.author(), doc.summary(), doc.text(), doc.boilerplate(), u.concepts(), u.quotes(),
                id, ArticleIdentity.contentHash(doc), clock.instant()), analysis.discovered());
    }

    /** Reads, analyses and stores a file; a failure is recorded for the operator and rethrown. */
    public Ingested ingest(Path file) throws IngestException {
        try {
            return ingest(reader.read(file));
        } catch (IngestException e) {
            failures.record(file.toString(), "ingest", e.getMessage());
            throw e;
        }
    }

    /** Analyses and stores a submission; a failure is recorded for the operator and rethrown. */
    public Ingested ingest(Submission submission) throws IngestException {
        Article fresh;
        try {
            Analysed analysed = analyzeAndDiscover(submission);
            fresh = analysed.article();
            // the next article naming a discovered person links to the same concept
            if (curation != null) curation.keep(analysed.discovered());
        } catch (IngestException e) {
            failures.record(submission.origin(), "ingest", e.getMessage());
            throw e;
        }
        var existing = articles.byId(fresh.id());
        if (existing.isPresent()) {
            Article old = existing.get();
            if (old.contentHash().equals(fresh.contentHash())) return new Ingested(Outcome.DUPLICATE, old);
            // Same URL, new text: an update keeps its identity, first-seen time and story.
            Article updated = new Article(old.id(), fresh.title(), fresh.published(), fresh.language(), fresh.url(),
                    fresh.source(), fresh.author(), fresh.summary(), fresh.text(), fresh.boilerplate(),
                    fresh.concepts(), fresh.quotes(), old.story(), fresh.contentHash(), old.ingestedAt());
            articles.save(updated);
            // Later articles are compared with what it says now.
            byte[] signature = stories.refresh(updated);
            if (signatures != null) signatures.save(updated.id(), updated.contentHash(), signature);
            return new Ingested(Outcome.UPDATED, updated);
        }
        var copy = articles.byContentHash(fresh.contentHash());
        if (copy.isPresent()) return new Ingested(Outcome.DUPLICATE, copy.get());

        StoryAssigner.Placement placed = stories.place(fresh);
        Article stored = fresh.withStory(placed.story());
        // Before anything is stored under the merged story: what readers were alerted of for the stories it
        // absorbs counts for it, so neither this article nor the relabelled ones alert anyone a second time.
        if (signatures != null) signatures.carryAlerts(placed.story(), placed.absorbed());
        ArticleStore.SaveOutcome outcome = articles.save(stored);
        if (signatures != null) signatures.save(stored.id(), stored.contentHash(), placed.signature());
        // The article linked stories that were apart: they are one story now.
        for (String merged : placed.absorbed()) {
            for (Article a : articles.ofStory(merged)) articles.save(a.withStory(placed.story()));
        }
        return new Ingested(outcome == ArticleStore.SaveOutcome.INSERTED ? Outcome.NEW : Outcome.UPDATED, stored);
    }
}
