package dev.tidings.understand;

import java.util.List;
import java.util.Map;

/**
 * The data-defined rule of a topic: weighted terms plus conditions on the other concepts found.
 *
 * <p>The topic fires when the weighted term score reaches {@code threshold}, {@code require} holds
 * and {@code forbid} does not; it is {@code about} the article from {@code about} on. Each distinct
 * term adds {@code weight × (1 + ln count)}, so repeating one word does not make a topic.
 *
 * @param terms     phrase → weight; case-insensitive, accents folded, a trailing {@code *} on a word matches any ending
 * @param threshold lowest score at which the topic is tagged at all
 * @param about     score from which the article is about the topic
 * @param require   condition that must hold, or null
 * @param forbid    condition that must not hold, or null
 */
record TopicRule(Map<String, Double> terms, double threshold, double about, Condition require, Condition forbid) {
    TopicRule {
        // in the order written: of two equally long and heavy terms that match at one word, the first counts
        terms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(terms));
        if (threshold <= 0 || about < threshold) {
            throw new IllegalArgumentException("topic rule needs 0 < threshold <= about");
        }
    }

    /** Every quoted phrase in the conditions also counts as something to look for in the text. */
    List<String> conditionPhrases() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if (require != null) require.phrases(out);
        if (forbid != null) forbid.phrases(out);
        return out;
    }
}
