/**
 * Immutable records that every stage shares: what comes in ({@link dev.tidings.model.Submission}),
 * what normalisation makes of it ({@link dev.tidings.model.Document}), what understanding adds
 * ({@link dev.tidings.model.ConceptTag}, {@link dev.tidings.model.Quote}), what is stored
 * ({@link dev.tidings.model.Article}), and the reader side ({@link dev.tidings.model.Reader},
 * {@link dev.tidings.model.Follow}).
 *
 * <p>This package imports nothing from the rest of Tidings and holds no behaviour beyond
 * validation and small derived values, so any stage can depend on it and nothing else.
 */
package dev.tidings.model;
