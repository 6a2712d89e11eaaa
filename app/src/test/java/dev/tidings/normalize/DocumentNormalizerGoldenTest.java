package dev.tidings.normalize;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidings.ingest.ArticleReader;
import dev.tidings.ingest.Golden;
import dev.tidings.model.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Each {@code src/test/resources/normalize/<case>.txt} is read as a text article and normalised; the title,
 * text, boilerplate and summary must equal {@code <case>.expected.json}.
 */
class DocumentNormalizerGoldenTest {
    private final ArticleReader reader = new ArticleReader();
    private final DocumentNormalizer normalizer = new DocumentNormalizer();

    @TestFactory
    Stream<DynamicTest> eachNormalizeCaseGivesTheExpectedDocument() throws IOException {
        return Golden.cases("normalize").stream()
                .map(input -> DynamicTest.dynamicTest(Golden.caseName(input), () -> Golden.check(input, normalize(input))));
    }

    private ObjectNode normalize(Path input) throws Exception {
        Document d = normalizer.normalize(reader.read(input));
        ObjectNode out = Golden.JSON.createObjectNode();
        out.put("title", d.title());
        out.put("summary", d.summary());
        out.put("text", d.text());
        ArrayNode boilerplate = out.putArray("boilerplate");
        d.boilerplate().forEach(boilerplate::add);
        return out;
    }
}
