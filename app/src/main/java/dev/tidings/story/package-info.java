/**
 * Groups articles into stories. Input: a new {@link dev.tidings.model.Article}; output: a
 * {@link dev.tidings.story.StoryAssigner.Placement} (the story it joins, stories merged by it, the
 * articles it is linked to, and the article's signature in its stored form). Imports only
 * {@code dev.tidings.model}; never touches storage (the pipeline keeps each signature beside its article
 * and hands the kept signatures back at start).
 *
 * <p>Design. Each article gets a {@code Fingerprint}, computed in one pass over its characters: a
 * one-permutation MinHash of its word 3-shingles (copies; LSH bands over all time), one of its names and
 * numbers (LSH bands within a period around its date) and bottom-k sketches of its content words and
 * of its names (the similarities the event test weighs, exact for small sets). A pairwise test decides
 * links ({@link dev.tidings.story.StoryAssigner#explain}), and a story is a connected group of links
 * (union-find), which is why the groups do not depend on arrival order. The index lives in memory in
 * flat arrays ({@code BandTable} for the buckets), not in the database: the per-article cost stays at
 * tens of microseconds of hashing and look-ups instead of tens of queries.
 */
package dev.tidings.story;
