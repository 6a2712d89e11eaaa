package dev.tidings.store;

import java.time.Instant;
import java.util.List;

/** STUB: to be implemented by the store work. Failures an operator should see. */
public final class FailureLog {
    /** One recorded failure: where (a file, URL, reader, message id), what kind, and the message. */
    public record Failure(Instant at, String where, String kind, String message) {}

    public FailureLog(Database db) {
    }

    public void record(String where, String kind, String message) {
        throw new UnsupportedOperationException("stub");
    }

    public List<Failure> recent(int limit) {
        throw new UnsupportedOperationException("stub");
    }
}
