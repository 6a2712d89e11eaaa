package dev.tidings.understand;

import java.util.List;

/**
 * How central a concept is to an article, 0..1, from where and how often it is named: in the
 * title, in the lead (the first paragraph, or the first two when the first is short), how often
 * (with diminishing returns, a name in a list counting half), how widely across the paragraphs,
 * how often compared with the most named concept, and whether the concept is quoted. From
 * {@link #ABOUT} on, the article is about the concept; a single name in a list stays far below.
 */
final class RelevanceScorer {
    static final double ABOUT = 0.5;
    private static final int LEAD_CHARS = 200;

    private RelevanceScorer() {
    }

    /** Which paragraphs (by index; the title is not) form the lead. */
    static boolean[] lead(Text text) {
        boolean[] lead = new boolean[text.paragraphCount()];
        int chars = 0;
        for (int p = 1; p < text.paragraphCount() && chars < LEAD_CHARS; p++) {
            lead[p] = true;
            chars += text.end(p) - text.start(p);
        }
        return lead;
    }

    /**
     * @param mentions      the concept's mentions
     * @param maxCount      the weighted count of the most mentioned concept
     * @param quoteShare    the share of the article's quotes credited to the concept, 0 when none (its quotes
     *                      are also among the mentions, at half weight)
     * @param quotes        how many quotes are credited to the concept
     */
    static double score(List<Mention> mentions, Text text, boolean[] lead, double maxCount, double quoteShare,
                        int quotes) {
        boolean inTitle = false;
        boolean inLead = false;
        double count = 0;
        boolean[] seen = new boolean[text.paragraphCount()];
        int spreadOver = 0;
        for (Mention m : mentions) {
            count += m.weight();
            if (m.paragraph() == 0) {
                inTitle = true;
                continue;
            }
            if (!seen[m.paragraph()]) {
                seen[m.paragraph()] = true;
                spreadOver++;
            }
            if (lead[m.paragraph()] && !m.isListed() && m.start() >= 0) inLead = true;
        }
        double frequency = 1 - Math.exp(-count / 2.5);
        double spread = Math.min(1.0, spreadOver / (double) Math.max(1, Math.min(text.bodyParagraphs(), 6)));
        double relative = maxCount > 0 ? Math.min(1.0, count / maxCount) : 0;
        double score = 0.30 * (inTitle ? 1 : 0) + 0.20 * (inLead ? 1 : 0) + 0.20 * frequency + 0.15 * spread
                + 0.15 * relative + (quotes > 0 ? 0.10 : 0) + (quotes > 1 ? 0.10 * quoteShare : 0);
        return Math.min(1.0, Math.round(score * 1000) / 1000.0);
    }

    static double weightedCount(List<Mention> mentions) {
        double sum = 0;
        for (Mention m : mentions) sum += m.weight();
        return sum;
    }

    static boolean isAbout(double score) {
        return score >= ABOUT;
    }
}
