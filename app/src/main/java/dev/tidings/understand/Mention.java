package dev.tidings.understand;

/**
 * One place in the text that names a concept.
 *
 * @param start  offset in the text, or -1 for a reference without a name (a quote credited to the concept)
 * @param weight 1, or less for a name standing in a list of names ("Canada, the UK and the US") or a credited quote
 */
record Mention(String conceptId, int start, int end, int paragraph, double weight) {
    Mention listed() {
        return new Mention(conceptId, start, end, paragraph, 0.5);
    }

    boolean isListed() {
        return weight < 1;
    }
}
