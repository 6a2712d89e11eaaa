package dev.tidings.deliver;

import java.util.Objects;

/**
 * A message ready for a transport: the bytes {@link MimeComposer#toBytes} made (as the outbox stores them),
 * the Message-ID they carry, and the one address to deliver them to.
 */
public record ComposedMail(String messageId, String recipient, byte[] mime) {
    public ComposedMail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(mime, "mime");
    }
}
