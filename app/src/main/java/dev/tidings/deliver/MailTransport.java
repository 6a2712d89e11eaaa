package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Hands composed mail to a Maildir or an SMTP server. Implementations are thread-safe; {@link #send} returns
 * once the message is durably stored (Maildir) or accepted by the server (SMTP).
 */
public interface MailTransport extends AutoCloseable {
    /**
     * Delivers one message.
     *
     * @throws DeliveryException when it was not delivered; {@link DeliveryException#isPermanent()} tells
     *                           whether sending it again could succeed
     */
    void send(OutgoingMail mail) throws DeliveryException;

    /**
     * Sends an already composed message (as {@link MimeComposer#toBytes} made it), as the outbox
     * stores it. Sending the same Message-ID again must not make a second copy where the transport
     * can tell (Maildir); SMTP is at-least-once.
     */
    void sendMime(String messageId, String recipient, byte[] mime) throws DeliveryException;

    /**
     * Sends several composed messages, in order, and says what became of each: one entry per message, empty
     * when it was delivered, else why not. Never throws for a message's failure, so one refused address
     * does not hold up the rest. A transport that can overlap messages (SMTP with PIPELINING) does so here;
     * by default the messages go one by one through {@link #sendMime}.
     */
    default List<Optional<DeliveryException>> sendAll(List<ComposedMail> batch) {
        List<Optional<DeliveryException>> outcomes = new ArrayList<>(batch.size());
        for (ComposedMail mail : batch) {
            try {
                sendMime(mail.messageId(), mail.recipient(), mail.mime());
                outcomes.add(Optional.empty());
            } catch (DeliveryException e) {
                outcomes.add(Optional.of(e));
            }
        }
        return outcomes;
    }

    /** e.g. {@code maildir:/srv/tidings/mail} or {@code smtp://mail.example.org:587}, without credentials. */
    String describe();

    @Override
    void close();

    /**
     * The transport a {@code TIDINGS_MAIL_URL} names:
     * <ul>
     *   <li>{@code maildir:DIR} — a Maildir at DIR (a relative DIR is resolved against the current
     *       directory); {@code maildir:} alone, or a null or blank URL, means {@code dataDir/mail};</li>
     *   <li>{@code smtp://[user:pass@]host[:port][?starttls=true]} — SMTP, port 25 by default;</li>
     *   <li>{@code smtps://[user:pass@]host[:port]} — SMTP over TLS, port 465 by default.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for anything else, with one sentence that says what is wrong
     */
    static MailTransport fromUrl(String url, Path dataDir) {
        if (url == null || url.isBlank()) {
            return new MaildirTransport(dataDir.resolve("mail").toAbsolutePath().normalize());
        }
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("maildir:")) {
            String dir = trimmed.substring("maildir:".length());
            return new MaildirTransport(dir.isBlank() ? dataDir.resolve("mail").toAbsolutePath().normalize() : Path.of(dir).toAbsolutePath().normalize());
        }
        if (lower.startsWith("smtp://") || lower.startsWith("smtps://")) {
            try {
                return new SmtpTransport(SmtpTransport.Settings.parse(new URI(trimmed)));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("The mail URL is not a valid URL: " + e.getReason() + ".", e);
            }
        }
        throw new IllegalArgumentException("The mail URL must start with maildir:, smtp:// or smtps:// (got '"
                + SmtpTransport.Settings.withoutCredentials(trimmed) + "').");
    }
}
