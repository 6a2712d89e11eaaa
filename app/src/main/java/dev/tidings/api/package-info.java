/**
 * The JSON API under {@code /api} and the JSON shapes the contract promises (the analysis JSON of an
 * article, concepts), shared by the API and the CLI's {@code --json} output. Handlers are thin:
 * parse, call the pipeline or a store, map the result and its errors.
 */
package dev.tidings.api;
