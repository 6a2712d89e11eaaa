package dev.tidings.store;

import dev.tidings.model.Article;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** STUB: to be implemented by the store work. */
public final class ArticleStore {
    public enum SaveOutcome { INSERTED, UPDATED, UNCHANGED }

    /** An article with its insertion sequence number, for incremental index catch-up. */
    public record Sequenced(long seq, Article article) {}

    public ArticleStore(Database db) {
    }

    public SaveOutcome save(Article article) {
        throw new UnsupportedOperationException("stub");
    }

    public Optional<Article> byId(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public Optional<Article> byContentHash(String contentHash) {
        throw new UnsupportedOperationException("stub");
    }

    /** Newest first by published (falling back to ingested). */
    public List<Article> latest(int limit, int offset) {
        throw new UnsupportedOperationException("stub");
    }

    /** Articles tagged with the concept, those it is ABOUT first, then newest first. */
    public List<Article> withConcept(String conceptId, int limit) {
        throw new UnsupportedOperationException("stub");
    }

    /** Articles of a story, oldest first. */
    public List<Article> ofStory(String storyId) {
        throw new UnsupportedOperationException("stub");
    }

    /** Articles whose publication span overlaps [from, to) (see Published#overlaps), oldest first. */
    public List<Article> overlapping(Instant from, Instant to) {
        throw new UnsupportedOperationException("stub");
    }

    /** Articles stored after sequence number {@code afterSeq}, in sequence order. */
    public List<Sequenced> after(long afterSeq, int limit) {
        throw new UnsupportedOperationException("stub");
    }

    public int count() {
        throw new UnsupportedOperationException("stub");
    }
}
