package dev.tidings.model;

import java.util.List;
import java.util.Objects;

/**
 * An entry of the taxonomy: something a reader can follow.
 *
 * @param id          stable id {@code TYPE/slug}, e.g. {@code place/belarus}
 * @param type        what kind of thing it is
 * @param label       the preferred name
 * @param aliases     other names that refer to it in text (capitals, demonyms, short forms)
 * @param description one line for people; may be empty
 * @param discovered  true when found in articles rather than shipped with the taxonomy
 */
public record Concept(String id, ConceptType type, String label, List<String> aliases, String description,
                      boolean discovered) {
    public Concept {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        aliases = List.copyOf(aliases);
        description = description == null ? "" : description;
        if (!id.startsWith(type.key() + "/")) {
            throw new IllegalArgumentException("concept id '" + id + "' must start with '" + type.key() + "/'");
        }
    }

    /** The part of the id after the type, as used in URLs. */
    public String slug() {
        return id.substring(id.indexOf('/') + 1);
    }
}
