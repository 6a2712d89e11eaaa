/**
 * Groups articles into stories. Input: a new {@link dev.tidings.model.Article} and the recent
 * articles it could belong with; output: the story id it joins (an existing article's story, or its own id).
 *
 * <p>First version: exact copies (same content hash) and close rewrites (high word-profile
 * similarity, a shared central concept, published within a few days) join the same story. Pure
 * functions over records: imports only {@code dev.tidings.model}.
 */
package dev.tidings.story;
