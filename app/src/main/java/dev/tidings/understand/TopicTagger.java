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


    private static final int GATE = 3;
    private static final Map<String, ConceptType> TYPES = new HashMap<>();

    static {
        for (ConceptType t : ConceptType.values()) TYPES.put(t.key(), t);
    }

    private final Taxonomy taxonomy;
    private final List<Compiled> topics = new ArrayList<>();
    /**
     * Every topic's terms in one index, so an article's words are read once for all topics: by
     * first word (folded, lower-case), looked up with the hash {@link Text} computed for the word.
     */
    private final TokenTable<int[]> byFirstWord = new TokenTable<>();
    /** Terms whose first word is a prefix ("deport*"), by that prefix. */
    private final TokenTable<int[]> byStem = new TokenTable<>();
    /** Bit n set when some prefix is n characters long (n < 64): the lengths worth a look-up. */
    private final long stemLengths;
    /**
     * First three letters of the prefixes of three letters or more → the lengths of those prefixes
     * (bit n for length n): most words start with no prefix's first three letters, and cost one look-up.
     */
    private final TokenTable<long[]> stemGate = new TokenTable<>();
    private final int longestStem;
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
                if (t.prefix()[0] && (first.isEmpty() || first.length() >= 64)) {
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
        exact.forEach((word, list) -> byFirstWord.put(word, indexes(list)));
        long lengths = 0;
        int longest = 0;
        for (Map.Entry<String, List<Slot>> p : prefixed.entrySet()) {
            byStem.put(p.getKey(), indexes(p.getValue()));
            lengths |= 1L << p.getKey().length();
            if (p.getKey().length() >= GATE) {
                String first = p.getKey().substring(0, GATE);
                long[] mask = stemGate.get(first);
                if (mask == null) stemGate.put(first, mask = new long[1]);
                mask[0] |= 1L << p.getKey().length();
            }
            longest = Math.max(longest, p.getKey().length());
        }
        stemLengths = lengths;
        longestStem = longest;
        anyWord = indexes(any);
    }

    private static int[] indexes(List<Slot> slots) {
        return slots.stream().mapToInt(Slot::index).toArray();
    }

    /**
     * How often each term occurs, by slot. At each word only a topic's longest (then heaviest) term
     * counts, and that topic's next term starts after it: "asylum seekers" is one hit, not also one
     * for "asylum". Per word: one look-up of the word, and one of each of its beginnings as long as
     * some prefix term's, hashed as they are read.
     */
    private int[] count(Text text, int[] hitTopics) {
        int[] counts = new int[slotCount];
        boolean[] hit = new boolean[topics.size()];
        int hitCount = 0;
        int[] nextFree = new int[topics.size()];
        int[] best = new int[topics.size()];
        java.util.Arrays.fill(best, -1);
        int[] touched = new int[topics.size()];
        char[] lower = text.lower;
        for (int i = 0; i < text.words; i++) {
            int start = text.wordStart[i];
            int end = text.wordEnd[i];
            int touchedCount = 0;
            int[] exact = byFirstWord.get(lower, start, end, text.lowerHash[i]);
            if (exact != null) touchedCount = consider(exact, 1, text, i, nextFree, best, touched, touchedCount);
            int length = end - start;
            int h = 0;
            for (int n = 1; n < GATE && n <= length; n++) {
                h = 31 * h + lower[start + n - 1];
                if ((stemLengths >>> n & 1) == 0) continue;
                int[] prefixed = byStem.get(lower, start, start + n, h);
                if (prefixed != null) touchedCount = consider(prefixed, 1, text, i, nextFree, best, touched, touchedCount);
            }
            if (length >= GATE && longestStem >= GATE) {
                h = 31 * h + lower[start + GATE - 1];
                long[] gate = stemGate.get(lower, start, start + GATE, h);
                if (gate != null) {
                    long mask = gate[0];
                    int reach = Math.min(length, longestStem);
                    for (int n = GATE; n <= reach; n++) {
                        if (n > GATE) h = 31 * h + lower[start + n - 1];
                        if ((mask >>> n & 1) == 0) continue;
                        int[] prefixed = byStem.get(lower, start, start + n, h);
                        if (prefixed != null) touchedCount = consider(prefixed, 1, text, i, nextFree, best, touched, touchedCount);
                    }
                }
            }
            if (anyWord.length > 0) touchedCount = consider(anyWord, 0, text, i, nextFree, best, touched, touchedCount);
            for (int t = 0; t < touchedCount; t++) {
                int topic = touched[t];
                int b = best[topic];
                counts[b]++;
                if (!hit[topic]) {
                    hit[topic] = true;
                    hitTopics[hitCount++] = topic;
                }
                nextFree[topic] = i + slotWords[b];
                best[topic] = -1;
            }
        }
        hitTopics[hitTopics.length - 1] = hitCount;
        return counts;
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

    List<ConceptTag> tag(Text text, List<ConceptTag> found) {
        // the topics with a term in the text, in taxonomy order; the last cell holds how many there are
        int[] hitTopics = new int[topics.size() + 1];
        int[] counts = count(text, hitTopics);
        int hitCount = hitTopics[topics.size()];
        java.util.Arrays.sort(hitTopics, 0, hitCount);
        List<ConceptTag> out = new ArrayList<>();
        ArticleFacts facts = null;
        // a topic without a term in the text scores 0, below any threshold (which is above 0)
        for (int h = 0; h < hitCount; h++) {
            Compiled topic = topics.get(hitTopics[h]);
            TopicRule rule = topic.entry().rule();
            double raw = 0;
            int hits = 0;
            // a topic's slots are numbered one after another
            for (int slot = topic.firstSlot(), end = slot + topic.slots().size(); slot < end; slot++) {
                int c = counts[slot];
                if (c == 0) continue;
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
