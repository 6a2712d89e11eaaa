package dev.tidings.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A syntactically valid email address, lower-cased. Deliberately strict (the dot-atom form of
 * RFC 5322 without comments or quoted local parts) because every address ends up in a header.
 */
public record EmailAddress(String value) {
    private static final Pattern VALID = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    public EmailAddress {
        if (!VALID.matcher(value).matches() || value.length() > 254) {
            throw new IllegalArgumentException("'" + value + "' is not a valid email address");
        }
    }

    /** The address, trimmed and lower-cased, when it is valid. */
    public static Optional<EmailAddress> parse(String text) {
        if (text == null) return Optional.empty();
        String v = text.strip().toLowerCase(Locale.ROOT);
        if (!VALID.matcher(v).matches() || v.length() > 254) return Optional.empty();
        return Optional.of(new EmailAddress(v));
    }

    @Override
    public String toString() {
        return value;
    }
}
