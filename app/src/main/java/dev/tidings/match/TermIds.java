package dev.tidings.match;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers for the (field, term) pairs that registered searches use, so the matcher's hot loops index
 * arrays instead of hashing strings: postings by term number, and an article's terms as marks in an
 * array. Numbers are never reused; a term no search uses any more keeps its number (a few bytes).
 * Not thread-safe: written under the matcher's write lock, read under its read lock.
 */
final class TermIds {
    static final int ABSENT = -1;

    @SuppressWarnings("unchecked")
    private final Map<String, Integer>[] byField = new Map[ArticleTerms.FIELDS.size()];
    private int next;

    TermIds() {
        for (int i = 0; i < byField.length; i++) byField[i] = new HashMap<>();
    }

    /** The term's number, given one if it has none. */
    int add(int field, String term) {
        Integer id = byField[field].get(term);
        if (id != null) return id;
        byField[field].put(term, next);
        return next++;
    }

    /** The term's number, or {@link #ABSENT} when no search ever used it. */
    int get(int field, String term) {
        Integer id = byField[field].get(term);
        return id == null ? ABSENT : id;
    }

    /** How many numbers were given: every number is below it. */
    int size() {
        return next;
    }

    /** How many terms of the field have a number (no registered search needs the field when 0). */
    int size(int field) {
        return byField[field].size();
    }
}
