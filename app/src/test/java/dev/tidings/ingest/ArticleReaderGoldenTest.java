package dev.tidings.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.model.Submission;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Each file in {@code src/test/resources/ingest/} is read with {@link ArticleReader#read(Path)} and compared with
 * its {@code .expected.json}: the submission's fields, or {@code error} (the message, with {@code {file}} for
 * the path) when the input must be refused.
 */
class ArticleReaderGoldenTest {
    private final ArticleReader reader = new ArticleReader();

    @TestFactory
    Stream<DynamicTest> eachIngestCaseReadsAsExpected() throws IOException {
        return Golden.cases("ingest").stream()
                .map(input -> DynamicTest.dynamicTest(Golden.caseName(input), () -> Golden.check(input, read(input))));
    }

    private ObjectNode read(Path input) {
        ObjectNode out = Golden.JSON.createObjectNode();
        try {
            Submission s = reader.read(input);
            out.put("title", s.title());
            out.put("published", s.published() == null ? null : s.published().instant().toString());
            out.put("dateOnly", s.published() != null && s.published().dateOnly());
            out.put("url", s.url());
            out.put("source", s.source());
            out.put("author", s.author());
            out.put("language", s.language());
            out.put("text", s.text());
            ArrayNode boilerplate = out.putArray("boilerplate");
            s.boilerplate().forEach(boilerplate::add);
        } catch (IngestException e) {
            out.put("error", e.getMessage().replace(input.toString(), "{file}"));
        }
        return out;
    }
}
