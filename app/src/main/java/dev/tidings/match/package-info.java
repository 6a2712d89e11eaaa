/**
 * The follow index: which follows an article matches, and why.
 *
 * <p><b>Input</b>: the follows of every reader ({@link dev.tidings.model.Follow}) and one
 * {@link dev.tidings.model.Article} at a time. <b>Output</b>: {@link dev.tidings.model.FollowMatch}es
 * with the "why you got this" line, in follow order. Entry points: {@link dev.tidings.match.FollowMatcher}
 * (kept up to date with put/remove/sync, never rebuilt per article), {@link dev.tidings.match.SavedQuery}
 * (the saved-search language, also used by the full-text index) and {@link dev.tidings.match.Backtest}.
 *
 * <p>Design: concept follows are a map look-up per tag in a {@link dev.tidings.match.ConceptIndex}, which
 * hands out int arrays of follow numbers (about-only follows apart). Saved searches are parsed once, each
 * distinct text, into the query Lucene's classic query parser builds — the common forms by a hand-written
 * parser several times faster, the rest by the classic parser itself (errors rewritten into {@link dev.tidings.match.QuerySyntaxException}s that
 * point at a position; concept labels resolved by a caller-supplied
 * {@link dev.tidings.match.ConceptResolver}) and matched by a {@link dev.tidings.match.SearchMatcher}:
 * {@link dev.tidings.match.TermIndexMatcher}, ours — searches filed under anchor terms, candidates
 * verified by evaluating a compiled clause tree over the article's terms and positions — or
 * {@link dev.tidings.match.MonitorMatcher} on Lucene Monitor, the reference. One contract test holds
 * both to what each search finds on its own in a Lucene {@code MemoryIndex}.
 * {@link dev.tidings.match.ArticleFields} fixes the fields and analysis, so a saved search finds in
 * the full-text index exactly what it matches here.
 *
 * <p>Must not import: storage ({@code dev.tidings.store}), the pipeline, web, api or cli. It depends on
 * {@code dev.tidings.model} and Lucene only, and touches no files or database.
 */
package dev.tidings.match;
