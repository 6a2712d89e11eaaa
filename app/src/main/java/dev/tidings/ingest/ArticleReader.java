package dev.tidings.ingest;

import dev.tidings.model.Submission;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** STUB: to be implemented by the ingest work. Reads article files and payloads into submissions. */
public final class ArticleReader {
    /** Inputs larger than this are refused. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    public Submission read(Path file) throws IngestException {
        throw new UnsupportedOperationException("stub");
    }

    public Submission readText(String content, String origin) throws IngestException {
        throw new UnsupportedOperationException("stub");
    }

    public Submission readHtml(String html, String url, String origin) throws IngestException {
        throw new UnsupportedOperationException("stub");
    }

    public Submission readJson(String json, String origin) throws IngestException {
        throw new UnsupportedOperationException("stub");
    }

    public static List<Path> articleFiles(Path fileOrFolder) throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
