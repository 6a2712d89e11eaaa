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
    private record Compiled(TaxonomyEntry entry, TermIndex terms, Map<String, TermIndex> phrases) {
    }

    private final Taxonomy taxonomy;
    private final List<Compiled> topics = new ArrayList<>();

    TopicTagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (TaxonomyEntry e : taxonomy.entries()) {
            if (e.rule() == null) continue;
            Map<String, TermIndex> phrases = new HashMap<>();
            for (String p : e.rule().conditionPhrases()) phrases.put(p, new TermIndex(Map.of(p, 1.0)));
            topics.add(new Compiled(e, new TermIndex(e.rule().terms()), phrases));
        }
    }

    List<ConceptTag> tag(Text text, List<ConceptTag> found) {
        List<String> tokens = TermIndex.tokens(text.raw);
        List<ConceptTag> out = new ArrayList<>();
        for (Compiled topic : topics) {
            TopicRule rule = topic.entry().rule();
            Map<TermIndex.Term, Integer> counts = topic.terms().count(tokens);
            double raw = 0;
            int hits = 0;
            for (Map.Entry<TermIndex.Term, Integer> c : counts.entrySet()) {
                raw += c.getKey().weight() * (1 + Math.log(c.getValue()));
                hits += c.getValue();
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
