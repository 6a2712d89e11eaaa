package dev.tidings.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A URL that receives digests and alerts as signed JSON.
 *
 * @param id        stable opaque id
 * @param readerId  the reader whose mail it receives, or null for the admin's hook that receives everyone's
 * @param url       an http(s) URL
 * @param secret    the key of the HMAC-SHA256 signature; shown to its owner once, never logged
 * @param createdAt when it was added
 */
public record Webhook(String id, String readerId, String url, String secret, Instant createdAt) {
    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Without the secret, which must never reach a log. */
    @Override
    public String toString() {
        return "Webhook[" + id + " " + url + (readerId == null ? " (admin)" : " for " + readerId) + "]";
    }
}
