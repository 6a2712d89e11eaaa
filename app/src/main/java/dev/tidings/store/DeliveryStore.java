package dev.tidings.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** STUB: to be implemented by the store work. Digest runs, sent items and the outbox. */
public final class DeliveryStore {
    /** A message waiting in, or delivered from, the outbox. */
    public record OutboxItem(String messageId, String readerId, String recipient, String kind, byte[] mime,
                             int attempts, String lastError, Instant createdAt, Instant sentAt) {}

    /** One digest run, for the admin. */
    public record DigestRun(String readerId, Instant periodStart, Instant periodEnd, String messageId, int items,
                            String outcome, Instant createdAt) {}

    public DeliveryStore(Database db) {
    }

    /**
     * Atomically records a digest (reader, periodEnd), marks its articles as sent to the reader and
     * puts the message in the outbox. False, and nothing written, when that digest exists already.
     */
    public boolean claimDigest(String readerId, Instant periodStart, Instant periodEnd, String messageId,
                               List<String> articleIds, String recipient, byte[] mime) {
        throw new UnsupportedOperationException("stub");
    }

    /** Records a message that is not a digest (confirmation, alert) in the outbox; false if the id exists. */
    public boolean enqueue(String messageId, String readerId, String recipient, String kind, byte[] mime) {
        throw new UnsupportedOperationException("stub");
    }

    public Set<String> sentArticleIds(String readerId) {
        throw new UnsupportedOperationException("stub");
    }

    public List<OutboxItem> pending(int limit) {
        throw new UnsupportedOperationException("stub");
    }

    public void markSent(String messageId, Instant at) {
        throw new UnsupportedOperationException("stub");
    }

    public void markFailed(String messageId, String error) {
        throw new UnsupportedOperationException("stub");
    }

    public List<OutboxItem> recentOutbox(int limit) {
        throw new UnsupportedOperationException("stub");
    }

    public List<DigestRun> recentRuns(int limit) {
        throw new UnsupportedOperationException("stub");
    }
}
