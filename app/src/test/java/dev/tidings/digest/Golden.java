package dev.tidings.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code src/test/resources/digest/}: {@code <case>.expected.txt}. Run with
 * {@code -Dgolden.update=true} to rewrite them from the current output, then review the diff.
 */
final class Golden {
    private Golden() {
    }

    static void assertMatches(String caseName, String actual) throws IOException {
        String name = "digest/" + caseName + ".expected.txt";
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("golden file %s (create it with -Dgolden.update=true)", name).isNotNull();
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(actual).as("text part of case %s", caseName).isEqualTo(expected);
        }
    }
}
