package dev.tidings.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.model.Published;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON Feed 1.0 and 1.1. Items keep feed order; {@code content_html} is preferred over
 * {@code content_text}, then {@code summary}; 1.1's {@code authors} list wins over 1.0's {@code author}.
 */
final class JsonFeedParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFeedParser() {
    }

    static Feed parse(String json, String baseUrl, String origin) throws IngestException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IngestException(origin + " is not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
        }
        String version = text(root, "version");
        if (!root.isObject() || version == null || !version.matches("(https?://jsonfeed\\.org/version/)?1(\\.\\d+)?/?")) {
            throw new IngestException(origin + " is JSON but not a JSON Feed (no jsonfeed.org version)");
        }
        String home = FeedReader.resolve(baseUrl, text(root, "home_page_url"));
        String base = home != null ? home : baseUrl;
        List<Feed.Item> items = new ArrayList<>();
        JsonNode list = root.path("items");
        if (list.isArray()) {
            for (JsonNode i : list) {
                if (!i.isObject()) continue;
                String link = text(i, "url");
                if (link == null) link = text(i, "external_url");
                String html = text(i, "content_html");
                boolean summary = false;
                if (html == null && text(i, "content_text") != null) {
                    html = org.jsoup.nodes.Entities.escape(text(i, "content_text")).replace("\n", "<br>");
                }
                if (html == null && text(i, "summary") != null) {
                    html = org.jsoup.nodes.Entities.escape(text(i, "summary"));
                    summary = true;
                }
                if (html == null) summary = true;
                String date = text(i, "date_published");
                if (date == null) date = text(i, "date_modified");
                Published published = date == null ? null : PublishedDates.parse(date).orElse(null);
                items.add(new Feed.Item(text(i, "id"), FeedReader.plain(text(i, "title")), FeedReader.resolve(base, link),
                        published, author(i), html, summary));
            }
        }
        String suffix = version.replaceAll(".*/version/", "").replace("/", "");
        if (!suffix.contains(".")) suffix += ".0";
        return new Feed("json_" + suffix, FeedReader.plain(text(root, "title")), home, items);
    }

    private static String author(JsonNode item) {
        for (JsonNode a : item.path("authors")) {
            String name = text(a, "name");
            if (name != null) return name;
        }
        return text(item.path("author"), "name");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isTextual() || v.isNumber()) {
            String s = v.asText().strip();
            return s.isEmpty() ? null : s;
        }
        return null;
    }
}
