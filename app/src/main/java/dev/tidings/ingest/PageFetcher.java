package dev.tidings.ingest;

import dev.tidings.model.Submission;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches one web page and reads the article in it. Redirects are followed by hand (at most five)
 * so that every hop passes the {@link AddressGuard}; the body is cut off at
 * {@link ArticleReader#MAX_BYTES}; timeouts bound a slow server.
 */
public final class PageFetcher {
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    static final String USER_AGENT = "Tidings/0.1 (self-hosted news alerts)";

    private final AddressGuard guard;
    private final ArticleReader reader = new ArticleReader();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public PageFetcher(boolean allowPrivate) {
        this.guard = new AddressGuard(allowPrivate);
    }

    /** The article at {@code url}. */
    public Submission fetch(String url) throws IngestException {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IngestException("'" + url + "' is not a valid URL");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            guard.check(uri);
            HttpResponse<InputStream> response = send(uri);
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                Optional<String> location = response.headers().firstValue("Location");
                close(response);
                if (location.isEmpty()) throw new IngestException(uri + " redirects without a Location");
                uri = uri.resolve(location.get());
                continue;
            }
            if (status != 200) {
                close(response);
                throw new IngestException(uri + " answered HTTP " + status);
            }
            String type = response.headers().firstValue("Content-Type").orElse("text/html").toLowerCase(Locale.ROOT);
            byte[] body = read(uri, response);
            if (!type.contains("html") && !type.startsWith("text/")) {
                throw new IngestException(uri + " is " + type.split(";")[0] + ", not a web page");
            }
            String html = new String(body, charset(type));
            if (type.contains("html")) return reader.readHtml(html, uri.toString(), uri.toString());
            return reader.readText(html, uri.toString());
        }
        throw new IngestException(url + " redirects more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<InputStream> send(URI uri) throws IngestException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("User-Agent", USER_AGENT)
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IngestException("cannot fetch " + uri + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while fetching " + uri, e);
        }
    }

    private static byte[] read(URI uri, HttpResponse<InputStream> response) throws IngestException {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(ArticleReader.MAX_BYTES + 1);
            if (body.length > ArticleReader.MAX_BYTES) {
                throw new IngestException(uri + " is larger than " + ArticleReader.MAX_BYTES / (1024 * 1024) + " MB");
            }
            return body;
        } catch (IOException e) {
            throw new IngestException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private static Charset charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Nothing useful to do: the connection is dropped either way.
        }
    }
}
