package dev.tidings.model;

import java.util.Objects;

/**
 * A direct quotation.
 *
 * @param speakerId    the speaker's concept id, or null when the speaker is unknown
 * @param speakerLabel the speaker's name as best known, or null
 * @param text         the quoted words, without quote marks
 */
public record Quote(String speakerId, String speakerLabel, String text) {
    public Quote {
        Objects.requireNonNull(text, "text");
    }
}
