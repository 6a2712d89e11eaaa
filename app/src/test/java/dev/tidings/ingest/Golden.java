package dev.tidings.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-file cases: {@code <case>.<ext>} beside {@code <case>.expected.json} in a test resource folder.
 * Run with {@code -Dgolden.update=true} to write missing expected files from the current output; review them
 * before committing, they are the specification.
 */
public final class Golden {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Golden() {
    }

    /** The input files of the named cases in {@code folder} (a test resource folder such as {@code ingest}). */
    public static List<Path> cases(String folder) throws IOException {
        Path dir;
        try {
            dir = Path.of(Golden.class.getResource("/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().contains(".expected."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    public static String caseName(Path input) {
        String name = input.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** Asserts that every field of the expected file equals the actual one; writes it first when updating. */
    public static void check(Path input, ObjectNode actual) throws IOException {
        Path expectedFile = input.resolveSibling(caseName(input) + ".expected.json");
        if (!Files.exists(expectedFile) && Boolean.getBoolean("golden.update")) {
            Path source = Path.of("src/test/resources").resolve(input.getParent().getFileName())
                    .resolve(expectedFile.getFileName());
            JSON.writeValue(source.toFile(), actual);
            JSON.writeValue(expectedFile.toFile(), actual);
        }
        assertThat(expectedFile).as("expected file for case %s", caseName(input)).exists();
        JsonNode expected = JSON.readTree(expectedFile.toFile());
        List<String> fields = new ArrayList<>();
        expected.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("fields of %s", expectedFile.getFileName()).isNotEmpty();
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            assertThat(actual.get(field))
                    .as("%s of case %s", field, caseName(input))
                    .isEqualTo(expected.get(field));
        }
    }
}
