package dev.tidings.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared real-data folder ({@code ../shared} beside the repository root), which may be absent. */
public final class SharedData {
    private SharedData() {
    }

    /** {@code ../shared/<relative>} seen from the repository root, or null when it does not exist. */
    public static Path folder(String relative) {
        String configured = System.getProperty("tidings.shared");
        if (configured != null) {
            Path p = Path.of(configured).resolve(relative);
            return Files.exists(p) ? p : null;
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                Path p = dir.resolveSibling("shared").resolve(relative);
                return Files.exists(p) ? p : null;
            }
        }
        return null;
    }
}
