package dev.tidings.web;

import dev.tidings.model.Article;
import dev.tidings.model.Published;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What every page needs besides its own data: the CSRF token for its forms, who is signed in, the
 * feed to advertise, a notice to show, and the zone to show times in.
 */
public record PageContext(String csrf, String readerEmail, String feedUrl, String notice, String query, ZoneId zone) {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    public PageContext withFeed(String url) {
        return new PageContext(csrf, readerEmail, url, notice, query, zone);
    }

    public PageContext withNotice(String text) {
        return new PageContext(csrf, readerEmail, feedUrl, text, query, zone);
    }

    public PageContext withQuery(String q) {
        return new PageContext(csrf, readerEmail, feedUrl, notice, q, zone);
    }

    /** When an article was published, in the viewer's zone; a date-only article shows its date. */
    public String when(Article a) {
        Published p = a.effectivePublished();
        if (p.dateOnly()) return DATE.format(p.instant().atZone(ZoneId.of("UTC")));
        return DATE_TIME.format(p.instant().atZone(zone)) + (zone.getId().equals("UTC") ? " UTC" : "");
    }

    public String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
