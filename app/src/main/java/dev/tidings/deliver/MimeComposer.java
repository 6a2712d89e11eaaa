package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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
 * <p>Thread-safe: it holds no state.
 */
public final class MimeComposer {
    private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]+@[\\x21-\\x3b\\x3d\\x3f-\\x7e]+>");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
    private static final Pattern CONTROL_RUN = Pattern.compile("[\\x00-\\x1f\\x7f]+");
    // RFC 5322 date-time with a numeric zone; fixed in UTC so the same mail always gives the same bytes.
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * The complete RFC 5322 message, CRLF line ends, as a transport would send it.
     *
     * <p>Written out here rather than through {@code MimeMessage.writeTo}: the structure is always the same two
     * parts, and Jakarta Mail's generic writer (a service lookup and a byte-at-a-time stream per part) was most of
     * the time of composing a digest. Addresses are still parsed and encoded by Jakarta Mail.
     */
    public byte[] toBytes(OutgoingMail mail) throws DeliveryException {
        String messageId = mail.messageId();
        if (!MESSAGE_ID.matcher(messageId).matches()) {
            throw permanent("the Message-ID " + printable(messageId) + " is not of the form <left@right>");
        }
        InternetAddress from = sender(mail);
        InternetAddress to = recipient(mail);
        String unsubscribe = listUnsubscribe(mail);
        String subject = encodedSubject(CONTROL_RUN.matcher(mail.subject()).replaceAll(" ").strip());
        String text = lf(mail.text());
        byte[] eightBitText = eightBit(text);
        boolean eightBit = eightBitText != null;
        byte[] textBody = eightBit ? eightBitText : quotedPrintable(text);
        byte[] htmlBody = quotedPrintable(lf(mail.html()));
        String boundary = boundary(messageId, eightBit ? text : "");

        StringBuilder head = new StringBuilder(1024);
        header(head, "Date", DATE.format(mail.date()));
        header(head, "From", from.toString());
        header(head, "To", InternetAddress.toString(new InternetAddress[] {to}, 4));
        header(head, "Message-ID", messageId);
        header(head, "Subject", subject);
        header(head, "MIME-Version", "1.0");
        header(head, "Content-Type", "multipart/alternative; \r\n\tboundary=\"" + boundary + "\"");
        if (unsubscribe != null) {
            header(head, "List-Unsubscribe", unsubscribe);
            header(head, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            // News a reader subscribed to: keeps vacation auto-replies from answering it.
            header(head, "Precedence", "bulk");
        }
        head.append("\r\n--").append(boundary).append("\r\n");
        header(head, "Content-Type", "text/plain; charset=UTF-8");
        header(head, "Content-Transfer-Encoding", eightBit ? "8bit" : "quoted-printable");
        head.append("\r\n");
        String middle = "\r\n--" + boundary + "\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";

        // Header values are ASCII by now: addresses and the subject are RFC 2047 encoded.
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[headBytes.length + textBody.length + middle.length() + htmlBody.length + tail.length()];
        int o = 0;
        System.arraycopy(headBytes, 0, out, o, headBytes.length);
        o += headBytes.length;
        System.arraycopy(textBody, 0, out, o, textBody.length);
        o += textBody.length;
        o = ascii(middle, out, o);
        System.arraycopy(htmlBody, 0, out, o, htmlBody.length);
        o += htmlBody.length;
        ascii(tail, out, o);
        return out;
    }

    /**
     * The subject as it goes into the header: as is when it is ASCII and its lines fit (folded at spaces), else as
     * RFC 2047 "B" encoded words of UTF-8, each at most 75 characters and never splitting a character.
     * Done here because Jakarta Mail's encoder looks its stream classes up through a service loader on every call.
     */
    static String encodedSubject(String subject) {
        boolean ascii = true;
        for (int i = 0; i < subject.length() && ascii; i++) ascii = subject.charAt(i) < 0x80;
        if (ascii && !subject.contains("=?")) return MimeUtility.fold(9, subject);
        StringBuilder out = new StringBuilder(subject.length() * 2);
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        // 75 - "=?UTF-8?B?".length() - "?=".length() = 63 base64 characters, 45 bytes; 36 on the first line after "Subject: ".
        int budget = 36;
        int start = 0;
        int bytes = 0;
        for (int i = 0; i <= subject.length(); ) {
            int cp = i < subject.length() ? subject.codePointAt(i) : -1;
            int size = cp < 0 ? 0 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (cp < 0 || bytes + size > budget) {
                if (out.length() > 0) out.append("\r\n ");
                out.append("=?UTF-8?B?")
                        .append(base64.encodeToString(subject.substring(start, i).getBytes(StandardCharsets.UTF_8)))
                        .append("?=");
                if (cp < 0) break;
                start = i;
                bytes = 0;
                budget = 45;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static void header(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static int ascii(String s, byte[] out, int o) {
        for (int i = 0; i < s.length(); i++) out[o++] = (byte) s.charAt(i);
        return o;
    }

    private static String lf(String body) {
        return body.indexOf('\r') < 0 ? body : body.replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * A boundary that depends only on the message, so the same mail always gives the same bytes. It starts with
     * {@code =_}, which quoted-printable can never contain; an 8bit text part is checked.
     */
    private static String boundary(String messageId, String eightBitText) {
        for (int n = 0; ; n++) {
            String boundary = "----=_Part_" + Integer.toHexString(messageId.hashCode()) + "_" + n;
            if (!eightBitText.contains(boundary)) return boundary;
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

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * Quoted-printable (RFC 2045 6.7) of the text's UTF-8: each LF becomes a CRLF line break, lines are at most
     * 76 characters with soft breaks ({@code =} at the end), and white space before a line break is encoded
     * so that no transport can strip it.
     *
     * <p>Encoded from the characters, without the UTF-8 copy of the whole text first: a digest's HTML is tens of
     * kilobytes and every byte of a non-ASCII character is encoded anyway. A lone surrogate becomes {@code ?},
     * as {@link String#getBytes} would make it.
     */
    static byte[] quotedPrintable(String lfText) {
        char[] text = lfText.toCharArray(); // one bulk copy: charAt on a UTF-16 string checks its index every time
        int n = text.length;
        byte[] out = new byte[n + n / 2 + 64]; // HTML has an '=' in every attribute
        int o = 0;
        int column = 0;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            if (out.length - o < 32) out = java.util.Arrays.copyOf(out, out.length * 2);
            if (c == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                column = 0;
                continue;
            }
            if (c < 0x80) {
                boolean endOfLine = i + 1 == n || text[i + 1] == '\n';
                boolean literal = c >= 33 && c <= 126 && c != '=' || (c == ' ' || c == '\t') && !endOfLine;
                int width = literal ? 1 : 3;
                if (column + width > 75) { // leave room for the '=' of the soft break: 76 characters at most
                    out[o++] = '=';
                    out[o++] = '\r';
                    out[o++] = '\n';
                    column = 0;
                }
                if (literal) {
                    out[o++] = (byte) c;
                } else {
                    out[o++] = '=';
                    out[o++] = HEX[c >> 4];
                    out[o++] = HEX[c & 0xf];
                }
                column += width;
                continue;
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text[i + 1])) {
                cp = Character.toCodePoint(c, text[++i]);
            } else if (Character.isSurrogate(c)) {
                cp = '?';
            }
            if (cp < 0x80) { // a lone surrogate's '?', always literal
                if (column + 1 > 75) {
                    out[o++] = '=';
                    out[o++] = '\r';
                    out[o++] = '\n';
                    column = 0;
                }
                out[o++] = (byte) cp;
                column++;
                continue;
            }
            int size = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            for (int k = 0; k < size; k++) {
                int b = k == 0 ? (size == 2 ? 0xc0 | cp >> 6 : size == 3 ? 0xe0 | cp >> 12 : 0xf0 | cp >> 18)
                        : 0x80 | (cp >> 6 * (size - 1 - k)) & 0x3f;
                if (column + 3 > 75) {
                    out[o++] = '=';
                    out[o++] = '\r';
                    out[o++] = '\n';
                    column = 0;
                }
                out[o++] = '=';
                out[o++] = HEX[b >> 4];
                out[o++] = HEX[b & 0xf];
                column += 3;
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    /** RFC 5322 caps a line at 998 octets; 8bit is only safe when every line is well below that. */
    static final int EIGHT_BIT_LINE = 900;

    /**
     * The text's UTF-8 with each LF as a CRLF, as {@code text.replace("\n", "\r\n").getBytes(UTF_8)} gives it (a
     * lone surrogate becomes {@code ?}), or null when a line is longer than {@value #EIGHT_BIT_LINE} bytes and the
     * part must be quoted-printable. One pass over the characters: the replace, the encoding and the check of the
     * line lengths were three, over the ten-odd kilobytes of every digest's text.
     */
    static byte[] eightBit(String lfText) {
        char[] text = lfText.toCharArray(); // one bulk copy: charAt on a UTF-16 string checks its index every time
        int n = text.length;
        byte[] out = new byte[n + n / 4 + 64];
        int o = 0;
        int lineStart = 0;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            if (out.length - o < 8) out = java.util.Arrays.copyOf(out, out.length * 2);
            if (c == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                lineStart = o;
                continue;
            }
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text[i + 1])) {
                int cp = Character.toCodePoint(c, text[++i]);
                out[o++] = (byte) (0xf0 | cp >> 18);
                out[o++] = (byte) (0x80 | cp >> 12 & 0x3f);
                out[o++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[o++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                out[o++] = '?';
            } else {
                out[o++] = (byte) (0xe0 | c >> 12);
                out[o++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[o++] = (byte) (0x80 | c & 0x3f);
            }
            if (o - lineStart > EIGHT_BIT_LINE) return null;
        }
        return java.util.Arrays.copyOf(out, o);
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
}
