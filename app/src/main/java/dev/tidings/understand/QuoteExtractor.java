package dev.tidings.understand;

import dev.tidings.model.Concept;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Quote;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds direct quotations and who said them.
 *
 * <p>Quote marks are paired by position rather than by glyph, because real text mixes them up
 * ({@code every day, ”EU Home…} and a {@code “} used to close). A paragraph whose quote does not
 * close continues into the next paragraph when that one opens with a mark (the typographic
 * convention for long quotes). The speaker comes from an attribution after the quote
 * ({@code ," X said}, {@code ," said X}), else before it in the same sentence ({@code X said: "…"}),
 * else from the quote it continues (a quote split around its attribution, or a paragraph that
 * goes on quoting). {@code he}/{@code she} stand for the last person named outside quotes. A
 * named speaker missing from the taxonomy becomes a discovered person {@code person/<slug>}.
 * Quotes of one to three words are scare quotes and are skipped. Thread-safe.
 */
final class QuoteExtractor {
    private static final String MARKS = "\"“”„«»‟";
    private static final String VERBS = "said|says|told|tells|added|adds|wrote|writes|stated|states|explained|noted|"
            + "warned|insisted|argued|asked|replied|declared|continued|claimed|stressed|tweeted|posted|remarked|"
            + "recalled|admitted|acknowledged|urged|announced|commented|conceded|cautioned|sagte|sagt|erklärte|"
            + "betonte|fügte hinzu|a déclaré|a dit|a affirmé|déclare|a ajouté|affirme|dijo|afirmó|declaró|añadió|"
            + "ha detto|ha dichiarato|ha aggiunto|zei|zegt|powiedział|powiedziała";
    private static final Pattern AFTER_SUBJECT_VERB = Pattern.compile("^(.{1,90}?)\\s+(?:" + VERBS + ")\\b");
    private static final Pattern AFTER_VERB_SUBJECT = Pattern.compile("^(?:" + VERBS + ")\\s+(.{1,90}?)(?:[,;]|$)");
    private static final Pattern BEFORE = Pattern.compile("^(.{1,160}?)\\s+(?:" + VERBS + ")\\b");
    private static final Pattern ACCORDING_TO = Pattern.compile("(?i)\\b(?:according to|selon|según|laut)\\s+(.{1,80}?),");
    private static final Set<String> PRONOUNS = Set.of("he", "she", "er", "sie", "il", "elle", "él", "ella", "lui", "lei");
    private static final Set<String> ROLES = Set.of("president", "prime", "minister", "commissioner", "chancellor",
            "secretary", "senator", "mayor", "governor", "general", "spokesman", "spokeswoman", "spokesperson", "chief",
            "director", "head", "ambassador", "judge", "king", "queen", "pope", "sir", "lord", "lady", "mr", "mrs", "ms",
            "dr", "professor", "prof", "interior", "foreign", "home", "affairs", "defence", "defense", "justice",
            "finance", "vice", "deputy", "state", "leader", "chair", "chairman", "chairwoman", "ceo", "officer",
            "official", "inspector", "captain", "colonel", "sergeant", "coach", "mp", "mep", "bishop",
            "rabbi", "imam", "father", "sister", "brother", "the", "a", "an", "opposition", "border", "police",
            "migration", "health", "economy", "agency", "office", "told", "to", "of", "for", "and",
            // German, French and Spanish titles and articles before a name
            "innenminister", "innenministerin", "ministerin", "bundeskanzler", "kanzler", "kanzlerin",
            "präsident", "präsidentin", "sprecher", "sprecherin", "chef", "chefin", "der", "die", "le", "la", "les",
            "ministre", "président", "présidente", "porte-parole", "el", "ministro", "ministra", "presidente",
            "portavoz", "portavoce");
    private static final Set<String> PARTICLES = Set.of("von", "van", "der", "den", "de", "da", "di", "du", "la", "le",
            "bin", "al", "el", "dos", "del");
    private static final Pattern NAME_WORD = Pattern.compile("\\p{Lu}[\\p{L}'’\\-]*\\p{L}|\\p{Lu}\\.");

    private final Taxonomy taxonomy;

