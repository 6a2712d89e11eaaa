package dev.tidings.web;

import dev.tidings.model.Article;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A search as the search page and its feed take it: words in the query language plus filters by
 * concept, source, language and date. The filters become fields of the query, except the dates,
 * which filter the results.
 */
public record SearchRequest(String q, String concept, String source, String lang, LocalDate from, LocalDate to,
                            int page) {
    static final int PAGE_SIZE = 20;

    static SearchRequest of(Context ctx) {
        return new SearchRequest(param(ctx, "q"), param(ctx, "concept"), param(ctx, "source"), param(ctx, "lang"),
                date(ctx, "from"), date(ctx, "to"), Math.max(1, number(ctx, "page")));
    }

    public boolean isEmpty() {
        return q.isEmpty() && concept.isEmpty() && source.isEmpty() && lang.isEmpty();
    }

    /** The query in the query language, filters included. */
    public String query() {
        List<String> parts = new ArrayList<>();
        if (!q.isEmpty()) parts.add("(" + q + ")");
        if (!concept.isEmpty()) parts.add("concept:" + concept.replace(" ", ""));
        if (!source.isEmpty()) parts.add("source:\"" + source.replace("\"", "") + "\"");
        if (!lang.isEmpty()) parts.add("lang:" + lang.replaceAll("[^A-Za-z-]", ""));
        return String.join(" AND ", parts);
    }

    /** True when the article was published within the date filters (whole UTC days, both ends included). */
    public boolean inDates(Article a) {
        var p = a.effectivePublished();
        var start = from == null ? java.time.Instant.MIN : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        var end = to == null ? java.time.Instant.MAX : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return p.overlaps(start, end);
    }

    /** The query string that repeats this search (for pagination links and the feed), without the page. */
    public String queryString() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("q", q);
        m.put("concept", concept);
        m.put("source", source);
        m.put("lang", lang);
        m.put("from", from == null ? "" : from.toString());
        m.put("to", to == null ? "" : to.toString());
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> {
            if (v.isEmpty()) return;
            sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    public String fromText() {
        return from == null ? "" : from.toString();
    }

    public String toText() {
        return to == null ? "" : to.toString();
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).orElse("").strip();
    }

    private static LocalDate date(Context ctx, String name) {
        String v = param(ctx, name);
        if (v.isEmpty()) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int number(Context ctx, String name) {
        try {
            return Integer.parseInt(param(ctx, name));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
