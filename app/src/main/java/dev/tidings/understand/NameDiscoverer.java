package dev.tidings.understand;

import dev.tidings.model.ConceptType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds people and organisations the taxonomy does not know from the way news writes about them:
 * a role before the name ({@code Interior minister Jan Novak}), a role after it
 * ({@code Jan Novak, the EU's home affairs commissioner}), a verb of saying ({@code Jan Novak said})
 * and, for organisations, a closing word such as Party, Foundation or Inc. A name is two to four
 * capitalised words; words that start sentences or titles ({@code If}, {@code The}, {@code Minister})
 * are not part of it, and a name the taxonomy already tags is not discovered again. Thread-safe.
 */
final class NameDiscoverer {
    private static final String NAME = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}]+)?";
    private static final String PARTICLE = "(?:von|van|der|den|de|da|di|du|le|la|bin|al-|el-|dos|del)";
    private static final String FULL = "((?:" + NAME + "\\s+(?:" + PARTICLE + "\\s+)*){1,3}" + NAME + ")";
    private static final String ROLE_WORDS = "minister|commissioner|president|chancellor|secretary|spokesman|spokeswoman|"
            + "spokesperson|mayor|governor|senator|ambassador|director|chief|leader|lawmaker|legislator|MEP|MP|"
            + "prosecutor|judge|general|colonel|CEO|chairman|chairwoman|chair|envoy|official|adviser|advisor|"
            + "economist|analyst|professor|researcher|rapporteur|premier|coordinator|head|founder|activist";
    private static final String ORG_ENDS = "Party|Foundation|Institute|Association|Federation|Agency|Corp|Corporation|Inc|"
            + "Ltd|Group|University|Front|Movement|Alliance|Coalition|Society|Trust|Fund|Union|Network|Council";
    private static final Set<String> ROLES = Set.of(ROLE_WORDS.toLowerCase(Locale.ROOT).split("\\|"));
    private static final Set<String> SAYING = Set.of("said", "says", "told", "tells", "added", "warned", "argued", "wrote",
            "explained", "insisted", "stressed");
    private static final Set<String> ORG_ENDINGS = Set.of(ORG_ENDS.split("\\|"));
    /** A name right after a role word: "minister Jan Novak". */
    private static final Pattern NAME_AFTER = Pattern.compile("s?\\s+" + FULL + "\\b");
    /** A name that ends where the region ends: "Jan Novak" before "said" or before ", the … commissioner". */
    private static final Pattern NAME_BEFORE = Pattern.compile(FULL + "\\s*$");
    /** An organisation's name that ends with the region: "Brightwater Securities", "Freedom Party". */
    private static final Pattern ORG_BEFORE = Pattern.compile("((?:(?:" + NAME + "|\\p{Lu}{2,6})\\s+(?:of\\s+(?:the\\s+)?)?){1,4}\\S+)$");
    private static final int WINDOW = 90;

    /** Capitalised words that begin sentences and titles, or are roles, days or months: never part of a name. */
    static final Set<String> NOT_NAMES = Set.of("A", "An", "The", "If", "When", "While", "But", "And", "Or", "As", "At",
            "In", "On", "Of", "For", "From", "By", "With", "To", "After", "Before", "Since", "Although", "Though",
            "Because", "Unless", "Until", "Once", "Then", "Now", "So", "Yet", "Still", "Also", "However", "Meanwhile",
            "Earlier", "Later", "Last", "Next", "This", "That", "These", "Those", "It", "Its", "He", "She", "They",
            "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Here", "What", "Who", "Why", "How",
            "Where", "Which", "Both", "Each", "Every", "Some", "Many", "Most", "Several", "Such", "Asked", "Speaking",
            "According", "Under", "Over", "Into", "Among", "Against", "Despite", "During", "Without", "Within",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
            "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "President", "Prime", "Minister",
            "Commissioner", "Chancellor", "Secretary", "Senator", "Governor", "Mayor", "Ambassador", "General",
            "Interior", "Foreign", "Home", "Affairs", "Defence", "Defense", "Justice", "Finance", "Economy", "Health",
            "Deputy", "Vice", "Chief", "Executive", "Director", "Spokesman", "Spokeswoman", "Spokesperson", "Officials",
            "Police", "Border", "Guard", "Government", "Ministry", "State", "Federal", "National", "European", "Reuters",
            "Migration", "Trade", "Labour", "Labor", "Party", "Leader", "Opposition", "Chair", "Chairman", "Head",
            "Rapporteur", "Professor", "Judge", "Prosecutor", "Analyst", "Economist", "Envoy", "Official", "Members",
            "Member", "Analysts", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
            "Central", "Africa", "Asia", "Europe", "America", "Middle", "Sea", "Ocean", "River", "Island", "Islands");
    /** Last words that make a name an organisation's: "Brightwater Securities said". */
    private static final Set<String> ORG_WORDS = Set.of("Securities", "Capital", "Partners", "Bank", "Group", "Holdings",
            "Research", "Markets", "Ministry", "Agency", "Council", "Committee", "Commission", "Party", "Institute",
            "Foundation", "Association", "Federation", "Corp", "Inc", "Ltd", "Company", "Airlines", "Airways", "Energy",
            "Motors", "Insurance", "Investments", "Advisors", "Advisers", "Consulting", "Labs", "Systems", "Media",
            "News", "Times", "Post", "Journal", "University", "College", "School", "Hospital", "Court", "Office",
            "Service", "Services", "Authority", "Police", "Army", "Forces", "Union", "Network", "Trust", "Fund");
    /** Words that make an organisation's name generic when nothing else stands beside them. */
    private static final Set<String> GENERIC = Set.of("Central", "National", "European", "Federal", "State", "Interior",
            "Foreign", "International", "World", "Global", "New", "Democratic", "People's", "Peoples", "Socialist",
            "Liberal", "Conservative", "Green", "Greens", "Labour", "Labor", "Workers", "Free", "United", "Public",
            "Private", "Royal", "General", "Joint", "Investment", "Asset", "Research", "Support", "Security",
            "Emergency", "Relief", "Development", "Science", "Sciences", "Technology", "Policy", "Trade", "Union",
            "Monetary", "Financial", "Economic", "Social", "Human", "Rights", "Health", "Football", "The", "of", "the",
            "Some", "This", "That", "Its", "Their", "Her", "His", "Our", "Other", "Which", "A", "An", "Governing",
            "Executive", "Supervisory", "Advisory", "Scientific", "Management", "Administrative");

    private final Taxonomy taxonomy;

    NameDiscoverer(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /**
     * Concept id → name of the people and organisations found by a cue and not in the taxonomy, in
     * text order. Reads the words once and looks around the cue words only, which keeps it cheap.
     */
    Map<String, String> find(Text text, List<Mention> mentions) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = text.raw;
        int bodyStart = text.paragraphCount() > 1 ? text.start(1) : raw.length();
        int i = bodyStart; // titles capitalise every word: no cues there
        while (i < raw.length()) {
            if (!Character.isLetter(raw.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < raw.length() && (Character.isLetter(raw.charAt(i)))) i++;
            if (i - start < 2 || i - start > 13) continue; // no cue word is shorter or longer
            String word = raw.substring(start, i);
            String lower = Character.isUpperCase(word.charAt(0)) ? word.toLowerCase(Locale.ROOT) : word;
            if (SAYING.contains(lower)) {
                nameBefore(text, start, mentions).ifPresent(n -> putPerson(out, n));
            } else if (ROLES.contains(lower) || lower.endsWith("s") && ROLES.contains(lower.substring(0, lower.length() - 1))) {
                Matcher m = NAME_AFTER.matcher(raw).region(i, Math.min(raw.length(), i + WINDOW));
                if (m.lookingAt()) person(text, m.start(1), m.end(1), mentions).ifPresent(n -> putPerson(out, n));
                int comma = appositionComma(raw, start, bodyStart);
                if (comma > 0) nameBefore(text, comma, mentions).ifPresent(n -> putPerson(out, n));
            }
            if (ORG_ENDINGS.contains(word)) {
                Matcher m = ORG_BEFORE.matcher(raw).region(Math.max(bodyStart, start - WINDOW), i);
                if (m.find() && !overlaps(mentions, m.start(1), m.end(1))) {
                    organisation(m.group(1)).ifPresent(n -> put(out, ConceptType.ORGANISATION, n));
                }
            }
        }
        return out;
    }

    private void putPerson(Map<String, String> out, String name) {
        put(out, ORG_WORDS.contains(name.substring(name.lastIndexOf(' ') + 1)) ? ConceptType.ORGANISATION : ConceptType.PERSON, name);
    }

    /** The name that ends right before the offset (spaces between), cleaned; empty when there is none. */
    private java.util.Optional<String> nameBefore(Text text, int offset, List<Mention> mentions) {
        Matcher m = NAME_BEFORE.matcher(text.raw).region(Math.max(0, offset - WINDOW), offset);
        return m.find() ? person(text, m.start(1), m.end(1), mentions) : java.util.Optional.empty();
    }

    /**
     * The comma that opens an apposition ending in the role word at {@code roleStart}
     * ("Jan Novak, the EU's home affairs commissioner"), or -1.
     */
    private static int appositionComma(String raw, int roleStart, int floor) {
        for (int k = roleStart - 1; k >= Math.max(floor, roleStart - 70); k--) {
            char c = raw.charAt(k);
            if (c == ',') return k;
            if (c == '.' || c == ';' || c == ':' || c == '"' || c == '“' || c == '”' || c == '\n') return -1;
        }
        return -1;
    }

    private void put(Map<String, String> out, ConceptType type, String name) {
        if (taxonomy.resolve(name).isPresent()) return;
        // "Novak said" after "Jan Novak": the shorter name is the same person
        if (out.values().stream().anyMatch(n -> n.endsWith(" " + name) || n.equals(name))) return;
        out.putIfAbsent(type.key() + "/" + QuoteExtractor.slug(name), name);
    }

    private java.util.Optional<String> person(Text text, int start, int end, List<Mention> mentions) {
        List<String> words = new ArrayList<>(Arrays.asList(text.raw.substring(start, end).split("\\s+")));
        int offset = start;
        // drop words before the last one that cannot be part of a name ("If Tessellate", "Minister Jan Novak")
        int cut = 0;
        for (int k = 0; k < words.size(); k++) if (NOT_NAMES.contains(words.get(k))) cut = k + 1;
        for (int k = 0; k < cut; k++) offset = text.raw.indexOf(words.get(k), offset) + words.get(k).length();
        List<String> name = cleaned(words.subList(cut, words.size()));
        if (name.size() < 2) return java.util.Optional.empty();
        String full = String.join(" ", name);
        int at = text.raw.indexOf(full, offset);
        if (at < 0 || overlaps(mentions, at, at + full.length())) return java.util.Optional.empty();
        return java.util.Optional.of(full);
    }

    /** A person's name without leading particles or words that are not names; empty unless two words remain. */
    static List<String> cleaned(List<String> words) {
        List<String> out = new ArrayList<>(words);
        while (!out.isEmpty() && (NOT_NAMES.contains(out.get(0)) || Character.isLowerCase(out.get(0).charAt(0)))) out.remove(0);
        while (!out.isEmpty() && Character.isLowerCase(out.get(out.size() - 1).charAt(0))) out.remove(out.size() - 1);
        return out.size() < 2 || out.size() > 4 ? List.of() : out;
    }

    private static java.util.Optional<String> organisation(String found) {
        List<String> words = new ArrayList<>(Arrays.asList(found.split("\\s+")));
        while (!words.isEmpty() && NOT_NAMES.contains(words.get(0)) && !words.get(0).equals("Party")) words.remove(0);
        if (words.size() < 2) return java.util.Optional.empty();
        boolean specific = words.subList(0, words.size() - 1).stream().anyMatch(w -> !GENERIC.contains(w) && !NOT_NAMES.contains(w));
        return specific ? java.util.Optional.of(String.join(" ", words)) : java.util.Optional.empty();
    }

    private static boolean overlaps(List<Mention> mentions, int start, int end) {
        for (Mention m : mentions) {
            if (m.start() >= 0 && m.start() < end && start < m.end()) return true;
        }
        return false;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
