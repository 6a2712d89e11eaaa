/**
 * Normalise: turns a raw {@link dev.tidings.model.Submission} into a clean {@link dev.tidings.model.Document}.
 *
 * <p>Input: a submission whose text may hold odd spacing, misplaced quote marks and boilerplate. Output: a
 * document whose text is NFC, with single spaces, paragraphs separated by one blank line, quote marks
 * repaired, and promos, captions and credits moved to {@code boilerplate}; a title (given or derived from the
 * first real paragraph) and a summary (the first sentence or two) are always present.
 *
 * <p>{@link dev.tidings.normalize.DocumentNormalizer} is the entry point; behind it, package-private roles:
 * {@code TextCleaner} (whitespace, control characters, spacing around punctuation), {@code QuoteRepairer}
 * (typographic quotes), {@code BoilerplateDetector} (promos, share bars, captions and credits, judged on
 * features rather than one pattern per example) and {@code SentenceSplitter}.
 *
 * <p>Imports only {@code dev.tidings.model} and the JDK: no parsing libraries, no storage, no other stage.
 */
package dev.tidings.normalize;
