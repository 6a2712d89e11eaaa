package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Composes the RFC 5322 message for an {@link OutgoingMail}: {@code multipart/alternative} with a
 * UTF-8 {@code text/plain} part first (8bit, so links stay whole in a Maildir file) and a UTF-8
 * {@code text/html} part second (quoted-printable);
 * the given Message-ID, Date, From, To, Subject (RFC 2047 encoded when not ASCII) and, when the mail
 * has an unsubscribe URL, {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} (RFC 8058).
 *
 * <p>Header values are made safe here: CR, LF and other control characters in the subject are turned into
 * spaces (a line break in a title must not cost the reader their digest), while an address, Message-ID or
 * unsubscribe link that contains them — or an address that does not parse strictly — is refused with a
 * permanent {@link DeliveryException}, since sending it again would fail the same way.
 *
 * <p>Thread-safe: it holds no state beyond an immutable mail session.
 */
public final class MimeComposer {
    private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]+@[\\x21-\\x3b\\x3d\\x3f-\\x7e]+>");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
    private static final Pattern CONTROL_RUN = Pattern.compile("[\\x00-\\x1f\\x7f]+");
    // RFC 5322 date-time with a numeric zone; fixed in UTC so the same mail always gives the same bytes.
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Session session = Session.getInstance(new Properties());

    /** The complete RFC 5322 message, CRLF line ends, as a transport would send it. */
    public byte[] toBytes(OutgoingMail mail) throws DeliveryException {
        MimeMessage message = compose(mail);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(mail.text().length() + mail.html().length() + 2048);
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new DeliveryException("could not write the message " + mail.messageId() + ": " + e.getMessage(), false, e);
        }
    }

    /** The envelope recipient, parsed as strictly as the To header. */
    InternetAddress recipient(OutgoingMail mail) throws DeliveryException {
        return address("recipient", mail.to());
    }

    /** The envelope sender, parsed as strictly as the From header. */
    InternetAddress sender(OutgoingMail mail) throws DeliveryException {
        return address("sender", mail.from());
    }

    private MimeMessage compose(OutgoingMail mail) throws DeliveryException {
        String messageId = mail.messageId();
        if (!MESSAGE_ID.matcher(messageId).matches()) {
            throw permanent("the Message-ID " + printable(messageId) + " is not of the form <left@right>");
        }
        InternetAddress from = sender(mail);
        InternetAddress to = recipient(mail);
        String unsubscribe = listUnsubscribe(mail);
        try {
            MimeMessage message = new FixedIdMessage(session, messageId);
            message.setHeader("Date", DATE.format(mail.date()));
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(CONTROL_RUN.matcher(mail.subject()).replaceAll(" ").strip(), "UTF-8");
            if (unsubscribe != null) {
                message.setHeader("List-Unsubscribe", unsubscribe);
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                // News a reader subscribed to: keeps vacation auto-replies from answering it.
                message.setHeader("Precedence", "bulk");
            }

            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(mail.text(), "plain"));
            alternative.addBodyPart(textPart(mail.html(), "html"));
            message.setContent(alternative);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new DeliveryException("could not compose the message " + messageId + ": " + e.getMessage(), true, e);
        }
    }

    private static MimeBodyPart textPart(String body, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        String lf = body.replace("\r\n", "\n").replace('\r', '\n');
        if (subtype.equals("plain") && fitsEightBit(lf)) {
            // 8bit keeps links whole for anyone who reads the Maildir file itself, where quoted-printable
            // would break every long URL with soft line breaks. 8bit bodies are written as given, so CRLF here.
            part.setText(lf.replace("\n", "\r\n"), StandardCharsets.UTF_8.name(), subtype);
            part.setHeader("Content-Transfer-Encoding", "8bit");
        } else {
            // Encoded here in one pass rather than by Jakarta Mail's byte-at-a-time stream, which was most of the
            // time of building a digest; a part made from encoded bytes is written out as they are.
            InternetHeaders headers = new InternetHeaders();
            headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
            headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
            return new MimeBodyPart(headers, quotedPrintable(lf));
        }
        return part;
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * Quoted-printable (RFC 2045 6.7) of the text's UTF-8: each LF becomes a CRLF line break, lines are at most
     * 76 characters with soft breaks ({@code =} at the end), and white space before a line break is encoded
     * so that no transport can strip it.
     */
    static byte[] quotedPrintable(String lfText) {
        byte[] in = lfText.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length + in.length / 8 + 64];
        int o = 0;
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (out.length - o < 8) out = java.util.Arrays.copyOf(out, out.length * 2);
            if (b == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                column = 0;
                continue;
            }
            boolean endOfLine = i + 1 == in.length || in[i + 1] == '\n';
            boolean literal = b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !endOfLine;
            int width = literal ? 1 : 3;
            if (column + width > 75) { // leave room for the '=' of the soft break: 76 characters at most
                out[o++] = '=';
                out[o++] = '\r';
                out[o++] = '\n';
                column = 0;
            }
            if (literal) {
                out[o++] = (byte) b;
            } else {
                out[o++] = '=';
                out[o++] = HEX[b >> 4];
                out[o++] = HEX[b & 0xf];
            }
            column += width;
        }
        return java.util.Arrays.copyOf(out, o);
    }

    /** RFC 5322 caps a line at 998 octets; 8bit is only safe when every line is well below that. */
    private static boolean fitsEightBit(String text) {
        for (String line : text.split("\n", -1)) {
            if (line.getBytes(StandardCharsets.UTF_8).length > 900) return false;
        }
        return true;
    }

    private static String listUnsubscribe(OutgoingMail mail) throws DeliveryException {
        if (mail.unsubscribeUrl() == null) {
            return null;
        }
        String url = mail.unsubscribeUrl();
        if (CONTROL.matcher(url).find() || url.contains(">") || url.contains(" ")) {
            throw permanent("the unsubscribe URL " + printable(url) + " cannot go into a header");
        }
        StringBuilder value = new StringBuilder("<").append(url).append('>');
        String mailto = mail.unsubscribeMailto();
        if (mailto != null) {
            if (CONTROL.matcher(mailto).find() || mailto.contains(">") || mailto.contains(" ")) {
                throw permanent("the unsubscribe address " + printable(mailto) + " cannot go into a header");
            }
            value.append(", <").append(mailto).append('>');
        }
        return value.toString();
    }

    private static InternetAddress address(String role, String text) throws DeliveryException {
        if (CONTROL.matcher(text).find()) {
            throw permanent("the " + role + " address " + printable(text) + " contains a line break or control character");
        }
        try {
            InternetAddress parsed = new InternetAddress(text, true);
            parsed.validate();
            // Rebuilt so that a non-ASCII display name is RFC 2047 encoded rather than written raw.
            return parsed.getPersonal() == null
                    ? new InternetAddress(parsed.getAddress())
                    : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new DeliveryException("the " + role + " address " + printable(text) + " is not valid: " + e.getMessage(), true, e);
        }
    }

    private static DeliveryException permanent(String message) {
        return new DeliveryException(message, true, null);
    }

    /** For error messages: control characters shown as escapes, so a hostile value cannot forge log lines. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder("'");
        value.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) out.append(String.format(Locale.ROOT, "\\x%02x", c));
            else out.appendCodePoint(c);
        });
        return out.append('\'').toString();
    }

    /** A message whose Message-ID is the one it was given, not one Jakarta Mail generates on save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
