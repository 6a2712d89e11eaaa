package dev.tidings.ingest;

import dev.tidings.model.Submission;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches one web page and reads the article in it, through a {@link Fetcher}: every redirect hop passes
 * the {@link AddressGuard}, the body is capped (compressed and decompressed), a total deadline bounds a
 * slow server.
 */
public final class PageFetcher {
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5";

    private final Fetcher fetcher;
    private final boolean allowPrivate;
    private final ArticleReader reader = new ArticleReader();

    public PageFetcher(boolean allowPrivate) {
        this(new Fetcher(Fetcher.Limits.defaults(), InstantSource.system()), allowPrivate);
    }

    public PageFetcher(Fetcher fetcher, boolean allowPrivate) {
        this.fetcher = fetcher;
        this.allowPrivate = allowPrivate;
    }

    /** The article at {@code url}. */
    public Submission fetch(String url) throws IngestException {
        FetchResult result = fetcher.fetch(url, Fetcher.Validators.NONE, allowPrivate, ACCEPT);
        if (result instanceof FetchResult.Fetched f) return read(f);
        if (result instanceof FetchResult.RateLimited r) {
            throw new IngestException(url + " asks to slow down (HTTP " + r.status() + ")");
        }
        if (result instanceof FetchResult.Failed f) throw new IngestException(f.message());
        throw new IngestException(url + " answered 304 to an unconditional request");
    }

    /** Reads a fetched page (HTML, or plain text) as an article. */
    public Submission read(FetchResult.Fetched f) throws IngestException {
        String type = f.contentType() == null ? "text/html" : f.contentType().toLowerCase(Locale.ROOT);
        if (!type.contains("html") && !type.startsWith("text/")) {
            throw new IngestException(f.url() + " is " + type.split(";")[0] + ", not a web page");
        }
        String text = charset(type).map(cs -> new String(f.body(), cs)).orElse(null);
        if (text == null) text = InputDecoder.decode(f.body(), f.url(), true);
        if (type.contains("html")) return reader.readHtml(text, f.url(), f.url());
        return reader.readText(text, f.url());
    }

    private static java.util.Optional<Charset> charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return java.util.Optional.of(Charset.forName(m.group(1)));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.of(StandardCharsets.UTF_8);
            }
        }
        return java.util.Optional.empty();
    }
}
