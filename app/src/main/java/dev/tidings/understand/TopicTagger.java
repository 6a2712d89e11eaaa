package dev.tidings.understand;

import dev.tidings.model.ConceptTag;
import dev.tidings.model.ConceptType;
import dev.tidings.model.Relevance;

import java.util.ArrayList;
import java.util.HashMap;
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

    private record Compiled(TaxonomyEntry entry, List<Slot> slots, Map<String, TermIndex> phrases) {
    }

    private static final int PREFIX_KEY = 3;

    private final Taxonomy taxonomy;
    private final List<Compiled> topics = new ArrayList<>();
    /** Every topic's terms in one index, so an article's words are read once for all topics. */
    private final Map<String, List<Slot>> byFirstWord = new HashMap<>();
    /** Terms whose first word is a prefix of three letters or more, by its first three letters. */
    private final Map<String, List<Slot>> byPrefix = new HashMap<>();
    /** Terms whose first word is a prefix of one or two letters (rare). */
    private final List<Slot> shortPrefixes = new ArrayList<>();
    private int slotCount;

    TopicTagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (TaxonomyEntry e : taxonomy.entries()) {
            if (e.rule() == null) continue;
            Map<String, TermIndex> phrases = new HashMap<>();
            for (String p : e.rule().conditionPhrases()) phrases.put(p, new TermIndex(Map.of(p, 1.0)));
            int topic = topics.size();
            List<Slot> slots = new ArrayList<>();
            e.rule().terms().forEach((source, weight) -> {
                TermIndex.Term t = TermIndex.term(source, weight);
                if (t == null) return;
                Slot slot = new Slot(topic, slotCount++, t);
                slots.add(slot);
                String first = t.stems()[0];
                if (t.prefix()[0] && first.length() < PREFIX_KEY) {
                    shortPrefixes.add(slot);
                } else if (t.prefix()[0]) {
                    byPrefix.computeIfAbsent(first.substring(0, PREFIX_KEY), k -> new ArrayList<>()).add(slot);
                } else {
                    byFirstWord.computeIfAbsent(first, k -> new ArrayList<>()).add(slot);
                }
            });
            topics.add(new Compiled(e, slots, phrases));
        }
    }

    /**
     * How often each term occurs, by slot. At each word only a topic's longest (then heaviest) term
     * counts, and that topic's next term starts after it: "asylum seekers" is one hit, not also one for "asylum".
     */
    private int[] count(List<String> tokens) {
        int[] counts = new int[slotCount];
        int[] nextFree = new int[topics.size()];
        Slot[] best = new Slot[topics.size()];
        List<Integer> touched = new ArrayList<>();
        List<Slot> candidates = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            candidates.clear();
            List<Slot> exact = byFirstWord.get(token);
            if (exact != null) candidates.addAll(exact);
            if (token.length() >= PREFIX_KEY) {
                List<Slot> p = byPrefix.get(token.substring(0, PREFIX_KEY));
                if (p != null) candidates.addAll(p);
            }
            candidates.addAll(shortPrefixes);
            if (candidates.isEmpty()) continue;
            for (Slot s : candidates) {
                if (i < nextFree[s.topic()] || !s.term().matchesAt(tokens, i)) continue;
                Slot b = best[s.topic()];
                if (b == null) touched.add(s.topic());
                if (b == null || s.term().words().length > b.term().words().length
                        || s.term().words().length == b.term().words().length && s.term().weight() > b.term().weight()) {
                    best[s.topic()] = s;
                }
            }
            for (int topic : touched) {
                Slot b = best[topic];
                counts[b.index()]++;
                nextFree[topic] = i + b.term().words().length;
                best[topic] = null;
            }
            touched.clear();
        }
        return counts;
    }

    List<ConceptTag> tag(Text text, List<ConceptTag> found) {
        List<String> tokens = TermIndex.tokens(text.raw);
        int[] counts = count(tokens);
        List<ConceptTag> out = new ArrayList<>();
        for (Compiled topic : topics) {
            TopicRule rule = topic.entry().rule();
            double raw = 0;
            int hits = 0;
            for (Slot s : topic.slots()) {
                int c = counts[s.index()];
                if (c == 0) continue;
                raw += s.term().weight() * (1 + Math.log(c));
                hits += c;
            }
            if (raw < rule.threshold()) continue;
            Condition.Facts facts = new Condition.Facts() {
                public List<ConceptTag> tags() {
                    return found;
                }

                public Set<String> tagsOf(String conceptId) {
                    return taxonomy.entry(conceptId).map(TaxonomyEntry::tags).orElse(Set.of());
                }

                public boolean containsPhrase(String phrase) {
                    TermIndex index = topic.phrases().get(phrase);
                    return index != null && !index.count(tokens).isEmpty();
                }
            };
            if (rule.require() != null && !rule.require().test(facts)) continue;
            if (rule.forbid() != null && rule.forbid().test(facts)) continue;
            double score = Math.round(raw / (raw + rule.about()) * 1000) / 1000.0;
            Relevance relevance = raw >= rule.about() ? Relevance.ABOUT : Relevance.MENTIONS;
            out.add(new ConceptTag(topic.entry().id(), topic.entry().concept().label(), ConceptType.TOPIC, relevance,
                    score, hits));
        }
        return out;
    }
}
