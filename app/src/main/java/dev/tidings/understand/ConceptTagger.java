package dev.tidings.understand;

import dev.tidings.model.ConceptType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds where taxonomy concepts are named: runs the {@link NameMatcher}, picks the concept each
 * name stands for, drops ambiguous names whose context points elsewhere (Georgia near Atlanta,
 * Jordan in "Jordan Ellis") and marks names that only stand in a list. Thread-safe.
 */
final class ConceptTagger {
    /** Capitalised words that may stand next to a place name without making it part of another name. */
    private static final Set<String> CONNECTORS = Set.of(
            "President", "Prime", "Minister", "Ministry", "Foreign", "Interior", "Home", "Government", "Parliament",
            "Army", "Navy", "Police", "Embassy", "Court", "Central", "National", "Federal", "King", "Queen", "Premier",
            "Defence", "Defense", "Secretary", "Senate", "Border", "Coast", "Guard", "Guards", "Chancellor", "Crown",
            "Prince", "Princess", "Emir", "Sultan", "Foreign Minister", "Ambassador", "Authorities", "Officials", "On",
            "In", "And", "Or", "But", "The", "To", "Is", "Has", "Was", "Will", "Says", "Said", "From", "With", "At");
    /** Capitalised words that start titles and sentences without being part of a name. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "A", "An", "The", "In", "On", "At", "Of", "For", "To", "From", "By", "With", "And", "Or", "But", "As",
            "Into", "Over", "After", "Before", "Near", "Against", "About", "Why", "How", "What", "When", "Where", "Who",
            "Is", "Are", "Was", "Were", "Says", "Said", "Both", "While", "If", "Since", "Like", "Unlike", "Across",
            "Between", "Inside", "Outside", "Through", "Via", "Without", "Within", "Towards", "Toward", "Despite",
            "Neighbouring", "Neighboring", "Visit", "Leaving", "Left", "Fled", "Meanwhile", "Then", "Also", "Only",
            "Even", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr", "Mrs", "Ms", "Dr",
            "Mr.", "Mrs.", "Ms.", "Dr.");

    private final Taxonomy taxonomy;
    private final NameMatcher matcher;
    private final Map<String, ContextWords> contexts = new HashMap<>();

    /** Folded context phrases of one ambiguous concept. */
    private record ContextWords(List<String> forWords, List<String> againstWords) {
    }

    ConceptTagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        this.matcher = new NameMatcher(taxonomy);
        for (TaxonomyEntry e : taxonomy.entries()) {
            if (e.ambiguity() != null) {
                contexts.put(e.id(), new ContextWords(
                        e.ambiguity().contextFor().stream().map(Folding::fold).toList(),
                        e.ambiguity().contextAgainst().stream().map(Folding::fold).toList()));
            }
        }
    }

    /** The names it looks for, whose first words go into the {@link Vocabulary}. */
    NameMatcher names() {
        return matcher;
    }

    /** Every mention of a taxonomy concept in the text, in text order; {@code found} by a vocabulary with {@link #names}. */
    List<Mention> mentions(Text text, Vocabulary.Found found, String language) {
        List<NameMatcher.Hit> hits = matcher.find(text, found, language);
        List<Mention> out = new ArrayList<>();
        Set<String> fullySeen = new HashSet<>();
        Set<String> personNames = new HashSet<>(); // ambiguous names seen inside a person's name
        List<Mention> ambiguous = new ArrayList<>();
        Map<Integer, Boolean> shouting = new HashMap<>();
        for (NameMatcher.Hit hit : hits) {
            NameMatcher.Ref ref = choose(hit.refs(), fullySeen);
            if (ref == null) continue;
            TaxonomyEntry entry = ref.entry();
            int paragraph = text.paragraphAt(hit.start());
            // in an all-capitals headline "WHO", "US" and "IT" are ordinary words
            if (isShortAcronym(ref.name()) && shouting.computeIfAbsent(paragraph, p -> allCapitals(text.raw, text.start(p), text.end(p)))) continue;
            Mention m = new Mention(ref.conceptId(), hit.start(), hit.end(), paragraph, 1.0);
            if (entry.concept().type() == ConceptType.PERSON && ref.kind() != NameMatcher.Kind.SURNAME
                    && ref.name().contains(" ")) {
                fullySeen.add(ref.conceptId());
            }
            if (entry.ambiguity() != null && entry.ambiguity().names().contains(ref.name())) {
                if (personNames.contains(ref.name())) continue;
                if (paragraph > 0 && partOfAnotherName(text, hit, hits)) {
                    personNames.add(ref.name());
                    continue;
                }
                ambiguous.add(m);
            }
            out.add(m);
        }
        dropOutOfContext(text, out, ambiguous);
        return withWholes(markLists(text, out));
    }

    /** A city or region named is its country named too (Frankfurt → Germany), at the same spot. */
    private List<Mention> withWholes(List<Mention> mentions) {
        List<Mention> out = new ArrayList<>(mentions.size());
        for (Mention m : mentions) {
            out.add(m);
            TaxonomyEntry entry = taxonomy.entryOrNull(m.conceptId());
            String whole = entry == null ? null : entry.partOf();
            if (whole != null) out.add(new Mention(whole, m.start(), m.end(), m.paragraph(), m.weight()));
        }
        return out;
    }

    private static boolean isShortAcronym(String name) {
        if (name.length() > 3) return false;
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isUpperCase(name.charAt(i))) return false;
        }
        return true;
    }

    /** True when a paragraph, text[from, to), has letters and no lower-case ones (a wire headline). */
    private static boolean allCapitals(String text, int from, int to) {
        boolean letters = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isLowerCase(c)) return false;
            if (Character.isLetter(c)) letters = true;
        }
        return letters;
    }

    /**
     * The concept a name stands for. A surname counts only for a person whose full name came
     * earlier; a name of several concepts goes to a label, then a fully named person, then the
     * more important concept.
     */
    private NameMatcher.Ref choose(List<NameMatcher.Ref> refs, Set<String> fullySeen) {
        NameMatcher.Ref best = null;
        int bestRank = Integer.MAX_VALUE;
        double bestImportance = -1;
        for (NameMatcher.Ref r : refs) {
            if (r.kind() == NameMatcher.Kind.BLOCKER) return null;
            if (r.kind() == NameMatcher.Kind.SURNAME && !fullySeen.contains(r.conceptId())) continue;
            int rank = r.kind() == NameMatcher.Kind.LABEL ? 0 : fullySeen.contains(r.conceptId()) ? 1 : 2;
            TaxonomyEntry entry = r.entry();
            double importance = entry == null ? 0.0 : entry.importance();
            if (rank < bestRank || rank == bestRank && importance > bestImportance) {
                best = r;
                bestRank = rank;
                bestImportance = importance;
            }
        }
        if (best == null) return null;
        // two people sharing a bare surname, neither named in full: nobody can tell which one
        if (bestRank == 2 && isPerson(best.entry())) {
            for (NameMatcher.Ref r : refs) {
                if (r.kind() != NameMatcher.Kind.SURNAME && !r.conceptId().equals(best.conceptId()) && isPerson(r.entry())) {
                    return null;
                }
            }
        }
        return best;
    }

    private static boolean isPerson(TaxonomyEntry e) {
        return e != null && e.concept().type() == ConceptType.PERSON;
    }

    /**
     * "Dr Jordan", "Jordan Ellis", "Chad Smith": the name is glued to other capitalised words that are
     * not titles or function words, so it is part of a person's or a product's name. A capitalised
     * word at a sentence start proves nothing and is ignored.
     */
    private static boolean partOfAnotherName(Text text, NameMatcher.Hit hit, List<NameMatcher.Hit> hits) {
        int beforeStart = text.wordStartBefore(hit.start());
        if (beforeStart >= 0) {
            String before = text.raw.substring(beforeStart, hit.start()).strip();
            if (Character.isUpperCase(before.charAt(0)) && !FUNCTION_WORDS.contains(before)
                    && !CONNECTORS.contains(before) && !text.isSentenceStart(beforeStart)
                    && hits.stream().noneMatch(h -> h.start() == beforeStart)) {
                return true;
            }
        }
        int afterStart = text.wordStartAfter(hit.end());
        if (afterStart >= 0) {
            String after = text.wordAfter(hit.end());
            return Character.isUpperCase(after.charAt(0)) && !CONNECTORS.contains(after)
                    && !FUNCTION_WORDS.contains(after) && hits.stream().noneMatch(h -> h.start() == afterStart);
        }
        return false;
    }

    /** Drops the ambiguous names of a concept when the document has more words against it than for it. */
    private void dropOutOfContext(Text text, List<Mention> mentions, List<Mention> ambiguous) {
        Set<String> checked = new HashSet<>();
        for (Mention m : ambiguous) {
            if (!checked.add(m.conceptId())) continue;
            ContextWords words = contexts.get(m.conceptId());
            int forCount = count(text.folded(), words.forWords());
            int against = count(text.folded(), words.againstWords());
            // other, unambiguous names of the same concept (Tbilisi for Georgia) confirm it
            forCount += (int) mentions.stream().filter(o -> o.conceptId().equals(m.conceptId()))
                    .filter(o -> !ambiguous.contains(o)).count();
            if (against > forCount) {
                mentions.removeIf(o -> o.conceptId().equals(m.conceptId()) && ambiguous.contains(o));
            }
        }
    }

    private static int count(String folded, List<String> phrases) {
        int n = 0;
        for (String p : phrases) {
            int i = folded.indexOf(p);
            while (i >= 0) {
                int end = i + p.length();
                if ((i == 0 || !Folding.isWordChar(folded.charAt(i - 1)))
                        && (end == folded.length() || !Folding.isWordChar(folded.charAt(end)))) n++;
                i = folded.indexOf(p, end);
            }
        }
        return n;
    }

    /** Names in a run of three or more of the same type ("Canada, the UK and the US") weigh half. */
    private List<Mention> markLists(Text text, List<Mention> mentions) {
        mentions.sort(Comparator.comparingInt(Mention::start));
        List<Mention> out = new ArrayList<>(mentions);
        int runStart = 0;
        for (int i = 1; i <= mentions.size(); i++) {
            boolean linked = i < mentions.size() && linked(text, mentions.get(i - 1), mentions.get(i));
            if (!linked) {
                if (i - runStart >= 3) {
                    for (int k = runStart; k < i; k++) out.set(k, mentions.get(k).listed());
                }
                runStart = i;
            }
        }
        return out;
    }

    private boolean linked(Text text, Mention a, Mention b) {
        if (a.paragraph() != b.paragraph() || a.end() > b.start()) return false;
        ConceptType ta = typeOf(a.conceptId());
        ConceptType tb = typeOf(b.conceptId());
        return ta == tb && isListGap(text.raw, a.end(), b.start());
    }

    private ConceptType typeOf(String conceptId) {
        TaxonomyEntry e = taxonomy.entryOrNull(conceptId);
        return e == null ? null : e.concept().type();
    }

    /**
     * True when raw[from, to) is what stands between two names of a list: a comma, "and", "or" or
     * "as well as" (a comma before the last three optional), then an optional "the"; the
     * separators surrounded by white space as written in running text.
     */
    static boolean isListGap(String raw, int from, int to) {
        int i = skipSpace(raw, from, to);
        boolean comma = i < to && raw.charAt(i) == ',';
        int j = comma ? i + 1 : i;
        int k = skipSpace(raw, j, to);
        if (comma && k > j && theTail(raw, k, to)) return true;
        if (comma ? k == j : i == from) return false;
        for (String connector : CONNECTIVES) {
            if (raw.startsWith(connector, k) && k + connector.length() <= to) {
                int m = k + connector.length();
                int after = skipSpace(raw, m, to);
                if (after > m && theTail(raw, after, to)) return true;
            }
        }
        return false;
    }

    private static final String[] CONNECTIVES = {"and", "or", "as well as"};

    /** Nothing left, or "the" and white space up to the end. */
    private static boolean theTail(String raw, int k, int to) {
        if (k == to) return true;
        if (!raw.startsWith("the", k) || k + 3 >= to) return false;
        return skipSpace(raw, k + 3, to) == to;
    }

    private static int skipSpace(String raw, int i, int to) {
        while (i < to && isSpace(raw.charAt(i))) i++;
        return i;
    }

    /** What {@code \\s} matches in a regular expression. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
