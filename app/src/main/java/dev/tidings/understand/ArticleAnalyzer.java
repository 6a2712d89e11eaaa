package dev.tidings.understand;

import dev.tidings.model.Concept;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Document;
import dev.tidings.model.Relevance;
import dev.tidings.model.Understanding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Understands one document: its language, the concepts it is about or mentions, and its quotes.
 *
 * <pre>{@code
 * ArticleAnalyzer analyzer = new ArticleAnalyzer(Taxonomy.bundled());
 * Understanding u = analyzer.analyze(document);
 * u.concepts().get(0);   // e.g. place/belarus, about, 0.92
 * }</pre>
 *
 * <p>Everything that can be prepared (name trie, rule terms, stop-word profiles) is built in the
 * constructor; {@link #analyze} keeps no state between calls, so one instance serves all threads.
 */
public final class ArticleAnalyzer {
    private static final double DISCOVERED_MAX_SCORE = 0.49;
    private static final double DATELINE_SCORE = 0.6;
    /** Higher score first, then more mentions, then by id: the order of {@link Understanding#concepts}. */
    private static final Comparator<ConceptTag> MOST_RELEVANT_FIRST = (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        if (byScore != 0) return byScore;
        int byMentions = Integer.compare(b.mentions(), a.mentions());
        return byMentions != 0 ? byMentions : a.conceptId().compareTo(b.conceptId());
    };

    private final LanguageDetector languages = new LanguageDetector();
    /** Everything built from one taxonomy; replaced whole, so an analysis never mixes two taxonomies. */
    private volatile Parts parts;

    private record Parts(Taxonomy taxonomy, ConceptTagger tagger, QuoteExtractor quotes, TopicTagger topics,
                         Vocabulary vocabulary, Dateline datelines, NameDiscoverer discoverer) {
        static Parts of(Taxonomy taxonomy) {
            ConceptTagger tagger = new ConceptTagger(taxonomy);
            TopicTagger topics = new TopicTagger(taxonomy);
            // one look-up per word serves the names and the topic rules
            Vocabulary vocabulary = new Vocabulary(tagger.names().firstWords(), topics.firstWords(), topics.stems());
            return new Parts(taxonomy, tagger, new QuoteExtractor(taxonomy), topics, vocabulary, new Dateline(taxonomy),
                    new NameDiscoverer(taxonomy));
        }
    }

    /**
     * An understanding plus the people and organisations found in the text that the taxonomy does
     * not know yet ({@link Concept#discovered()} true), for the caller to keep if it wants the next
     * article to know them.
     */
    public record Analysis(Understanding understanding, List<Concept> discovered) {
        public Analysis {
            discovered = List.copyOf(discovered);
        }
    }

    public ArticleAnalyzer(Taxonomy taxonomy) {
        this.parts = Parts.of(Objects.requireNonNull(taxonomy, "taxonomy"));
    }

    /** The taxonomy analyses use now. */
    public Taxonomy taxonomy() {
        return parts.taxonomy();
    }

    /**
     * Makes later analyses use this taxonomy (an admin's new concept, a discovered person). The
     * preparation happens in the calling thread; analyses running meanwhile finish with the old one.
     */
    public void use(Taxonomy taxonomy) {
        this.parts = Parts.of(Objects.requireNonNull(taxonomy, "taxonomy"));
    }

    /** The document's language (as given, else detected), its concepts (most relevant first) and quotes. */
    public Understanding analyze(Document document) {
        return analyzeAndDiscover(document).understanding();
    }

    /** As {@link #analyze}, plus the concepts discovered in the text. */
    public Analysis analyzeAndDiscover(Document document) {
        return analyze(document, true);
    }

    /**
     * The tagging stage alone: the document's language (as given, else detected) and its taxonomy
     * concepts with their relevance (names, datelines, context rules, topic rules), without quotes or
     * discovery. Scores can differ from {@link #analyze} only for concepts quoted in the article,
     * since being quoted adds to a concept's relevance there. For measuring and for callers that
     * need nothing else.
     */
    public Understanding tag(Document document) {
        return analyze(document, false).understanding();
    }

    /**
     * One thread's arrays for the article in hand: the folded text, its words and the words found,
     * reused from article to article rather than allocated per article. Nothing in an {@link Analysis}
     * refers to them.
     */
    private static final class Scratch {
        final Text.Scratch text = new Text.Scratch();
        Vocabulary.Found found;
        final TopicTagger.Counts counts = new TopicTagger.Counts();
        boolean busy;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Analysis analyze(Document document, boolean full) {
        Scratch scratch = SCRATCH.get();
        // re-entered on this thread (a caller analysing from inside an analysis): fresh arrays
        if (scratch.busy) return analyze(document, full, null);
        scratch.busy = true;
        try {
            return analyze(document, full, scratch);
        } finally {
            scratch.busy = false;
        }
    }

    private Analysis analyze(Document document, boolean full, Scratch scratch) {
        Parts p = parts;
        Taxonomy taxonomy = p.taxonomy();
        String language = language(document);
        Vocabulary.Found words = p.vocabulary().found(scratch == null ? null : scratch.found,
                document.text() == null ? 0 : document.text().length() / 5);
        Text text = new Text(document.title(), document.text(), scratch == null ? new Text.Scratch() : scratch.text, words);
        if (scratch != null) scratch.found = words;
        List<Mention> mentions = new ArrayList<>(p.tagger().mentions(text, words, language));
        Set<String> datelined = new java.util.HashSet<>();
        p.datelines().find(text).ifPresent(d -> {
            for (String id = d.placeId(); id != null; id = taxonomy.entry(id).map(TaxonomyEntry::partOf).orElse(null)) {
                if (!datelined.add(id)) break;
                mentions.add(new Mention(id, d.start(), d.end(), 1, 1.0));
            }
        });
        QuoteExtractor.Result quoted = full ? p.quotes().extract(text, mentions, p.discoverer().find(text, mentions))
                : QuoteExtractor.Result.NONE;

        Map<String, List<Mention>> byConcept = new LinkedHashMap<>();
        for (Mention m : mentions) byConcept.computeIfAbsent(m.conceptId(), k -> new ArrayList<>()).add(m);
        quoted.discovered().forEach((id, name) -> {
            List<Mention> found = discoveredMentions(text, id, name);
            if (!found.isEmpty()) byConcept.put(id, found);
        });
        Map<String, Integer> credited = new HashMap<>();
        for (QuoteExtractor.Credit c : quoted.credits()) {
            credited.merge(c.speakerId(), 1, Integer::sum);
            // being quoted is being referred to ("she said"), at half the weight of a name
            List<Mention> list = byConcept.get(c.speakerId());
            if (list != null) list.add(new Mention(c.speakerId(), -1, -1, c.paragraph(), 0.5));
        }

        double most = 0;
        for (List<Mention> list : byConcept.values()) most = Math.max(most, RelevanceScorer.weightedCount(list));
        double maxCount = most;
        boolean[] lead = RelevanceScorer.lead(text);
        List<ConceptTag> tags = new ArrayList<>();
        List<Concept> discovered = new ArrayList<>();
        for (Map.Entry<String, List<Mention>> e : byConcept.entrySet()) {
            String id = e.getKey();
            List<Mention> list = e.getValue();
            int quotes = quoted.credits().isEmpty() ? 0 : credited.getOrDefault(id, 0);
            double share = quoted.quotes().isEmpty() ? 0 : quotes / (double) quoted.quotes().size();
            double score = RelevanceScorer.score(list, text, lead, maxCount, share, quotes);
            TaxonomyEntry entry = taxonomy.entryOrNull(id);
            Concept concept = entry != null ? entry.concept() : taxonomy.byId(id).orElse(null);
            ConceptType type = concept != null ? concept.type() : ConceptType.ofKey(id.substring(0, id.indexOf('/')));
            if (concept == null) {
                // a discovered name rests on a heuristic and cannot be followed yet: a mention at most
                score = Math.min(score, DISCOVERED_MAX_SCORE);
                discovered.add(new Concept(id, type, quoted.discovered().get(id), List.of(), "Discovered in articles", true));
            }
            // filed from there: the place is what the story is about, as the agencies' own indexes count it
            if (datelined.contains(id)) score = Math.max(score, DATELINE_SCORE);
            Relevance relevance = RelevanceScorer.isAbout(score) ? Relevance.ABOUT : Relevance.MENTIONS;
            String label = concept != null ? concept.label() : quoted.discovered().get(id);
            int named = 0;
            for (Mention m : list) if (m.start() >= 0) named++;
            tags.add(new ConceptTag(id, label, type, relevance, score, named));
        }
        tags.addAll(p.topics().tag(text, words, List.copyOf(tags), scratch == null ? new TopicTagger.Counts() : scratch.counts));
        tags.sort(MOST_RELEVANT_FIRST);
        return new Analysis(new Understanding(language, tags, quoted.quotes()), discovered);
    }

    private String language(Document document) {
        String given = document.language();
        if (given != null && !given.isBlank()) {
            String code = given.strip().toLowerCase(Locale.ROOT);
            int dash = code.indexOf('-') > 0 ? code.indexOf('-') : code.indexOf('_');
            return dash > 0 ? code.substring(0, dash) : code;
        }
        return languages.detect(document.title() + "\n" + document.text());
    }

    /** Where a discovered name is used: the full name, and a person's surname once the full name came. */
    private static List<Mention> discoveredMentions(Text text, String id, String name) {
        List<Mention> out = new ArrayList<>();
        int first = indexOfWord(text.raw, name, 0);
        if (first < 0) return out;
        String surname = id.startsWith("person/") ? name.substring(name.lastIndexOf(' ') + 1) : name;
        int i = first;
        while (i >= 0) {
            boolean full = text.raw.startsWith(name, i);
            int end = i + (full ? name.length() : surname.length());
            out.add(new Mention(id, i, end, text.paragraphAt(i), 1.0));
            int nextFull = indexOfWord(text.raw, name, end);
            int nextSurname = indexOfWord(text.raw, surname, end);
            i = nextFull >= 0 && nextFull <= nextSurname || nextSurname < 0 ? nextFull : nextSurname;
        }
        return out;
    }

    private static int indexOfWord(String text, String word, int from) {
        int i = text.indexOf(word, from);
        while (i >= 0) {
            int end = i + word.length();
            if ((i == 0 || !Folding.isWordChar(text.charAt(i - 1))) && (end == text.length() || !Folding.isWordChar(text.charAt(end)))) {
                return i;
            }
            i = text.indexOf(word, i + 1);
        }
        return -1;
    }
}
