package dev.tidings.match;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a reader wrote after {@code concept:} or {@code about:} (a concept id such as
 * {@code place/belarus}, or a label such as {@code "EU immigration"}) into a concept id. The caller
 * supplies it, typically a taxonomy look-up, so matching does not depend on the taxonomy.
 */
@FunctionalInterface
public interface ConceptResolver {
    /** Takes the text as a concept id, unchecked: what parsing does when no resolver is given. */
    ConceptResolver IDS_AS_WRITTEN = text -> Optional.of(text.strip().toLowerCase(Locale.ROOT));

    /** The concept id the text names; empty when it names no known concept. */
    Optional<String> idOf(String idOrLabel);
}
