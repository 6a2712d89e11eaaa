package dev.tidings.understand;

import dev.tidings.model.Document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the test article format: {@code key: value} header lines ({@code title}, {@code language}),
 * a blank line, then paragraphs separated by blank lines.
 */
final class TestArticles {
    private TestArticles() {
    }

    static Document read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String title = "";
        String language = null;
        int i = 0;
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException(file + ": header line without 'key:': " + line);
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "title" -> title = value;
                case "language" -> language = value;
                default -> throw new IllegalArgumentException(file + ": unknown header " + key);
            }
        }
        return document(file.getFileName().toString(), title, language, lines.subList(i, lines.size()));
    }

    /** Paragraphs are runs of non-blank lines; lines inside one paragraph are joined with a space. */
    static Document document(String origin, String title, String language, List<String> lines) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                if (current.length() > 0) paragraphs.add(current.toString());
                current.setLength(0);
            } else {
                if (current.length() > 0) current.append(' ');
                current.append(line.strip());
            }
        }
        if (current.length() > 0) paragraphs.add(current.toString());
        String text = String.join("\n\n", paragraphs);
        String summary = paragraphs.isEmpty() ? "" : paragraphs.get(0);
        if (title.isEmpty()) title = summary.length() > 80 ? summary.substring(0, 80) : summary;
        return new Document(origin, title, null, null, null, null, language, text, summary, List.of());
    }
}
