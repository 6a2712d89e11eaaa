/**
 * Ingest: turns what arrives (article files, HTML pages, JSON payloads, feeds, OPML lists, HTTP responses)
 * into {@link dev.tidings.model.Submission}s, the raw articles before any clean-up.
 *
 * <p>Input: a path, bytes or a string with the name of where it came from. Output: a {@code Submission}
 * (or a {@link dev.tidings.ingest.Feed} of items), or an {@link dev.tidings.ingest.IngestException} whose
 * message is one sentence naming the input. Bad input never escapes as any other exception: bytes are
 * checked (size, binary content, charset) before they are parsed.
 *
 * <p>Entry points: {@link dev.tidings.ingest.ArticleReader} for article files and payloads;
 * {@link dev.tidings.ingest.FeedReader} for RSS, Atom (Rome, with DTDs and entities refused) and JSON Feed;
 * {@link dev.tidings.ingest.Opml} for lists of feeds; {@link dev.tidings.ingest.Fetcher} for polite, bounded
 * HTTP (its outcomes are {@link dev.tidings.ingest.FetchResult} values, never exceptions) with
 * {@link dev.tidings.ingest.AddressGuard} on every hop; {@link dev.tidings.ingest.PageFetcher} for one page.
 * Behind them, package-private roles: {@code InputDecoder} and {@code FeedCharsets} (bytes to text: BOM,
 * declared charsets checked against the bytes, UTF-8, windows-1252), {@code TextArticleParser},
 * {@code HtmlArticleExtractor} (metadata and a readability-style body extraction with jsoup),
 * {@code JsonArticleParser}, {@code JsonFeedParser} and {@code PublishedDates}.
 *
 * <p>This package imports only {@code dev.tidings.model}, the JDK, jsoup, Jackson and Rome. It does not
 * clean or judge the text (that is {@code dev.tidings.normalize}) and never touches storage: what to poll
 * and when is decided in the pipeline's source poller.
 */
package dev.tidings.ingest;
