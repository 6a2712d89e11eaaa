package dev.tidings.understand;

import dev.tidings.model.Concept;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A concept with what the taxonomy knows beyond the shared record: tags for rules ({@code eu},
 * {@code europe}), importance for ranking, names that only count in one language, codes, the
 * context rule of an ambiguous name, and a topic's rule.
 *
 * @param localAliases language code → names that only count in text of that language
 * @param ambiguity    null unless the name is also a common word or a person's name
 * @param rule         null unless the concept is a rule-defined topic
 * @param codes        data fields such as ISO codes and IPTC ids; never matched in text
 * @param partOf       the concept this one lies in (a city's country), or null: a mention of the part is
 *                     also a mention of the whole
 * @param abbreviations names that only count in a dateline ("Conn." in "STAMFORD, Conn., March 2 -")
 */
record TaxonomyEntry(Concept concept, Set<String> tags, double importance, Map<String, List<String>> localAliases,
                     Ambiguity ambiguity, TopicRule rule, Map<String, String> codes, String partOf,
                     List<String> abbreviations) {
    TaxonomyEntry {
        tags = Set.copyOf(tags);
        localAliases = Map.copyOf(localAliases);
        codes = Map.copyOf(codes);
        abbreviations = List.copyOf(abbreviations);
    }

    TaxonomyEntry(Concept concept, Set<String> tags, double importance, Map<String, List<String>> localAliases,
                  Ambiguity ambiguity, TopicRule rule, Map<String, String> codes) {
        this(concept, tags, importance, localAliases, ambiguity, rule, codes, null, List.of());
    }

    String id() {
        return concept.id();
    }

    /**
     * Context words that decide whether an ambiguous name means this concept: a document with more
     * words against than for drops the listed names (Georgia next to Atlanta is the US state).
     *
     * @param names          the names that are ambiguous; the others (Tbilisi) always count
     * @param contextFor     words that confirm the concept
     * @param contextAgainst words that point elsewhere
     */
    record Ambiguity(Set<String> names, List<String> contextFor, List<String> contextAgainst) {
        Ambiguity {
            names = Set.copyOf(names);
            contextFor = List.copyOf(contextFor);
            contextAgainst = List.copyOf(contextAgainst);
        }
    }
}
