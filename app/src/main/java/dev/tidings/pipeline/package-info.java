/**
 * The only place where stages are chained and storage is read and written around them.
 *
 * <p>{@link dev.tidings.pipeline.ArticlePipeline} takes a submission through normalise → understand →
 * story → store; {@link dev.tidings.pipeline.DigestDispatcher} picks, builds, records and sends a
 * reader's digest; {@link dev.tidings.pipeline.OutboxSender} hands stored messages to the transport;
 * {@link dev.tidings.pipeline.AlertDispatcher} sends instant alerts for new articles;
 * {@link dev.tidings.pipeline.ReaderAccounts} holds what the CLI, the web and the API do for readers;
 * {@link dev.tidings.pipeline.SourcePoller} fetches due feed sources, sends their items through the
 * article pipeline and records each source's health.
 * {@link dev.tidings.pipeline.TaxonomyCuration} lays the data folder's taxonomy files, admins' concepts
 * and discovered people over the bundled taxonomy and swaps it into the analyser without a restart.
 * Web, API and CLI call these classes; stages never call each other or the stores.
 */
package dev.tidings.pipeline;
