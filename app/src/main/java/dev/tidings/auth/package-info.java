/**
 * Signed, expiring tokens for links sent by email (confirm a sign-up, sign in, unsubscribe) and for
 * the web session cookie. A token carries its purpose and subject in clear and an HMAC-SHA256 over
 * them, so the server needs no table of issued tokens and a token for one purpose never works for another.
 *
 * <p>Imports only {@code java.*}.
 */
package dev.tidings.auth;
