package dev.tidings.understand;

import dev.tidings.model.Concept;
import dev.tidings.model.ConceptType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The place a wire story was filed from, written in capitals before its first sentence:
 * {@code NEW YORK, March 3 -}, {@code STAMFORD, Conn., March 2 -}, {@code KYIV (Reuters) -}. Agencies
 * file from where the news is, so the place (and the country it lies in) counts as what the story
 * is about. Built once per taxonomy; thread-safe.
 */
final class Dateline {
    private static final Pattern LINE = Pattern.compile(
            "^([A-Z][A-Z.'’\\- ]{1,40}?)(?:,\\s*([A-Z][A-Za-z.]{1,8}(?: ?[A-Z][A-Za-z.]{0,6})?))?"
                    + "(,\\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2})?"
                    + "\\s*(\\((?:Reuters|AP|AFP|dpa|Bloomberg|UPI|ANSA|EFE)\\))?\\s*[-–—]+\\s");

    /** Where the dateline names the place, and the place. */
    record Found(String placeId, int start, int end) {
    }

    private final Taxonomy taxonomy;
    private final Map<String, String> abbreviations = new HashMap<>();

    Dateline(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (TaxonomyEntry e : taxonomy.entries()) {
            for (String a : e.abbreviations()) abbreviations.put(a.replace(" ", ""), e.id());
        }
    }

    Optional<Found> find(Text text) {
        if (text.paragraphCount() < 2) return Optional.empty();
        int start = text.start(1);
        String head = text.raw.substring(start, Math.min(text.end(1), start + 120));
        Matcher m = LINE.matcher(head);
        if (!m.find() || m.group(3) == null && m.group(4) == null) return Optional.empty();
        Optional<Concept> place = place(m.group(1).strip());
        if (place.isEmpty() && m.group(2) != null) {
            String region = m.group(2).strip();
            String abbreviated = abbreviations.get(region.replace(" ", ""));
            place = abbreviated != null ? taxonomy.byId(abbreviated) : place(region);
            if (place.isPresent()) return Optional.of(new Found(place.get().id(), start + m.start(2), start + m.end(2)));
        }
        return place.map(p -> new Found(p.id(), start + m.start(1), start + m.start(1) + m.group(1).strip().length()));
    }

    private Optional<Concept> place(String name) {
        return taxonomy.resolve(name).filter(c -> c.type() == ConceptType.PLACE);
    }
}
