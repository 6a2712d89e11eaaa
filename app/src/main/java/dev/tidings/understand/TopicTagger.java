package dev.tidings.understand;

import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Relevance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags rule-defined topics ({@link TopicRule}) once the places, organisations and people of an
 * article are known, since rules ask for them ("about an EU member state"). Thread-safe.
 */
final class TopicTagger {
    /** One term of one topic's rule, with its slot in the per-article count array. */
    private record Slot(int topic, int index, TermIndex.Term term) {
    }

    private record Compiled(TaxonomyEntry entry, List<Slot> slots, int firstSlot, Map<String, TermIndex.Term> phrases) {
    }


    private static final Map<String, ConceptType> TYPES = new HashMap<>();

    static {
        for (ConceptType t : ConceptType.values()) TYPES.put(t.key(), t);
    }

    private final Taxonomy taxonomy;
    private final List<Compiled> topics = new ArrayList<>();
    /**
     * Every topic's terms by their first word (folded, lower-case) → their slots, for the
     * {@link Vocabulary}, so an article's words are read once for all topics (and all names).
     */
    private final Map<String, int[]> firstWords = new HashMap<>();
    /** Terms whose first word is a prefix ("deport*"), by that prefix without the star. */
    private final Map<String, int[]> stems = new HashMap<>();
    /** Terms whose first word is a bare {@code *} after folding (match any word; unusual). */
    private final int[] anyWord;
    private int slotCount;
    /** Per slot, flat for the per-word loop: its topic, its term's word count, weight and whether its first word is whole. */
    private final int[] slotTopic;
    private final int[] slotWords;
    private final double[] slotWeight;
    private final boolean[] slotWhole;
    private final TermIndex.Term[] slotTerm;

    TopicTagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        Map<String, List<Slot>> exact = new LinkedHashMap<>();
        Map<String, List<Slot>> prefixed = new LinkedHashMap<>();
        List<Slot> any = new ArrayList<>();
        for (TaxonomyEntry e : taxonomy.entries()) {
            if (e.rule() == null) continue;
            Map<String, TermIndex.Term> phrases = new HashMap<>();
            for (String p : e.rule().conditionPhrases()) {
                TermIndex.Term t = TermIndex.term(p, 1.0);
                if (t != null) phrases.put(p, t);
            }
            int topic = topics.size();
            int firstSlot = slotCount;
            List<Slot> slots = new ArrayList<>();
            e.rule().terms().forEach((source, weight) -> {
                TermIndex.Term t = TermIndex.term(source, weight);
                if (t == null) return;
                Slot slot = new Slot(topic, slotCount++, t);
                slots.add(slot);
                String first = t.stems()[0];
                if (t.prefix()[0] && first.isEmpty()) {
                    any.add(slot);
                } else if (t.prefix()[0]) {
                    prefixed.computeIfAbsent(first, k -> new ArrayList<>()).add(slot);
                } else {
                    exact.computeIfAbsent(first, k -> new ArrayList<>()).add(slot);
                }
            });
            topics.add(new Compiled(e, slots, firstSlot, phrases));
        }
        slotTopic = new int[slotCount];
        slotWords = new int[slotCount];
        slotWeight = new double[slotCount];
        slotWhole = new boolean[slotCount];
        slotTerm = new TermIndex.Term[slotCount];
        for (Compiled c : topics) {
            for (Slot slot : c.slots()) {
                slotTopic[slot.index()] = slot.topic();
                slotWords[slot.index()] = slot.term().words().length;
                slotWeight[slot.index()] = slot.term().weight();
                slotWhole[slot.index()] = !slot.term().prefix()[0];
                slotTerm[slot.index()] = slot.term();
            }
        }
        exact.forEach((word, list) -> firstWords.put(word, indexes(list)));
        prefixed.forEach((stem, list) -> stems.put(stem, indexes(list)));
        anyWord = indexes(any);
    }

    private static int[] indexes(List<Slot> slots) {
        return slots.stream().mapToInt(Slot::index).toArray();
    }

    /** The first words of the terms (lower-case) → the slots of the terms they start, for the {@link Vocabulary}. */
    Map<String, int[]> firstWords() {
        return firstWords;
    }

    /** The stems (lower-case, without the star) prefix terms start with → their slots, for the {@link Vocabulary}. */
    Map<String, int[]> stems() {
        return stems;
    }

    /**
     * How often each term occurs, by slot. At each word only a topic's longest (then heaviest) term
     * counts, and that topic's next term starts after it: "asylum seekers" is one hit, not also one
     * for "asylum". Only the words the vocabulary found can start a term (every word, when a term
     * starts with a bare {@code *}).
     */
    private int[] count(Text text, Vocabulary.Found found, Counts counts) {
        counts.prepare(topics.size());
        // the slot of each term occurrence, in text order, from index 1 on; cell 0 holds how many
        int[] occurrences = counts.occurrences;
        int occurred = 0;
        int[] nextFree = counts.nextFree;
        int[] best = counts.best;
        int[] touched = counts.touched;
        char[] folded = text.foldedChars;
        Vocabulary vocabulary = found.vocabulary;
        int shortStems = vocabulary.shortStems();
        boolean everyWord = anyWord.length > 0;
        int steps = everyWord ? text.words : found.count;
        int f = 0;
        for (int step = 0; step < steps; step++) {
            int i;
            int slot = -1;
            int group = -1;
            if (!everyWord || f < found.count && found.word[f] == step) {
                i = found.word[f];
                slot = found.slot[f];
                group = found.group[f];
                f++;
            } else {
                i = step;
            }
            int start = text.wordStart[i];
            int end = text.wordEnd[i];
            int touchedCount = 0;
            if (slot >= 0) {
                int[] exact = vocabulary.termSlots(slot);
                if (exact.length > 0) touchedCount = consider(exact, 1, text, i, nextFree, best, touched, touchedCount);
            }
            for (int stem = 0; stem < shortStems; stem++) {
                if (vocabulary.begins(stem, folded, start, end)) {
                    touchedCount = consider(vocabulary.stemSlots(stem), 1, text, i, nextFree, best, touched, touchedCount);
                }
            }
            if (group >= 0) {
                for (int stem = vocabulary.firstStem(group), last = vocabulary.endStem(group); stem < last; stem++) {
                    if (vocabulary.begins(stem, folded, start, end)) {
                        touchedCount = consider(vocabulary.stemSlots(stem), 1, text, i, nextFree, best, touched, touchedCount);
                    }
                }
            }
            if (everyWord) touchedCount = consider(anyWord, 0, text, i, nextFree, best, touched, touchedCount);
            for (int t = 0; t < touchedCount; t++) {
                int topic = touched[t];
                int b = best[topic];
                if (++occurred == occurrences.length) occurrences = java.util.Arrays.copyOf(occurrences, occurred * 2);
                occurrences[occurred] = b;
                nextFree[topic] = i + slotWords[b];
                best[topic] = -1;
            }
        }
        occurrences[0] = occurred;
        counts.occurrences = occurrences;
        return occurrences;
    }

    /**
     * The arrays {@link #count} works in, which one thread may keep from article to article (they
     * were a good part of what tagging allocated): per topic, where its next term may start, its best
     * term at the word in hand (-1 between words) and the topics touched at that word; and the
     * occurrences found.
     */
    static final class Counts {
        private int[] occurrences = new int[17];
        private int[] nextFree = new int[0];
        private int[] best = new int[0];
        private int[] touched = new int[0];

        private void prepare(int topics) {
            if (nextFree.length < topics) {
                nextFree = new int[topics];
                best = new int[topics];
                java.util.Arrays.fill(best, -1);
                touched = new int[topics];
            } else {
                java.util.Arrays.fill(nextFree, 0, topics, 0);
            }
        }
    }

    /**
     * Keeps, per topic, the best term matching at word {@code i}: more words, then more weight, then a
     * whole first word before a prefix, then the term written first. The first {@code known} words
     * of each candidate matched already (the first is what the candidates were looked up by).
     */
    private int consider(int[] candidates, int known, Text text, int i, int[] nextFree, int[] best, int[] touched,
                         int touchedCount) {
        for (int s : candidates) {
            int topic = slotTopic[s];
            if (i < nextFree[topic] || slotWords[s] > known && !slotTerm[s].matchesAt(text, i, known)) continue;
            int b = best[topic];
            if (b < 0) {
                touched[touchedCount++] = topic;
                best[topic] = s;
            } else if (better(s, b)) {
                best[topic] = s;
            }
        }
        return touchedCount;
    }

    private boolean better(int a, int b) {
        if (slotWords[a] != slotWords[b]) return slotWords[a] > slotWords[b];
        if (slotWeight[a] != slotWeight[b]) return slotWeight[a] > slotWeight[b];
        if (slotWhole[a] != slotWhole[b]) return slotWhole[a];
        return a < b;
    }

    /** The topics whose rules hold, given the words {@code words} found by a vocabulary with {@link #firstWords} and {@link #stems}. */
    List<ConceptTag> tag(Text text, Vocabulary.Found words, List<ConceptTag> found) {
        return tag(text, words, found, new Counts());
    }

    /** As {@link #tag(Text, Vocabulary.Found, List)}, counting in {@code counts} (one thread's at a time). */
    List<ConceptTag> tag(Text text, Vocabulary.Found words, List<ConceptTag> found, Counts counts) {
        int[] occurrences = count(text, words, counts);
        int occurred = occurrences[0];
        // slots are numbered topic by topic, in taxonomy order: sorted, the occurrences of one topic's terms lie together
        java.util.Arrays.sort(occurrences, 1, occurred + 1);
        List<ConceptTag> out = new ArrayList<>();
        ArticleFacts facts = null;
        // a topic without a term in the text scores 0, below any threshold (which is above 0)
        for (int o = 1; o <= occurred; ) {
            int t = slotTopic[occurrences[o]];
            Compiled topic = topics.get(t);
            TopicRule rule = topic.entry().rule();
            double raw = 0;
            int hits = 0;
            while (o <= occurred && slotTopic[occurrences[o]] == t) {
                int slot = occurrences[o];
                int c = 0;
                while (o <= occurred && occurrences[o] == slot) {
                    c++;
                    o++;
                }
                raw += slotWeight[slot] * (1 + Math.log(c));
                hits += c;
            }
            if (raw < rule.threshold()) continue;
            if (facts == null) facts = new ArticleFacts(text, found);
            facts.topic = topic;
            if (rule.require() != null && !rule.require().test(facts)) continue;
            if (rule.forbid() != null && rule.forbid().test(facts)) continue;
            double score = Math.round(raw / (raw + rule.about()) * 1000) / 1000.0;
            Relevance relevance = raw >= rule.about() ? Relevance.ABOUT : Relevance.MENTIONS;
            out.add(new ConceptTag(topic.entry().id(), topic.entry().concept().label(), ConceptType.TOPIC, relevance,
                    score, hits));
        }
        return out;
    }

    /**
     * What the conditions of one article's topics are evaluated against: the ids, types and
     * taxonomy tags of the concepts found, gathered once into sets ("about" ones apart), so a
     * selector is one set look-up. One per article and thread.
     */
    private final class ArticleFacts implements Condition.Facts {
        private final Text text;
        private final List<ConceptTag> found;
        private final Set<String> ids = new java.util.HashSet<>();
        private final Set<String> aboutIds = new java.util.HashSet<>();
        private final boolean[] types = new boolean[ConceptType.values().length];
        private final boolean[] aboutTypes = new boolean[ConceptType.values().length];
        private final Set<String> tags = new java.util.HashSet<>();
        private final Set<String> aboutTags = new java.util.HashSet<>();
        Compiled topic;

        ArticleFacts(Text text, List<ConceptTag> found) {
            this.text = text;
            this.found = found;
            for (ConceptTag t : found) {
                boolean about = t.relevance() == Relevance.ABOUT;
                ids.add(t.conceptId());
                types[t.type().ordinal()] = true;
                Set<String> of = tagsOf(t.conceptId());
                tags.addAll(of);
                if (about) {
                    aboutIds.add(t.conceptId());
                    aboutTypes[t.type().ordinal()] = true;
                    aboutTags.addAll(of);
                }
            }
        }

        public List<ConceptTag> tags() {
            return found;
        }

        public Set<String> tagsOf(String conceptId) {
            TaxonomyEntry e = taxonomy.entryOrNull(conceptId);
            return e == null ? Set.of() : e.tags();
        }

        public boolean containsPhrase(String phrase) {
            TermIndex.Term term = topic.phrases().get(phrase);
            return term != null && term.occursIn(text);
        }

        public boolean near(String first, String second, int words) {
            TermIndex.Term a = topic.phrases().get(first);
            TermIndex.Term b = topic.phrases().get(second);
            return a != null && b != null && TermIndex.near(text, a, b, words);
        }

        @Override
        public boolean selects(String kind, String value, boolean aboutOnly) {
            return switch (kind) {
                case "concept" -> (aboutOnly ? aboutIds : ids).contains(value);
                case "type" -> {
                    ConceptType type = TYPES.get(value);
                    yield type != null && (aboutOnly ? aboutTypes : types)[type.ordinal()];
                }
                case "tag" -> (aboutOnly ? aboutTags : tags).contains(value);
                default -> false;
            };
        }
    }
}
