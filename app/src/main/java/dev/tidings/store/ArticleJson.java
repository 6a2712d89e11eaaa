package dev.tidings.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tidings.model.Article;

import java.io.UncheckedIOException;

/**
 * The stored form of an {@link Article}: JSON of the record's components, read back into an equal record.
 * Derived values such as {@code ConceptTag.isAbout()} are not written.
 */
final class ArticleJson {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    String write(Article article) {
        try {
            return mapper.writeValueAsString(article);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write article " + article.id() + " as JSON", e);
        }
    }

    Article read(String json) {
        try {
            return mapper.readValue(json, Article.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read a stored article", e);
        }
    }
}
