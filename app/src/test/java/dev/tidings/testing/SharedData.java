package dev.tidings.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared test data ({@code ../shared} beside the repository), which users'
 * machines do not have: suites that need it skip when this is empty.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Optional<Path> find(String sub) {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(sub);
            if (Files.isDirectory(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
