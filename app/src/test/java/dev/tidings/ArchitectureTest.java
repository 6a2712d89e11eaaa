package dev.tidings;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps dependencies flowing one way, as the design says: stages depend on the model only, the
 * pipeline chains stages and stores, surfaces (web, api, cli) sit on top. A plain scan of the import
 * lines and fully qualified references, so a violation names the file and the package it reached.
 */
class ArchitectureTest {
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.tidings\\.([a-z]+)\\.");

    /** For each package, the Tidings packages it may use besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", Set.of()),
            Map.entry("auth", Set.of()),
            Map.entry("ingest", Set.of("model")),
            Map.entry("normalize", Set.of("model")),
            Map.entry("understand", Set.of("model")),
            Map.entry("story", Set.of("model")),
            Map.entry("match", Set.of("model")),
            Map.entry("digest", Set.of("model")),
            Map.entry("deliver", Set.of("model")),
            // The full-text index speaks the follows' query language, which match owns.
            Map.entry("store", Set.of("model", "match")),
            Map.entry("pipeline", Set.of("model", "auth", "ingest", "normalize", "understand", "story", "match",
                    "digest", "deliver", "store")),
            Map.entry("api", Set.of("model", "pipeline", "store", "ingest", "match", "understand", "deliver", "auth")),
            Map.entry("web", Set.of("model", "pipeline", "store", "api", "match", "understand", "deliver", "auth")),
            Map.entry("cli", Set.of("model", "pipeline", "store", "api", "web", "ingest", "understand", "deliver",
                    "match", "digest")));

    @Test
    void packagesOnlyUseWhatTheDesignAllows() throws IOException {
        Path root = Path.of("src/main/java/dev/tidings");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(file);
                if (rel.getNameCount() < 2) continue; // the composition root and Config may use everything
                String pkg = rel.getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                assertThat(allowed).as("package %s is not in the architecture map", pkg).isNotNull();
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !used.equals("templates") && !allowed.contains(used)) {
                        violations.add(rel + " uses dev.tidings." + used);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        Path root = Path.of("src/main/java/dev/tidings");
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                assertThat(dir.resolve("package-info.java")).as("package-info in " + dir.getFileName()).exists();
            }
        }
    }
}
