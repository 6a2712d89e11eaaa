package dev.tidings.store;

import dev.tidings.model.Reader;

import java.util.List;
import java.util.Optional;

/** STUB: to be implemented by the store work. */
public final class ReaderStore {
    public ReaderStore(Database db) {
    }

    /** Adds the reader; empty when the email is already taken. */
    public Optional<Reader> add(Reader reader) {
        throw new UnsupportedOperationException("stub");
    }

    public void update(Reader reader) {
        throw new UnsupportedOperationException("stub");
    }

    public Optional<Reader> byEmail(String email) {
        throw new UnsupportedOperationException("stub");
    }

    public Optional<Reader> byId(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public List<Reader> all() {
        throw new UnsupportedOperationException("stub");
    }

    /** Erases the reader and everything of theirs (follows, sent items, digests). False when unknown. */
    public boolean erase(String readerId) {
        throw new UnsupportedOperationException("stub");
    }
}
