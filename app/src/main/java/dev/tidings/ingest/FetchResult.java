package dev.tidings.ingest;

import java.time.Duration;
import java.util.Optional;

/**
 * What one HTTP fetch came to. Expected outcomes of talking to the web are values, not exceptions:
 * the poller decides per case what to store, when to come back and what to tell the operator.
 */
public sealed interface FetchResult {
    /** The body arrived (decompressed, within the size cap) with its validators for the next conditional GET. */
    record Fetched(String url, byte[] body, String contentType, String etag, String lastModified) implements FetchResult {
    }

    /** The server answered 304: nothing changed since the validators we sent. */
    record NotModified() implements FetchResult {
    }

    /** The server asked us to slow down (429, or 503 with {@code Retry-After}); {@code retryAfter} is what it said, if anything. */
    record RateLimited(int status, Optional<Duration> retryAfter) implements FetchResult {
    }

    /** The fetch failed; {@code message} is one sentence for the operator. */
    record Failed(Kind kind, String message) implements FetchResult {
    }

    /** Why a fetch failed, for the source's health and its backoff. */
    enum Kind {
        /** The address guard refused the URL or a redirect target. */
        REFUSED,
        /** DNS, connection or TLS failure. */
        UNREACHABLE,
        /** No complete answer before the deadline (slow or endless responses). */
        TIMEOUT,
        /** The body, or what it decompresses to, is over the size cap. */
        TOO_LARGE,
        /** An HTTP status other than success, not-modified or rate-limited. */
        HTTP_STATUS,
        /** More redirects than allowed. */
        REDIRECTS,
        /** The body is binary or of a type we do not read. */
        UNSUPPORTED,
        /** The body arrived but could not be parsed (set by the caller that parses). */
        UNREADABLE
    }
}
