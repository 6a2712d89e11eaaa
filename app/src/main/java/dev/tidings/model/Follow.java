package dev.tidings.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing a reader follows.
 *
 * @param id        stable opaque id
 * @param readerId  whose follow it is
 * @param kind      a concept or a saved search
 * @param target    the concept id ({@code place/belarus}) or the query text
 * @param label     what to call it in digests: the concept's label or the query
 * @param instant   send an alert as soon as a matching article arrives
 * @param aboutOnly only articles that are about the concept, not passing mentions
 * @param createdAt when it was added
 */
public record Follow(String id, String readerId, Kind kind, String target, String label, boolean instant,
                     boolean aboutOnly, Instant createdAt) {
    public enum Kind { CONCEPT, QUERY }

    public Follow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(readerId, "readerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