    QuoteExtractor(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** Who said it: a concept id (null when unknown) and the name as best known (null when unknown). */
    record Speaker(String id, String label) {
        static final Speaker UNKNOWN = new Speaker(null, null);
    }

    /**
     * The quotes of a text, the people named as speakers who are not in the taxonomy (id → name),
     * and for each credited quote the speaker and the paragraph (a quote refers to its speaker).
     */
    record Result(List<Quote> quotes, Map<String, String> discovered, List<Credit> credits) {
        /** No quotes, nobody discovered: what the tagging stage works with. */
        static final Result NONE = new Result(List.of(), Map.of(), List.of());
    }

    record Credit(String speakerId, int paragraph) {
    }

    /** Text between a pair of marks, or from an unclosed mark to the end of its paragraph. */
    private record Segment(int paragraph, int open, int start, int end, int close) {
        boolean closed() {
            return close >= 0;
        }
    }

    /** A reference to a person outside quotes, for pronouns. */
    private record PersonRef(int offset, Speaker speaker) {
    }

    Result extract(Text text, List<Mention> mentions) {
        return extract(text, mentions, Map.of());
    }

    /** @param known people and organisations discovered in the text already (id → name) */
    Result extract(Text text, List<Mention> mentions, Map<String, String> known) {
        List<Segment> segments = segments(text);
        List<List<Segment>> units = chain(text, segments);
        List<PersonRef> people = new ArrayList<>();
        for (Mention m : mentions) {
            Optional<Concept> c = taxonomy.byId(m.conceptId());
            if (c.isPresent() && c.get().type() == ConceptType.PERSON && !inside(segments, m.start())) {
                people.add(new PersonRef(m.start(), new Speaker(c.get().id(), c.get().label())));
            }
        }
        Map<String, String> discovered = new LinkedHashMap<>(known);
        List<Quote> quotes = new ArrayList<>();
        List<Credit> credits = new ArrayList<>();
        Speaker previous = null;
        int previousParagraph = -1;
        for (List<Segment> unit : units) {
            Segment first = unit.get(0);
            Segment last = unit.get(unit.size() - 1);
            String quoted = clean(unit.stream().map(s -> text.raw.substring(s.start(), s.end()).strip())
                    .reduce((a, b) -> a + " " + b).orElse(""));
            Speaker speaker = attribution(text, last, segments, mentions, people, discovered, true);
            if (speaker == null) speaker = attribution(text, first, segments, mentions, people, discovered, false);
            if (speaker == null) {
                // a quote split around its attribution, or a paragraph that goes on quoting
                boolean samePara = previousParagraph == first.paragraph();
                boolean nextPara = previousParagraph == first.paragraph() - 1 && first.open() == text.start(first.paragraph());
                speaker = previous != null && (samePara || nextPara) ? previous : Speaker.UNKNOWN;
            }
            if (speaker.id() != null && discovered.containsKey(speaker.id())) {
                // a discovered speaker is a person named outside quotes, for the pronouns that follow
                people.add(new PersonRef(last.end(), speaker));
                people.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
            }
            previous = speaker;
            previousParagraph = last.paragraph();
            if (words(quoted) >= 4) {
                quotes.add(new Quote(speaker.id(), speaker.label(), quoted));
                if (speaker.id() != null) credits.add(new Credit(speaker.id(), last.paragraph()));
            }
        }
        return new Result(quotes, discovered, credits);
    }

    private static List<Segment> segments(Text text) {
        List<Segment> out = new ArrayList<>();
        for (int p = 1; p < text.paragraphCount(); p++) {
            int start = text.start(p);
            int end = text.end(p);
            int open = -1;
            for (int k = start; k < end; k++) {
                if (MARKS.indexOf(text.raw.charAt(k)) < 0) continue;
                if (open < 0) {
                    if (text.raw.substring(k + 1, end).isBlank()) continue; // a stray mark closing nothing
                    open = k;
                } else {
                    out.add(new Segment(p, open, open + 1, k, k));
                    open = -1;
                }
            }
            if (open >= 0) out.add(new Segment(p, open, open + 1, end, -1));
        }
        return out;
    }

    /** Joins a quote left open at a paragraph end with the next paragraph's opening quote. */
    private static List<List<Segment>> chain(Text text, List<Segment> segments) {
        List<List<Segment>> units = new ArrayList<>();
        for (Segment s : segments) {
            if (!units.isEmpty()) {
                List<Segment> lastUnit = units.get(units.size() - 1);
                Segment last = lastUnit.get(lastUnit.size() - 1);
                if (!last.closed() && s.paragraph() == last.paragraph() + 1 && s.open() == text.start(s.paragraph())) {
                    lastUnit.add(s);
                    continue;
                }
            }
            units.add(new ArrayList<>(List.of(s)));
        }
        return units;
    }

    /**
     * The speaker named right after the segment (when {@code after}) or earlier in its sentence;
     * null when no attribution is there at all, {@link Speaker#UNKNOWN} when one is there but
     * names nobody we can identify ("they wrote", "officials said").
     */
    private Speaker attribution(Text text, Segment seg, List<Segment> segments, List<Mention> mentions,
                                List<PersonRef> people, Map<String, String> discovered, boolean after) {
        int paraEnd = text.end(seg.paragraph());
        if (after) {
            if (!seg.closed()) return null;
            int from = seg.close() + 1;
            int to = sentenceEnd(text, from, paraEnd);
            String window = text.raw.substring(from, to);
            int lead = 0;
            while (lead < window.length() && (Character.isWhitespace(window.charAt(lead)) || ",;:—–-".indexOf(window.charAt(lead)) >= 0)) lead++;
            String rest = window.substring(lead);
            int base = from + lead;
            Matcher m = AFTER_SUBJECT_VERB.matcher(rest);
            if (m.find() && !m.group(1).contains(". ")) {
                return speaker(text, base, base + m.end(1), true, mentions, people, discovered);
            }
            m = AFTER_VERB_SUBJECT.matcher(rest);
            if (m.find()) return speaker(text, base + m.start(1), base + m.end(1), false, mentions, people, discovered);
            return null;
        }
        int from = sentenceStart(text, seg, segments);
        String window = text.raw.substring(from, seg.open());
        Matcher m = ACCORDING_TO.matcher(window);
        if (m.find()) return speaker(text, from + m.start(1), from + m.end(1), true, mentions, people, discovered);
        m = BEFORE.matcher(window);
        if (m.find()) return speaker(text, from, from + m.end(1), true, mentions, people, discovered);
        return null;
    }

    /** Resolves the words naming the speaker; {@code trailing} when the name ends the span ("minister Jan Novak said"). */
    private Speaker speaker(Text text, int start, int end, boolean trailing, List<Mention> mentions,
                            List<PersonRef> people, Map<String, String> discovered) {
        String span = text.raw.substring(start, end).strip();
        String lower = span.toLowerCase(Locale.ROOT);
        if (PRONOUNS.contains(lower)) {
            PersonRef last = null;
            for (PersonRef p : people) {
                if (p.offset() < start) last = p;
            }
            return last == null ? Speaker.UNKNOWN : last.speaker();
        }
        Speaker fromTaxonomy = null;
        for (ConceptType wanted : List.of(ConceptType.PERSON, ConceptType.ORGANISATION)) {
            for (Mention m : mentions) {
                if (m.start() < start || m.end() > end) continue;
                Concept c = taxonomy.byId(m.conceptId()).orElseThrow();
                if (c.type() != wanted) continue;
                fromTaxonomy = new Speaker(c.id(), c.label());
                if (!trailing) break;
            }
            if (fromTaxonomy != null) return fromTaxonomy;
        }
        List<String> name = nameWords(span, start, mentions, trailing);
        if (name.isEmpty()) return Speaker.UNKNOWN;
        if (name.size() == 1) {
            String surname = name.get(0);
            for (Map.Entry<String, String> d : discovered.entrySet()) {
                if (d.getKey().startsWith("person/") && d.getValue().endsWith(" " + surname)) return new Speaker(d.getKey(), d.getValue());
            }
            // "Jordan said" after "Jordan Ellis, 34, …": the earlier full name identifies the speaker
            List<String> full = fullNameBefore(text, surname, start, mentions);
            if (full.size() > 1) name = full;
            else {
                boolean titled = span.length() > surname.length() && ROLES.contains(lastWordBefore(span, surname));
                return titled ? new Speaker(null, surname) : Speaker.UNKNOWN;
            }
        }
        // "If Tessellate said": a word that starts sentences is no first name
        name = NameDiscoverer.cleaned(name);
        if (name.isEmpty()) return Speaker.UNKNOWN;
        String full = String.join(" ", name);
        Optional<Concept> known = taxonomy.resolve(full).filter(c -> c.type() == ConceptType.PERSON);
        if (known.isPresent()) return new Speaker(known.get().id(), known.get().label());
        String id = "person/" + slug(full);
        discovered.putIfAbsent(id, full);
        return new Speaker(id, full);
    }

    /** The first capitalised name of two or more words before the offset that contains the word. */
    private static List<String> fullNameBefore(Text text, String word, int before, List<Mention> mentions) {
        Pattern p = Pattern.compile("(?:\\p{Lu}[\\p{L}'’\\-]+ )+" + Pattern.quote(word) + "(?![\\p{L}])|(?<![\\p{L}])"
                + Pattern.quote(word) + "(?: \\p{Lu}[\\p{L}'’\\-]+)+");
        Matcher m = p.matcher(text.raw);
        while (m.find() && m.start() < before) {
            List<String> words = nameWords(m.group(), m.start(), mentions, true);
            if (words.size() > 1 && words.contains(word)) return words;
        }
        return List.of();
    }

    /** The run of capitalised words at the end (or start) of the span that is not a role or a known concept. */
    private static List<String> nameWords(String span, int spanStart, List<Mention> mentions, boolean trailing) {
        String[] words = span.replaceAll("[,;:()]", " ").trim().split("\\s+");
        List<String> out = new ArrayList<>();
        int n = words.length;
        for (int k = 0; k < n; k++) {
            String w = words[trailing ? n - 1 - k : k];
            if (w.isEmpty()) continue;
            boolean particle = !out.isEmpty() && PARTICLES.contains(w);
            boolean name = NAME_WORD.matcher(w).matches() && !ROLES.contains(w.toLowerCase(Locale.ROOT))
                    && !coveredByMention(span, spanStart, w, mentions);
            if (!(name || particle)) {
                if (out.isEmpty() && !trailing && ROLES.contains(w.toLowerCase(Locale.ROOT))) continue;
                break;
            }
            if (trailing) out.add(0, w);
            else out.add(w);
        }
        while (!out.isEmpty() && PARTICLES.contains(out.get(0))) out.remove(0);
        while (!out.isEmpty() && PARTICLES.contains(out.get(out.size() - 1))) out.remove(out.size() - 1);
        return out.size() > 4 ? List.of() : out;
    }

    private static boolean coveredByMention(String span, int spanStart, String word, List<Mention> mentions) {
        int at = span.indexOf(word);
        if (at < 0) return false;
        int abs = spanStart + (span.length() - span.stripLeading().length()) + at;
        return mentions.stream().anyMatch(m -> m.start() <= abs && abs < m.end());
    }

    private static String lastWordBefore(String span, String word) {
        String head = span.substring(0, span.lastIndexOf(word)).trim();
        String[] words = head.split("\\s+");
        return words.length == 0 ? "" : words[words.length - 1].toLowerCase(Locale.ROOT).replace(".", "");
    }

    private static int sentenceEnd(Text text, int from, int paraEnd) {
        for (int i = from; i < paraEnd; i++) {
            char c = text.raw.charAt(i);
            if (MARKS.indexOf(c) >= 0) return i;
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == paraEnd || text.raw.charAt(i + 1) == ' ')
                    && !abbreviation(text.raw, i)) return i;
        }
        return paraEnd;
    }

    private static int sentenceStart(Text text, Segment seg, List<Segment> segments) {
        int floor = text.start(seg.paragraph());
        for (Segment s : segments) {
            if (s.paragraph() == seg.paragraph() && s.closed() && s.close() < seg.open()) floor = Math.max(floor, s.close() + 1);
        }
        for (int i = seg.open() - 1; i > floor; i--) {
            char c = text.raw.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && text.raw.charAt(i + 1) == ' ' && !abbreviation(text.raw, i)) return i + 1;
        }
        return floor;
    }

    private static boolean abbreviation(String raw, int dot) {
        int i = dot - 1;
        while (i >= 0 && Character.isLetter(raw.charAt(i))) i--;
        String word = raw.substring(i + 1, dot);
        return word.length() == 1 && Character.isUpperCase(word.charAt(0))
                || Set.of("Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col").contains(word);
    }

    private static boolean inside(List<Segment> segments, int offset) {
        for (Segment s : segments) {
            if (s.start() <= offset && offset < s.end()) return true;
        }
        return false;
    }

    private static String clean(String quoted) {
        String s = quoted.replaceAll("\\s+", " ").strip();
        while (!s.isEmpty() && (MARKS.indexOf(s.charAt(0)) >= 0)) s = s.substring(1).strip();
        while (!s.isEmpty() && (MARKS.indexOf(s.charAt(s.length() - 1)) >= 0 || s.endsWith(","))) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.trim().split("\\s+").length;
    }

    static String slug(String name) {
        // letters that do not decompose into a base letter and an accent
        String plain = name.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "Ae").replace("ß", "ss")
                .replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ı", "i");
        String ascii = Normalizer.normalize(plain, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("['’]", "").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
