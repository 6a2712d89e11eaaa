package dev.tidings.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A message ready for a transport: both bodies rendered, every header value decided.
 *
 * @param messageId         stable {@code <…@…>} id; the same digest always gets the same one
 * @param from              sender address (may include a display name)
 * @param to                recipient address
 * @param subject           subject line
 * @param text              plain-text body
 * @param html              HTML body
 * @param unsubscribeUrl    HTTPS one-click unsubscribe URL (RFC 8058), or null for mail that needs none
 * @param unsubscribeMailto mailto: unsubscribe address, or null
 * @param date              the Date header
 */
public record OutgoingMail(String messageId, String from, String to, String subject, String text, String html,
                           String unsubscribeUrl, String unsubscribeMailto, Instant date) {
    public OutgoingMail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(date, "date");
    }
}
