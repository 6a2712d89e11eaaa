package dev.tidings.store;

import dev.tidings.model.Article;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Published;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stored articles. Each article is kept whole as JSON beside the columns used to find it, so what
 * comes back {@code equals} what was saved. Every insert or change gets a new sequence number, which
 * is how the search index finds what it has not indexed yet ({@link #after}). Thread-safe.
 */
public final class ArticleStore {
    public enum SaveOutcome { INSERTED, UPDATED, UNCHANGED }

    /** An article with its insertion sequence number, for incremental index catch-up. */
    public record Sequenced(long seq, Article article) {}

    private static final String COLUMNS = "a.seq, a.body";

    private final Database db;
    private final ArticleJson json = new ArticleJson();

    public ArticleStore(Database db) {
        this.db = db;
    }

    /**
     * Inserts the article, or replaces the stored one with the same id when it differs.
     * A changed article gets a new sequence number so the index picks the change up.
     */
    public SaveOutcome save(Article article) {
        String body = json.write(article);
        return db.jdbi().inTransaction(h -> {
            // Bumping first serialises savers, so two processes saving the same new id cannot both insert.
            long seq = Counters.next(h, Counters.ARTICLE_SEQ);
            Optional<String> stored = h.createQuery("SELECT body FROM articles WHERE id = :id")
                    .bind("id", article.id()).mapTo(String.class).findOne();
            if (stored.isPresent() && json.read(stored.get()).equals(article)) {
                return SaveOutcome.UNCHANGED;
            }
            Published published = article.effectivePublished();
            String sql = stored.isEmpty()
                    ? "INSERT INTO articles (id, url, content_hash, title, published_start, published_end, date_only,"
                    + " ingested_at, language, story, seq, body) VALUES (:id, :url, :hash, :title, :start, :end,"
                    + " :dateOnly, :ingestedAt, :language, :story, :seq, :body)"
                    : "UPDATE articles SET url = :url, content_hash = :hash, title = :title, published_start = :start,"
                    + " published_end = :end, date_only = :dateOnly, ingested_at = :ingestedAt, language = :language,"
                    + " story = :story, seq = :seq, body = :body WHERE id = :id";
            h.createUpdate(sql)
                    .bind("id", article.id())
                    .bind("url", article.url())
                    .bind("hash", article.contentHash())
                    .bind("title", article.title())
                    .bind("start", published.instant().toEpochMilli())
                    .bind("end", published.end().toEpochMilli())
                    .bind("dateOnly", published.dateOnly())
                    .bind("ingestedAt", article.ingestedAt().toEpochMilli())
                    .bind("language", article.language())
                    .bind("story", article.story())
                    .bind("seq", seq)
                    .bind("body", body)
                    .execute();
            h.createUpdate("DELETE FROM article_concepts WHERE article_id = :id").bind("id", article.id()).execute();
            insertConcepts(h, article, published.instant().toEpochMilli(), seq);
            return stored.isEmpty() ? SaveOutcome.INSERTED : SaveOutcome.UPDATED;
        });
    }

    private static void insertConcepts(Handle h, Article article, long publishedStart, long seq) {
        Set<String> seen = new HashSet<>();
        var batch = h.prepareBatch("INSERT INTO article_concepts (article_id, concept_id, relevance, score,"
                + " published_start, seq) VALUES (:article, :concept, :relevance, :score, :published, :seq)");
        for (ConceptTag tag : article.concepts()) {
            if (!seen.add(tag.conceptId())) continue;
            batch.bind("article", article.id()).bind("concept", tag.conceptId())
                    .bind("relevance", tag.relevance().name()).bind("score", tag.score())
                    .bind("published", publishedStart).bind("seq", seq).add();
        }
        if (batch.size() > 0) batch.execute();
    }

    public Optional<Article> byId(String id) {
        return one("SELECT id, seq, body FROM articles WHERE id = :v", id);
    }

    /** The earliest stored article with this content hash. */
    public Optional<Article> byContentHash(String contentHash) {
        return one("SELECT id, seq, body FROM articles WHERE content_hash = :v ORDER BY seq LIMIT 1", contentHash);
    }

    /**
     * Parsed articles by id, valid for the seq they were read at: a row's seq changes with every save,
     * also one made by another process, so a stale entry is never used. Bounded; pages read the same
     * recent articles again and again, and parsing their JSON was most of a page's cost.
     */
    private final Map<String, Parsed> parsed = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
                    return size() > PARSED_MAX;
                }
            });
    private static final int PARSED_MAX = 5_000;

    private record Parsed(long seq, Article article) {}

    /** Maps a row of (id, seq, body). */
    private Article decode(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        String id = rs.getString(1);
        long seq = rs.getLong(2);
        Parsed hit = parsed.get(id);
        if (hit != null && hit.seq() == seq) return hit.article();
        Article article = json.read(rs.getString(3));
        parsed.put(id, new Parsed(seq, article));
        return article;
    }

    private Optional<Article> one(String sql, String value) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).bind("v", value).map(this::decode).findOne());
    }

    /** Newest first by published (falling back to ingested). */
    public List<Article> latest(int limit, int offset) {
        return list("SELECT a.id, a.seq FROM articles a ORDER BY a.published_start DESC, a.seq DESC"
                + " LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset));
    }

    /** Articles tagged with the concept, those it is ABOUT first, then newest first. */
    public List<Article> withConcept(String conceptId, int limit) {
        // 'ABOUT' sorts before 'MENTIONS', so the index (concept, relevance, published desc, seq desc)
        // gives this order without reading or sorting anything else.
        return db.jdbi().withHandle(h -> ordered(h, h.createQuery("SELECT c.article_id, c.seq FROM article_concepts c"
                        + " WHERE c.concept_id = :concept ORDER BY c.relevance, c.published_start DESC, c.seq DESC"
                        + " LIMIT " + Math.max(0, limit))
                .bind("concept", conceptId)));
    }

    /** At most {@code limit} articles of a story, newest first, and how many it has in all. */
    public StoryPage storyPage(String storyId, int limit) {
        return db.jdbi().withHandle(h -> {
            int size = h.createQuery("SELECT COUNT(*) FROM articles WHERE story = :story").bind("story", storyId)
                    .mapTo(Integer.class).one();
            List<Article> newest = ordered(h, h.createQuery("SELECT a.id, a.seq FROM articles a WHERE a.story = :story"
                            + " ORDER BY a.published_start DESC, a.seq DESC LIMIT " + Math.max(0, limit))
                    .bind("story", storyId));
            return new StoryPage(newest, size);
        });
    }

    /** How many articles each of these stories has; stories with none are absent. */
    public Map<String, Integer> storySizes(java.util.Collection<String> storyIds) {
        if (storyIds.isEmpty()) return Map.of();
        return db.jdbi().withHandle(h -> h.createQuery("SELECT story, COUNT(*) FROM articles WHERE story IN (<ids>)"
                        + " GROUP BY story").bindList("ids", List.copyOf(storyIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Some articles of a story and the story's size. */
    public record StoryPage(List<Article> newest, int size) {}

    /** How many distinct stories are about each concept since {@code since}, most first. */
    public List<ConceptCount> storiesAbout(Instant since, int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT c.concept_id, COUNT(DISTINCT a.story) AS n"
                        + " FROM article_concepts c JOIN articles a ON a.id = c.article_id"
                        + " WHERE c.relevance = 'ABOUT' AND a.published_start >= :since"
                        + " GROUP BY c.concept_id ORDER BY n DESC, c.concept_id LIMIT " + Math.max(0, limit))
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new ConceptCount(rs.getString(1), rs.getInt(2))).list());
    }

    /** How many articles were stored on each UTC day since {@code since} (days without any are absent). */
    public Map<java.time.LocalDate, Integer> ingestedPerDay(Instant since) {
        Map<java.time.LocalDate, Integer> out = new java.util.TreeMap<>();
        db.jdbi().useHandle(h -> h.createQuery("SELECT ingested_at / 86400000 AS day, COUNT(*) FROM articles"
                        + " WHERE ingested_at >= :since GROUP BY ingested_at / 86400000")
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(java.time.LocalDate.ofEpochDay(rs.getLong(1)), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** How many articles published since {@code since} are tagged with the concept (about it, if asked). */
    public int countWithConcept(String conceptId, boolean aboutOnly, Instant since) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM article_concepts c"
                        + " JOIN articles a ON a.id = c.article_id WHERE c.concept_id = :concept"
                        + (aboutOnly ? " AND c.relevance = 'ABOUT'" : "") + " AND a.published_end >= :since")
                .bind("concept", conceptId).bind("since", since.toEpochMilli()).mapTo(Integer.class).one());
    }

    /** The highest sequence number given so far, or 0 when nothing is stored. */
    public long maxSeq() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM articles")
                .mapTo(Long.class).one());
    }

    /** A concept and a count. */
    public record ConceptCount(String conceptId, int count) {}

    /** The publication time of the n-th newest article (0-based), if there are that many. */
    public Optional<Instant> publishedAtRank(int n) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT published_start FROM articles"
                        + " ORDER BY published_start DESC, seq DESC LIMIT 1 OFFSET " + Math.max(0, n))
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    /** Articles of a story, oldest first. */
    public List<Article> ofStory(String storyId) {
        return db.jdbi().withHandle(h -> ordered(h, h.createQuery("SELECT a.id, a.seq FROM articles a WHERE a.story = :story"
                        + " ORDER BY a.published_start, a.seq")
                .bind("story", storyId)));
    }

    /**
     * Articles whose publication span overlaps [from, to) (see {@link Published#overlaps}), oldest first.
     * A whole-day date overlaps when its day does; an instant must fall inside the period.
     */
    public List<Article> overlapping(Instant from, Instant to) {
        return db.jdbi().withHandle(h -> ordered(h, h.createQuery("SELECT a.id, a.seq FROM articles a"
                        + " WHERE a.published_start < :to AND (a.published_end > :from OR a.published_start >= :from)"
                        + " ORDER BY a.published_start, a.seq")
                .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())));
    }

    /** Articles stored or changed after sequence number {@code afterSeq}, in sequence order. */
    public List<Sequenced> after(long afterSeq, int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM articles a WHERE a.seq > :seq"
                        + " ORDER BY a.seq LIMIT " + Math.max(0, limit))
                .bind("seq", afterSeq)
                .map((rs, ctx) -> new Sequenced(rs.getLong(1), json.read(rs.getString(2))))
                .list());
    }

    public int count() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM articles").mapTo(Integer.class).one());
    }

    private List<Article> list(String sql) {
        return db.jdbi().withHandle(h -> ordered(h, h.createQuery(sql)));
    }

    /**
     * The articles a query of (id, seq) rows names, in its order. Bodies are read only for articles not
     * parsed at that seq already, so a page that lists recent articles reads their ids, not their texts.
     */
    private List<Article> ordered(org.jdbi.v3.core.Handle h, org.jdbi.v3.core.statement.Query idsAndSeqs) {
        List<Map.Entry<String, Long>> keys = idsAndSeqs.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
        Map<String, Article> found = new java.util.HashMap<>();
        List<String> missing = new java.util.ArrayList<>();
        for (Map.Entry<String, Long> k : keys) {
            Parsed hit = parsed.get(k.getKey());
            if (hit != null && hit.seq() == k.getValue()) found.put(k.getKey(), hit.article());
            else missing.add(k.getKey());
        }
        for (int i = 0; i < missing.size(); i += 500) {
            h.createQuery("SELECT id, seq, body FROM articles WHERE id IN (<ids>)")
                    .bindList("ids", missing.subList(i, Math.min(missing.size(), i + 500)))
                    .map(this::decode).forEach(a -> found.put(a.id(), a));
        }
        List<Article> out = new java.util.ArrayList<>(keys.size());
        for (Map.Entry<String, Long> k : keys) {
            Article a = found.get(k.getKey());
            if (a != null) out.add(a);
        }
        return out;
    }
}
