package dev.tidings.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tidings.model.Published;
import dev.tidings.model.Submission;

import java.util.Locale;

/**
 * Reads a JSON article {@code {title?, published?, url?, source?, language?, author?, text? | html?}}.
 * Unknown fields are ignored; a field of the wrong type is an error, not a silent null. When both {@code text}
 * and {@code html} are given, {@code text} wins; the fields given in JSON win over what the HTML says.
 */
final class JsonArticleParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonArticleParser() {
    }

    static Submission parse(String json, String origin) throws IngestException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IngestException(origin + " is not valid JSON" + where, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IngestException(origin + " is empty");
        }
        if (!root.isObject()) {
            throw new IngestException(origin + " is not a JSON object (it is " + kind(root) + ")");
        }
        String title = string(root, "title", origin);
        String publishedText = string(root, "published", origin);
        String url = string(root, "url", origin);
        String source = string(root, "source", origin);
        String language = string(root, "language", origin);
        String author = string(root, "author", origin);
        String text = string(root, "text", origin);
        String html = string(root, "html", origin);

        Published published = null;
        if (publishedText != null) {
            published = PublishedDates.parse(publishedText).orElseThrow(() -> new IngestException(origin
                    + ": unknown date '" + publishedText + "' (expected a date such as " + PublishedDates.EXAMPLE + ")"));
        }
        if (language != null) {
            String code = HtmlArticleExtractor.language(language);
            if (code == null) {
                throw new IngestException(origin + ": unknown language '" + language + "' (expected a code such as en)");
            }
            language = code;
        }
        if (text != null) {
            Submission fromText = TextArticleParser.parseBody(text, origin);
            return new Submission(origin, title != null ? title : fromText.title(), published, url, source, author,
                    language, fromText.text(), fromText.boilerplate());
        }
        if (html != null) {
            Submission page = HtmlArticleExtractor.extract(html, url, origin);
            return new Submission(origin, or(title, page.title()), published != null ? published : page.published(),
                    or(url, page.url()), or(source, page.source()), or(author, page.author()),
                    or(language, page.language()), page.text(), page.boilerplate());
        }
        throw new IngestException(origin + " has neither \"text\" nor \"html\"");
    }

    private static String or(String given, String found) {
        return given != null ? given : found;
    }

    /** The field as a non-blank string, null when absent, null or blank; an error when it is not a string. */
    private static String string(JsonNode root, String field, String origin) throws IngestException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IngestException(origin + ": \"" + field + "\" must be a string, not " + kind(node));
        }
        String value = node.asText().strip();
        return value.isEmpty() ? null : value;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
