package dev.tidings.match;

/** A saved search that does not parse. The message names the position and what was expected. */
public class QuerySyntaxException extends Exception {
    private final int position;

    public QuerySyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** Zero-based character offset of the problem, or -1 when unknown. */
    public int position() {
        return position;
    }
}
