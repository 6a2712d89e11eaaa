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
import java.util.regex.Pattern;

/**
 * Turns one concept of the taxonomy JSON into an entry; rejects data that would misbehave later,
 * with a message that names the concept and the field (admins read it in the API's 400 answer).
 */
final class TaxonomyReader {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> FIELDS = Set.of("id", "label", "aliases", "localAliases", "description", "tags",
            "importance", "ambiguous", "rule", "iso2", "iso3", "iptc", "partOf", "abbreviations", "discovered", "country");

    private TaxonomyReader() {
    }

    static TaxonomyEntry entry(JsonNode c) {
        if (c == null || !c.isObject()) throw new IllegalArgumentException("a concept must be a JSON object");
        String id = c.path("id").asText("");
        if (!id.contains("/")) throw new IllegalArgumentException("concept needs an 'id' of the form TYPE/slug, e.g. organisation/frontex");
        String where = "concept " + id + ": ";
        ConceptType type;
        try {
            type = ConceptType.ofKey(id.substring(0, id.indexOf('/')));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
        String slug = id.substring(id.indexOf('/') + 1);
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException(where + "the slug '" + slug + "' must be lower-case letters and digits joined by single hyphens");
        }
        c.fieldNames().forEachRemaining(f -> {
            if (!f.startsWith("_") && !FIELDS.contains(f)) throw new IllegalArgumentException(where + "unknown field '" + f + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
        });
        String label = text(c, "label", where);
        if (label == null || label.isBlank()) throw new IllegalArgumentException(where + "'label' is required");
        List<String> aliases = names(c.path("aliases"), where + "'aliases'", type != ConceptType.TOPIC);
        Map<String, List<String>> local = new LinkedHashMap<>();
        JsonNode l = c.path("localAliases");
        if (!l.isMissingNode() && !l.isNull()) {
            if (!l.isObject()) throw new IllegalArgumentException(where + "'localAliases' must map a language code to an array of names");
            l.fields().forEachRemaining(f -> {
                if (!f.getKey().matches("[a-z]{2}")) throw new IllegalArgumentException(where + "'localAliases' key '" + f.getKey() + "' is not a two-letter language code");
                local.put(f.getKey(), names(f.getValue(), where + "'localAliases." + f.getKey() + "'", true));
            });
        }
        String description = text(c, "description", where);
        Concept concept = new Concept(id, type, label.strip(), aliases, description == null ? "" : description,
                c.path("discovered").asBoolean(false));
        Map<String, String> codes = new LinkedHashMap<>();
        for (String key : List.of("iso2", "iso3", "iptc")) {
            if (c.hasNonNull(key)) codes.put(key, c.get(key).asText());
        }
        double importance = c.path("importance").asDouble(0.5);
        if (c.has("importance") && (!c.get("importance").isNumber() || importance < 0 || importance > 1)) {
            throw new IllegalArgumentException(where + "'importance' must be a number from 0 to 1");
        }
        TaxonomyEntry.Ambiguity ambiguity = null;
        JsonNode a = c.path("ambiguous");
        if (a.isObject()) {
            Set<String> ambiguousNames = new HashSet<>(names(a.path("aliases"), where + "'ambiguous.aliases'", false));
            if (ambiguousNames.isEmpty()) ambiguousNames.add(concept.label());
            ambiguity = new TaxonomyEntry.Ambiguity(ambiguousNames, names(a.path("contextFor"), where + "'ambiguous.contextFor'", false),
                    names(a.path("contextAgainst"), where + "'ambiguous.contextAgainst'", false));
        } else if (!a.isMissingNode() && !a.isNull()) {
            throw new IllegalArgumentException(where + "'ambiguous' must be an object with contextFor and contextAgainst arrays");
        }
        TopicRule rule = null;
        JsonNode r = c.path("rule");
        if (r.isObject()) {
            if (type != ConceptType.TOPIC) throw new IllegalArgumentException(where + "only topics have a 'rule'");
            Map<String, Double> terms = new LinkedHashMap<>();
            if (!r.path("terms").isObject() || r.path("terms").isEmpty()) {
                throw new IllegalArgumentException(where + "'rule.terms' must map at least one term to its weight");
            }
            r.path("terms").fields().forEachRemaining(f -> {
                if (!f.getValue().isNumber() || f.getValue().asDouble() <= 0) {
                    throw new IllegalArgumentException(where + "the weight of rule term '" + f.getKey() + "' must be a positive number");
                }
                if (f.getKey().isBlank()) throw new IllegalArgumentException(where + "a rule term is blank");
                terms.put(f.getKey(), f.getValue().asDouble());
            });
            if (!r.path("threshold").isNumber()) throw new IllegalArgumentException(where + "'rule.threshold' must be a number");
            double threshold = r.path("threshold").asDouble();
            double about = r.path("about").asDouble(threshold * 2);
            try {
                rule = new TopicRule(terms, threshold, about,
                        r.hasNonNull("require") ? Condition.parse(r.get("require").asText()) : null,
                        r.hasNonNull("forbid") ? Condition.parse(r.get("forbid").asText()) : null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
        } else if (!r.isMissingNode() && !r.isNull()) {
            throw new IllegalArgumentException(where + "'rule' must be an object with terms, threshold and about");
        } else if (type == ConceptType.TOPIC) {
            throw new IllegalArgumentException(where + "a topic needs a 'rule' (terms, threshold, about)");
        }
        String partOf = c.hasNonNull("partOf") ? c.get("partOf").asText() : null;
        if (partOf != null && !partOf.startsWith(type.key() + "/")) {
            throw new IllegalArgumentException(where + "'partOf' must name a concept of the same type, e.g. place/france");
        }
        return new TaxonomyEntry(concept, new HashSet<>(names(c.path("tags"), where + "'tags'", false)), importance,
                local, ambiguity, rule, codes, partOf, names(c.path("abbreviations"), where + "'abbreviations'", true));
    }

    private static String text(JsonNode c, String field, String where) {
        JsonNode n = c.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw new IllegalArgumentException(where + "'" + field + "' must be a string");
        return n.asText();
    }

    /**
     * An array of strings. Names matched in text must carry a capital letter or a digit: matching is
     * case-sensitive, so a lower-case name would tag every use of a common word.
     */
    private static List<String> names(JsonNode array, String what, boolean matched) {
        List<String> out = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) return out;
        if (!array.isArray()) throw new IllegalArgumentException(what + " must be an array of strings");
        for (JsonNode n : array) {
            if (!n.isTextual() || n.asText().isBlank()) throw new IllegalArgumentException(what + " must hold non-empty strings");
            String s = n.asText().strip();
            if (matched && s.length() < 2) throw new IllegalArgumentException(what + ": '" + s + "' is too short to look for in text");
            if (matched && s.chars().noneMatch(ch -> Character.isUpperCase(ch) || Character.isDigit(ch))) {
                throw new IllegalArgumentException(what + ": '" + s + "' has no capital letter; names are matched case-sensitively, so it would tag the common word");
            }
            out.add(s);
        }
        return out;
    }
}
