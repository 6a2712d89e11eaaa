package dev.tidings.ingest;

import dev.tidings.model.Submission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads article files and payloads into {@link Submission}s: text and Markdown (with optional header lines),
 * HTML pages and JSON articles. Every failure on bad input is an {@link IngestException} whose message is one
 * sentence naming the input, such as {@code notes.txt is empty}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArticleReader {
    /** Inputs larger than this are refused. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private static final Set<String> TEXT = Set.of("txt", "md", "markdown", "text", "");
    private static final Set<String> HTML = Set.of("html", "htm", "xhtml");
    private static final Set<String> JSON = Set.of("json");
    /** Feed and OPML files, listed in folders for the importer, which tells them apart by content. */
    private static final Set<String> FEEDS = Set.of("xml", "rss", "atom", "rdf", "opml");

    /**
     * Reads one file; the format follows the extension ({@code .txt .md .markdown .text} or none: text,
     * {@code .html .htm}: HTML, {@code .json}: JSON), and an unknown extension is decided by the content.
     * The submission's origin is the path as given.
     */
    public Submission read(Path file) throws IngestException {
        String name = file.toString();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            throw new IngestException("no such file: " + name);
        }
        if (Files.isDirectory(file)) {
            throw new IngestException(name + " is a folder, not a file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw InputDecoder.tooLarge(name, size);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IngestException("no such file: " + name, e);
        } catch (IOException e) {
            throw new IngestException("cannot read " + name + " (" + e.getClass().getSimpleName() + ")", e);
        }
        String extension = extension(file);
        if (HTML.contains(extension)) {
            return readHtml(InputDecoder.decode(bytes, name, true), null, name);
        }
        if (JSON.contains(extension)) {
            return readJson(InputDecoder.decode(bytes, name, false), name);
        }
        if (TEXT.contains(extension)) {
            return readText(InputDecoder.decode(bytes, name, false), name);
        }
        String content = InputDecoder.decode(bytes, name, true);
        String head = content.stripLeading();
        if (head.startsWith("{")) {
            return readJson(content, name);
        }
        if (head.startsWith("<") && head.substring(0, Math.min(head.length(), 2048)).toLowerCase(Locale.ROOT)
                .matches("(?s).*<(!doctype html|html|head|body|p|div|article)[\\s>].*")) {
            return readHtml(content, null, name);
        }
        return readText(content, name);
    }

    /** Reads a text or Markdown article with optional header lines; {@code origin} names it in errors. */
    public Submission readText(String content, String origin) throws IngestException {
        check(content, origin);
        return TextArticleParser.parse(content, origin);
    }

    /** Reads an HTML page; {@code url} (may be null) resolves relative links and is the URL when the page gives none. */
    public Submission readHtml(String html, String url, String origin) throws IngestException {
        check(html, origin);
        return HtmlArticleExtractor.extract(html, url, origin);
    }

    /** Reads a JSON article {@code {title?, published?, url?, source?, language?, author?, text? | html?}}. */
    public Submission readJson(String json, String origin) throws IngestException {
        check(json, origin);
        return JsonArticleParser.parse(json, origin);
    }

    /**
     * The article files to read for a path: a file is itself; a folder gives the text, Markdown, HTML, JSON,
     * feed and OPML files below it, recursively and sorted, skipping hidden files and folders.
     */
    public static List<Path> articleFiles(Path fileOrFolder) throws IOException {
        if (!Files.exists(fileOrFolder)) {
            throw new NoSuchFileException(fileOrFolder.toString());
        }
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        try (Stream<Path> walk = Files.walk(fileOrFolder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(fileOrFolder.relativize(p)))
                    .filter(p -> {
                        String ext = extension(p);
                        return !ext.isEmpty() && (TEXT.contains(ext) || HTML.contains(ext) || JSON.contains(ext)
                                || FEEDS.contains(ext));
                    })
                    .sorted()
                    .toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return "";
        }
        String n = name.toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void check(String content, String origin) throws IngestException {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("origin is required");
        }
        if (content == null || content.isBlank()) {
            throw new IngestException(origin + " is empty");
        }
        if (content.length() > MAX_BYTES) {
            throw InputDecoder.tooLarge(origin, content.length());
        }
        InputDecoder.refuseBinaryText(content, origin);
    }
}
