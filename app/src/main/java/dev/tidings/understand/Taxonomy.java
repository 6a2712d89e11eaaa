package dev.tidings.understand;

import dev.tidings.model.Concept;

import java.util.List;
import java.util.Optional;

/** STUB: to be implemented by the understand work. */
public final class Taxonomy {
    public static Taxonomy bundled() {
        throw new UnsupportedOperationException("stub");
    }

    public Optional<Concept> byId(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public Optional<Concept> resolve(String idOrLabel) {
        throw new UnsupportedOperationException("stub");
    }

    public List<Concept> search(String text, int limit) {
        throw new UnsupportedOperationException("stub");
    }

    public List<Concept> all() {
        throw new UnsupportedOperationException("stub");
    }
}
