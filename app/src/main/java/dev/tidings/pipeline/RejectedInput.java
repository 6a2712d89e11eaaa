package dev.tidings.pipeline;

/**
 * Something a user gave cannot be used: a bad article, an unknown concept, an invalid address.
 * The message is one sentence for the user; the CLI maps it to exit code 2 or 1 as the contract says.
 */
public class RejectedInput extends Exception {
    private final boolean usage;

    public RejectedInput(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    public RejectedInput(String message, boolean usage, Throwable cause) {
        super(message, cause);
        this.usage = usage;
    }

    /** True when the user asked for something malformed (exit 2), false for a runtime failure (exit 1). */
    public boolean isUsage() {
        return usage;
    }
}
