package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link MailTransport} must do, checked on what actually arrives: re-parsed with Apache mime4j,
 * an independent MIME parser, rather than with the Jakarta Mail that wrote it.
 */
abstract class MailTransportContract {
    static final String TEXT = "Lukashenko’s border policy, and news from Ελλάδα.\n\nSecond paragraph.\n";
    static final String HTML = "<!DOCTYPE html><html><body><p>Lukashenko’s border policy, and news from Ελλάδα.</p></body></html>";

    /** The transport under test, fresh for each test. */
    protected abstract MailTransport transport();

    /** Every message the other side holds so far, as raw bytes, oldest first. */
    protected abstract List<byte[]> delivered() throws Exception;

    static OutgoingMail mail(String messageId, String to, String subject) {
        return new OutgoingMail(messageId, "Tidings <digest@news.example.org>", to, subject, TEXT, HTML,
                "https://news.example.org/u/tok-1", "mailto:digest@news.example.org?subject=unsubscribe%20tok-1",
                Instant.parse("2021-08-11T05:00:00Z"));
    }

    static OutgoingMail mail(String messageId) {
        return mail(messageId, "reader@example.org", "Your digest: 2 stories — Lukashenko’s Belarus, Ελλάδα");
    }

    static Message parse(byte[] raw) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        return builder.parseMessage(new ByteArrayInputStream(raw));
    }

    static String header(Message message, String name) {
        Field field = message.getHeader().getField(name);
        return field == null ? null : field.getBody();
    }

    static String textOf(Entity entity) throws IOException {
        try (Reader reader = ((TextBody) entity.getBody()).getReader()) {
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[4096];
            for (int n; (n = reader.read(buffer)) > 0; ) out.append(buffer, 0, n);
            return out.toString();
        }
    }

    @Test
    void aSentMessageArrivesOnceAsMultipartAlternativeWithBothPartsInUtf8() throws Exception {
        transport().send(mail("<digest.r1.1628658000@news.example.org>"));

        List<byte[]> all = delivered();
        assertThat(all).hasSize(1);
        Message message = parse(all.get(0));
        assertThat(message.getMimeType()).isEqualTo("multipart/alternative");
        Multipart multipart = (Multipart) message.getBody();
        assertThat(multipart.getBodyParts()).hasSize(2);
        Entity text = multipart.getBodyParts().get(0);
        Entity html = multipart.getBodyParts().get(1);
        assertThat(text.getMimeType()).isEqualTo("text/plain");
        assertThat(text.getCharset()).isEqualToIgnoringCase("UTF-8");
        assertThat(text.getContentTransferEncoding()).isEqualToIgnoringCase("8bit");
        assertThat(html.getContentTransferEncoding()).isEqualToIgnoringCase("quoted-printable");
        assertThat(html.getMimeType()).isEqualTo("text/html");
        assertThat(html.getCharset()).isEqualToIgnoringCase("UTF-8");
        assertThat(textOf(text).replace("\r\n", "\n")).isEqualTo(TEXT);
        assertThat(textOf(html)).contains("Lukashenko’s", "Ελλάδα");
        assertThat(message.getSubject()).isEqualTo("Your digest: 2 stories — Lukashenko’s Belarus, Ελλάδα");
    }

    @Test
    void theMessageCarriesItsExactMessageIdAndOneClickUnsubscribe() throws Exception {
        transport().send(mail("<digest.r1.1628658000@news.example.org>"));

        Message message = parse(delivered().get(0));
        assertThat(header(message, "Message-ID")).isEqualTo("<digest.r1.1628658000@news.example.org>");
        assertThat(header(message, "List-Unsubscribe")).isEqualTo(
                "<https://news.example.org/u/tok-1>, <mailto:digest@news.example.org?subject=unsubscribe%20tok-1>");
        assertThat(header(message, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(header(message, "MIME-Version")).isEqualTo("1.0");
        assertThat(header(message, "Date")).isEqualTo("Wed, 11 Aug 2021 05:00:00 +0000");
        assertThat(message.getFrom().get(0).getAddress()).isEqualTo("digest@news.example.org");
        assertThat(message.getTo().flatten().get(0).getAddress()).isEqualTo("reader@example.org");
    }

    @Test
    void aLineBreakInTheSubjectCannotAddABccHeader() throws Exception {
        transport().send(mail("<inject.1@news.example.org>", "reader@example.org", "Hi\r\nBcc: x@evil.test"));

        List<byte[]> all = delivered();
        assertThat(all).hasSize(1);
        Message message = parse(all.get(0));
        assertThat(message.getHeader().getFields("Bcc")).isEmpty();
        assertThat(message.getBcc()).isNull();
        assertThat(message.getSubject()).isEqualTo("Hi Bcc: x@evil.test");
    }

    @Test
    void anInvalidRecipientIsRefusedForGood() throws Exception {
        for (String bad : List.of("not an address", "reader@example.org\r\nBcc: x@evil.test", "a@b@c", "")) {
            assertThatThrownBy(() -> transport().send(mail("<bad.1@news.example.org>", bad, "Hello")))
                    .as("recipient %s", bad)
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isTrue());
        }
        assertThat(delivered()).isEmpty();
    }

    @Test
    void describeNamesTheTransportWithoutCredentials() {
        assertThat(transport().describe()).doesNotContain("secret").matches("^(maildir:|smtps?://).+");
    }
}
