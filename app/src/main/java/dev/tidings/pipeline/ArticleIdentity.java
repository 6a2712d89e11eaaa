package dev.tidings.pipeline;

import dev.tidings.model.Document;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Stable ids: an article with a URL is identified by its canonical URL (so a changed text is an
 * update of the same article), one without by its content.
 */
final class ArticleIdentity {
    private static final Pattern TRACKING = Pattern.compile("^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)=.*$");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private ArticleIdentity() {
    }

    static String id(Document doc) {
        String url = canonicalUrl(doc.url());
        return url != null ? hash("url:" + url) : hash("text:" + contentKey(doc.title() + " " + doc.text()));
    }

    /** Equal for texts that differ only in case, punctuation and spacing. */
    static String contentHash(Document doc) {
        return hash(contentKey(doc.text()));
    }

    static String canonicalUrl(String url) {
        if (url == null || url.isBlank()) return null;
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || u.getHost() == null) return url.strip();
            StringBuilder query = new StringBuilder();
            if (u.getRawQuery() != null) {
                for (String p : u.getRawQuery().split("&")) {
                    if (p.isEmpty() || TRACKING.matcher(p.toLowerCase(Locale.ROOT)).matches()) continue;
                    query.append(query.length() == 0 ? "" : "&").append(p);
                }
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            int port = u.getPort();
            boolean defaultPort = port == -1 || (port == 80 && u.getScheme().equalsIgnoreCase("http"))
                    || (port == 443 && u.getScheme().equalsIgnoreCase("https"));
            return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
                    + (defaultPort ? "" : ":" + port) + path + (query.length() == 0 ? "" : "?" + query);
        } catch (IllegalArgumentException e) {
            return url.strip();
        }
    }

    private static String contentKey(String text) {
        return NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
