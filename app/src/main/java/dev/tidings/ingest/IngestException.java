package dev.tidings.ingest;

/** An input that cannot be read as an article. The message is one clear sentence for the user. */
public class IngestException extends Exception {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
