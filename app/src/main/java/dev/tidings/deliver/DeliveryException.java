package dev.tidings.deliver;

/** A message could not be handed to its transport. {@code permanent} for 5xx-style refusals. */
public class DeliveryException extends Exception {
    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
