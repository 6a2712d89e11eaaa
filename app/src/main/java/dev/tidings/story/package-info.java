/**
 * Groups articles into stories. Input: a new {@link dev.tidings.model.Article}; output: a
 * {@link dev.tidings.story.StoryAssigner.Placement} (the story it joins, stories merged by it, the
 * articles it is linked to). Imports only {@code dev.tidings.model}; never touches storage (the
 * pipeline saves the result and rebuilds the index from the store at start).
 *
 * <p>Design. Each article gets three MinHash signatures ({@code Fingerprint}, hash4j SuperMinHash):
 * word 3-shingles (copies), content words (what it is about) and names and numbers (which event).
 * Locality-sensitive banding ({@code BandTable}) finds the candidates: copy bands over all time, name
 * bands keyed by week so a look-up touches only the window's articles, never the whole archive. A
 * pairwise test decides links ({@link dev.tidings.story.StoryAssigner#explain}), and a story is a
 * connected group of links (union-find), which is why the groups do not depend on arrival order.
 * The index lives in memory, not in the database: it is compact (about a kilobyte per article), is
 * rebuilt from stored articles in seconds for a typical archive, and keeping it out of SQL keeps the
 * per-article cost at a few microseconds of look-ups instead of tens of queries.
 */
package dev.tidings.story;
