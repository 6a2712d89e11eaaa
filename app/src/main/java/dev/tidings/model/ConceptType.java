package dev.tidings.model;

import java.util.Locale;

/** The four kinds of concept a reader can follow. The lower-case name is the id prefix. */
public enum ConceptType {
    TOPIC, PERSON, ORGANISATION, PLACE;

    /** The lower-case form used in ids ({@code place/belarus}) and JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case key; throws {@link IllegalArgumentException} for anything else. */
    public static ConceptType ofKey(String key) {
        for (ConceptType t : values()) {
            if (t.key().equals(key)) return t;
        }
        throw new IllegalArgumentException("unknown concept type '" + key + "' (expected topic, person, organisation or place)");
    }
}
