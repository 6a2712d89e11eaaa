package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;

import java.nio.file.Path;

/** STUB: to be implemented by the deliver work. Hands composed mail to a Maildir or an SMTP server. */
public interface MailTransport extends AutoCloseable {
    void send(OutgoingMail mail) throws DeliveryException;

    /**
     * Sends an already composed message (as {@link MimeComposer#toBytes} made it), as the outbox
     * stores it. Sending the same Message-ID again must not make a second copy where the transport
     * can tell (Maildir); SMTP is at-least-once.
     */
    void sendMime(String messageId, String recipient, byte[] mime) throws DeliveryException;

    /** e.g. {@code maildir:/srv/tidings/mail} or {@code smtp://mail.example.org:587}, without credentials. */
    String describe();

    @Override
    void close();

    static MailTransport fromUrl(String url, Path dataDir) {
        throw new UnsupportedOperationException("stub");
    }
}
