package dev.tidings.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tidings.model.Article;
import dev.tidings.model.Concept;
import dev.tidings.model.ConceptTag;
import dev.tidings.model.Quote;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's JSON shapes, built as ordered maps so the field order matches the documentation
 * and no internal field leaks by accident.
 */
public final class JsonShapes {
    /** One shared mapper: configured once, thread-safe. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private JsonShapes() {
    }

    /** The analysis JSON of an article; {@code stored} decides whether it has a story. */
    public static Map<String, Object> article(Article a, boolean stored) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("title", a.title());
        m.put("published", a.published() == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(a.published().instant()));
        m.put("dateOnly", a.published() != null && a.published().dateOnly());
        m.put("language", a.language());
        m.put("url", a.url());
        m.put("source", a.source());
        m.put("author", a.author());
        m.put("summary", a.summary());
        m.put("text", a.text());
        m.put("boilerplate", a.boilerplate());
        m.put("concepts", a.concepts().stream().map(JsonShapes::tag).toList());
        m.put("quotes", a.quotes().stream().map(JsonShapes::quote).toList());
        m.put("story", stored ? a.story() : null);
        if (stored) m.put("ingested", DateTimeFormatter.ISO_INSTANT.format(a.ingestedAt()));
        return m;
    }

    public static Map<String, Object> tag(ConceptTag t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.conceptId());
        m.put("label", t.label());
        m.put("type", t.type().key());
        m.put("relevance", t.relevance().name().toLowerCase(java.util.Locale.ROOT));
        m.put("score", Math.round(t.score() * 1000) / 1000.0);
        m.put("mentions", t.mentions());
        return m;
    }

    public static Map<String, Object> quote(Quote q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speaker", q.speakerId());
        m.put("speakerLabel", q.speakerLabel());
        m.put("text", q.text());
        return m;
    }

    public static Map<String, Object> concept(Concept c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("label", c.label());
        m.put("type", c.type().key());
        m.put("aliases", c.aliases());
        m.put("description", c.description());
        m.put("discovered", c.discovered());
        return m;
    }

    public static String write(Object value, boolean pretty) {
        try {
            return pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value)
                    : MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static List<Map<String, Object>> articles(List<Article> list) {
        return list.stream().map(a -> article(a, true)).toList();
    }
}
