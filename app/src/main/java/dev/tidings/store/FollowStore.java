package dev.tidings.store;

import dev.tidings.model.Follow;

import java.util.List;

/** STUB: to be implemented by the store work. */
public final class FollowStore {
    public FollowStore(Database db) {
    }

    /** Adds or replaces (same reader and target) a follow. */
    public void put(Follow follow) {
        throw new UnsupportedOperationException("stub");
    }

    /** In the order they were added. */
    public List<Follow> ofReader(String readerId) {
        throw new UnsupportedOperationException("stub");
    }

    public List<Follow> all() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean remove(String readerId, String target) {
        throw new UnsupportedOperationException("stub");
    }

    /** A number that changes whenever any follow is added or removed, so matchers know to rebuild. */
    public long version() {
        throw new UnsupportedOperationException("stub");
    }
}
