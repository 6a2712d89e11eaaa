/**
 * Ingest: turns what arrives (article files, HTML pages, JSON payloads) into a
 * {@link dev.tidings.model.Submission}, the raw article before any clean-up.
 *
 * <p>Input: a path, or a string with the name of where it came from. Output: a {@code Submission}, or an
 * {@link dev.tidings.ingest.IngestException} whose message is one sentence naming the input. Bad input never
 * escapes as any other exception: bytes are checked (size, binary content, charset) before they are parsed.
 *
 * <p>{@link dev.tidings.ingest.ArticleReader} is the one entry point. Behind it, package-private roles:
 * {@code InputDecoder} (bytes to text: BOM, strict UTF-8, declared HTML charset, windows-1252 fallback),
 * {@code TextArticleParser} (header lines and light Markdown), {@code HtmlArticleExtractor} (metadata and a
 * readability-style body extraction with jsoup), {@code JsonArticleParser} and {@code PublishedDates}.
 *
 * <p>This package imports only {@code dev.tidings.model}, the JDK, jsoup and Jackson. It does not clean or
 * judge the text (that is {@code dev.tidings.normalize}) and never touches storage.
 */
package dev.tidings.ingest;
