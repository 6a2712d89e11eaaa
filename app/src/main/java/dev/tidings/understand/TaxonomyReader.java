package dev.tidings.understand;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.model.Concept;
import dev.tidings.model.ConceptType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns one concept of the taxonomy JSON into an entry; rejects data that would misbehave later. */
final class TaxonomyReader {
    private TaxonomyReader() {
    }

    static TaxonomyEntry entry(JsonNode c) {
        String id = c.path("id").asText();
        if (!id.contains("/")) throw new IllegalArgumentException("taxonomy concept without a TYPE/slug id: " + c);
        ConceptType type = ConceptType.ofKey(id.substring(0, id.indexOf('/')));
        Map<String, List<String>> local = new LinkedHashMap<>();
        c.path("localAliases").fields().forEachRemaining(f -> local.put(f.getKey(), strings(f.getValue())));
        List<String> aliases = new ArrayList<>(strings(c.path("aliases")));
        Concept concept = new Concept(id, type, c.path("label").asText(), aliases, c.path("description").asText(""), false);
        Map<String, String> codes = new LinkedHashMap<>();
        for (String key : List.of("iso2", "iso3")) {
            if (c.hasNonNull(key)) codes.put(key, c.get(key).asText());
        }
        TaxonomyEntry.Ambiguity ambiguity = null;
        JsonNode a = c.path("ambiguous");
        if (a.isObject()) {
            Set<String> names = new HashSet<>(strings(a.path("aliases")));
            if (names.isEmpty()) names.add(concept.label());
            ambiguity = new TaxonomyEntry.Ambiguity(names, strings(a.path("contextFor")), strings(a.path("contextAgainst")));
        }
        TopicRule rule = null;
        JsonNode r = c.path("rule");
        if (r.isObject()) {
            Map<String, Double> terms = new LinkedHashMap<>();
            r.path("terms").fields().forEachRemaining(f -> terms.put(f.getKey(), f.getValue().asDouble()));
            rule = new TopicRule(terms, r.path("threshold").asDouble(), r.path("about").asDouble(),
                    r.hasNonNull("require") ? Condition.parse(r.get("require").asText()) : null,
                    r.hasNonNull("forbid") ? Condition.parse(r.get("forbid").asText()) : null);
        }
        return new TaxonomyEntry(concept, new HashSet<>(strings(c.path("tags"))), c.path("importance").asDouble(0.5),
                local, ambiguity, rule, codes);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
