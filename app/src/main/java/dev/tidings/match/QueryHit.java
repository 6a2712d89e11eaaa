package dev.tidings.match;

import java.util.List;
import java.util.Objects;

/**
 * A saved search matched an article.
 *
 * @param id    the id the search was registered under
 * @param fired the words, phrases and prefixes of the search (as the reader wrote them, in query
 *              order, those under NOT left out) that the article contains: the "why you got this"
 */
public record QueryHit(String id, List<String> fired) {
    public QueryHit {
        Objects.requireNonNull(id, "id");
        fired = List.copyOf(fired);
    }
}
