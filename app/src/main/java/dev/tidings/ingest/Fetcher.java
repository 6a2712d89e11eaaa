package dev.tidings.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Polite, bounded HTTP GETs. Sends a clear {@code User-Agent}, the validators of the last fetch (so an
 * unchanged resource costs a 304) and {@code Accept-Encoding: gzip}; follows redirects by hand, each hop
 * checked again by the {@link AddressGuard}; cuts off at a size cap, applied to the bytes on the wire and
 * again to what they decompress to (a gzip bomb); and gives up at a total deadline, so a server that
 * drips one byte a second or never ends cannot hold a polling thread.
 *
 * <p>Thread-safe: one instance (one connection pool) serves every source.
 */
public final class Fetcher {
    /** The {@code User-Agent} of every request: says what we are, so an operator can recognise us. */
    public static final String USER_AGENT = "Tidings/0.1 (self-hosted news alerts; feed poller)";

    /**
     * Bounds on one fetch.
     *
     * @param connectTimeout to open a connection
     * @param deadline       for the whole fetch: every redirect hop, headers and body
     * @param maxBytes       cap on the body, compressed and decompressed
     * @param maxRedirects   hops followed before giving up
     */
    public record Limits(Duration connectTimeout, Duration deadline, int maxBytes, int maxRedirects) {
        /** 10 s to connect, 60 s in all, {@link ArticleReader#MAX_BYTES}, 5 redirects. */
        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(10), Duration.ofSeconds(60), ArticleReader.MAX_BYTES, 5);
        }
    }

    /** What the previous successful fetch said about the resource's version; both may be null. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    private static final List<String> BINARY_TYPES = List.of("image/", "audio/", "video/", "font/",
            "application/octet-stream", "application/zip", "application/gzip", "application/x-gzip", "application/pdf",
            "application/vnd.", "application/x-msdownload");

    private final Limits limits;
    private final InstantSource clock;
    private final HttpClient http;

    public Fetcher(Limits limits, InstantSource clock) {
        this.limits = limits;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
                .build();
    }

    /**
     * GETs {@code url}. Never throws for anything the network or the server does; only a caller's
     * interruption ends it early (as a {@code Failed} TIMEOUT, with the interrupt flag kept).
     *
     * @param accept the {@code Accept} header, e.g. feed types or HTML
     */
    public FetchResult fetch(String url, Validators validators, boolean allowPrivate, String accept) {
        AddressGuard guard = new AddressGuard(allowPrivate);
        return fetch(url, validators, guard::check, accept);
    }

    /** Decides whether one hop may be fetched; throws with the reason when not. */
    @FunctionalInterface
    interface HopCheck {
        void check(URI hop) throws IngestException;
    }

    /** As {@link #fetch(String, Validators, boolean, String)} with the check for every hop given (tests vary it). */
    FetchResult fetch(String url, Validators validators, HopCheck guard, String accept) {
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return new FetchResult.Failed(FetchResult.Kind.REFUSED, "'" + url + "' is not a valid URL");
        }
        for (int hop = 0; hop <= limits.maxRedirects(); hop++) {
            try {
                guard.check(uri);
            } catch (IngestException e) {
                return new FetchResult.Failed(FetchResult.Kind.REFUSED, e.getMessage());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(remaining(deadline))
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", accept)
                    .header("Accept-Encoding", "gzip")
                    .GET();
            if (validators.etag() != null) request.header("If-None-Match", validators.etag());
            if (validators.lastModified() != null) request.header("If-Modified-Since", validators.lastModified());
            CappedBody[] body = new CappedBody[1];
            CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request.build(), info -> {
                body[0] = new CappedBody(limits.maxBytes());
                return body[0];
            });
            HttpResponse<byte[]> response;
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new TimeoutException();
                response = pending.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                if (body[0] != null) body[0].cancel();
                return new FetchResult.Failed(FetchResult.Kind.TIMEOUT, uri + " did not answer completely within "
                        + seconds(limits.deadline()));
            } catch (InterruptedException e) {
                pending.cancel(true);
                if (body[0] != null) body[0].cancel();
                Thread.currentThread().interrupt();
                return new FetchResult.Failed(FetchResult.Kind.TIMEOUT, "interrupted while fetching " + uri);
            } catch (ExecutionException e) {
                return failure(uri, e.getCause());
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    return new FetchResult.Failed(FetchResult.Kind.HTTP_STATUS, uri + " redirects without a Location");
                }
                try {
                    uri = uri.resolve(location.get().strip());
                } catch (IllegalArgumentException e) {
                    return new FetchResult.Failed(FetchResult.Kind.HTTP_STATUS, uri + " redirects to an invalid URL");
                }
                continue;
            }
            if (status == 304) return new FetchResult.NotModified();
            if (status == 429 || (status == 503 && response.headers().firstValue("Retry-After").isPresent())) {
                return new FetchResult.RateLimited(status, retryAfter(response.headers().firstValue("Retry-After")));
            }
            if (status != 200) {
                return new FetchResult.Failed(FetchResult.Kind.HTTP_STATUS, uri + " answered HTTP " + status);
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            String bareType = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
            for (String binary : BINARY_TYPES) {
                if (bareType.startsWith(binary)) {
                    return new FetchResult.Failed(FetchResult.Kind.UNSUPPORTED, uri + " is " + bareType + ", not a feed or a page");
                }
            }
            byte[] bytes = response.body();
            String encoding = response.headers().firstValue("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
            if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readNBytes(limits.maxBytes() + 1);
                } catch (IOException e) {
                    return new FetchResult.Failed(FetchResult.Kind.UNSUPPORTED, uri + " sent a broken gzip body");
                }
                if (bytes.length > limits.maxBytes()) {
                    return new FetchResult.Failed(FetchResult.Kind.TOO_LARGE, uri + " decompresses to more than "
                            + megabytes(limits.maxBytes()));
                }
            } else if (!encoding.isEmpty() && !encoding.equals("identity")) {
                return new FetchResult.Failed(FetchResult.Kind.UNSUPPORTED, uri + " uses the unsupported encoding " + encoding);
            }
            return new FetchResult.Fetched(uri.toString(), bytes, type.isEmpty() ? null : type,
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
        }
        return new FetchResult.Failed(FetchResult.Kind.REDIRECTS, url + " redirects more than " + limits.maxRedirects() + " times");
    }

    private FetchResult failure(URI uri, Throwable cause) {
        if (cause instanceof TooLarge) {
            return new FetchResult.Failed(FetchResult.Kind.TOO_LARGE, uri + " is larger than " + megabytes(limits.maxBytes()));
        }
        if (cause instanceof java.net.http.HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return new FetchResult.Failed(FetchResult.Kind.TIMEOUT, uri + " did not answer within " + seconds(limits.deadline()));
        }
        String why = cause instanceof ConnectException ? "connection refused"
                : cause instanceof HttpConnectTimeoutException ? "no connection within " + seconds(limits.connectTimeout())
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new FetchResult.Failed(FetchResult.Kind.UNREACHABLE, "cannot fetch " + uri + ": " + why);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; absent or unreadable gives empty. */
    Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) return Optional.empty();
        String v = header.get().strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String megabytes(int bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    /** Signals the cap; no stack trace needed, it is an expected outcome. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body over the size cap", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Collects the body up to a cap; over it, cancels the stream so the server stops sending. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            for (ByteBuffer b : items) {
                if (out.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
            result.cancel(true);
        }
    }
}
