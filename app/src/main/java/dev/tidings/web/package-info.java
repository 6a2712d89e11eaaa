/**
 * The web: server-rendered HTML pages (precompiled jte templates under {@code src/main/jte/web}),
 * Atom feeds, health and metrics, and the server that also mounts the JSON API. Pages work without
 * JavaScript; every form carries a CSRF token; responses carry a strict Content-Security-Policy.
 *
 * <p>Reads through the stores and acts through {@code pipeline}; never chains stages itself.
 */
package dev.tidings.web;
