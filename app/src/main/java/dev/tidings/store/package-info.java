/**
 * Storage: the SQL database (one class per aggregate) and the Lucene full-text index.
 *
 * <p>{@link dev.tidings.store.Database} opens SQLite ({@code jdbc:sqlite:DATA/tidings.db}, the default) or
 * PostgreSQL and migrates it with Flyway ({@code db/migration}); the same migrations and the same SQL
 * run on both: times are epoch milliseconds, booleans BOOLEAN, upserts {@code ON CONFLICT DO NOTHING}
 * (both dialects have it), and numbers that must grow (an article's sequence number, the follows'
 * version, failure ids) come from a {@code counters} row bumped inside the writing transaction rather
 * than from a dialect's sequence. The bump's row lock serialises writers, which also makes article
 * sequence numbers appear in commit order, so the index catch-up ({@link dev.tidings.store.SearchIndex})
 * can never skip an article committed late. Articles are stored whole as JSON beside the columns used
 * to find them, and read back equal.
 *
 * <p>A command-line process and the server may write the same SQLite file at once: WAL mode, a 10 s busy
 * timeout and {@code BEGIN IMMEDIATE} transactions make them wait for each other instead of failing.
 *
 * <p>Input and output are the records of {@code dev.tidings.model}. Depends on {@code dev.tidings.model}
 * and, for the index, on {@code dev.tidings.match} (its query language and field analysis). Must not
 * import the pipeline, web, api or cli, nor any other stage.
 */
package dev.tidings.store;
