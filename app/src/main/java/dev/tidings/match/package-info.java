/**
 * The follow index: which follows an article matches, and why.
 *
 * <p><b>Input</b>: the follows of every reader ({@link dev.tidings.model.Follow}) and one
 * {@link dev.tidings.model.Article} at a time. <b>Output</b>: {@link dev.tidings.model.FollowMatch}es
 * with the "why you got this" line, in follow order. Entry points: {@link dev.tidings.match.FollowMatcher}
 * and {@link dev.tidings.match.SavedQuery} (the saved-search language, also used by the full-text index).
 *
 * <p>Design: concept follows are a map lookup per tag. Saved searches are parsed once with Lucene's
 * classic query parser (with errors rewritten into {@link dev.tidings.match.QuerySyntaxException}s that
 * point at a position) and run against the article analysed once into a Lucene {@code MemoryIndex};
 * {@link dev.tidings.match.ArticleFields} fixes the fields and analysis, so a saved search finds in
 * the full-text index exactly what it matches here.
 *
 * <p>Must not import: storage ({@code dev.tidings.store}), the pipeline, web, api or cli. It depends on
 * {@code dev.tidings.model} and Lucene only, and touches no files or database.
 */
package dev.tidings.match;
