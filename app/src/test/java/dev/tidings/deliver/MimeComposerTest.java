package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;
import org.apache.james.mime4j.dom.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static dev.tidings.deliver.MailTransportContract.header;
import static dev.tidings.deliver.MailTransportContract.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MimeComposerTest {
    private final MimeComposer composer = new MimeComposer();

    private static OutgoingMail mail(String messageId, String from, String to, String subject, String unsubscribeUrl) {
        return new OutgoingMail(messageId, from, to, subject, "Line one\r\nLine two\nLine three\n", "<p>Hi</p>",
                unsubscribeUrl, unsubscribeUrl == null ? null : "mailto:digest@news.example.org?subject=unsubscribe%20t",
                Instant.parse("2021-08-11T05:00:00Z"));
    }

    @Test
    void theMessageHasCrlfLineEndsAndOnlyAsciiBytes() throws Exception {
        byte[] bytes = composer.toBytes(mail("<a.1@news.example.org>", "Tidings Ελλάδα <digest@news.example.org>",
                "reader@example.org", "Lukashenko’s week — Ελλάδα", "https://news.example.org/u/t"));

        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(raw.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        for (byte b : bytes) assertThat(b & 0xff).isLessThan(0x80);
        assertThat(raw).contains("Subject: =?UTF-8?");
    }

    @Test
    void aNonAsciiDisplayNameAndSubjectDecodeBackIntact() throws Exception {
        Message message = parse(composer.toBytes(mail("<a.1@news.example.org>", "Tidings Ελλάδα <digest@news.example.org>",
                "reader@example.org", "Lukashenko’s week — Ελλάδα", null)));

        assertThat(message.getSubject()).isEqualTo("Lukashenko’s week — Ελλάδα");
        assertThat(message.getFrom().get(0).getName()).isEqualTo("Tidings Ελλάδα");
        assertThat(message.getFrom().get(0).getAddress()).isEqualTo("digest@news.example.org");
    }

    @Test
    void theTextLinesKeepTheirBreaksWhateverLineEndsTheyCameWith() throws Exception {
        Message message = parse(composer.toBytes(mail("<a.1@news.example.org>", "digest@news.example.org",
                "reader@example.org", "Hello", null)));

        String text = MailTransportContract.textOf(((org.apache.james.mime4j.dom.Multipart) message.getBody()).getBodyParts().get(0));
        assertThat(text).isEqualTo("Line one\r\nLine two\r\nLine three\r\n");
    }

    @Test
    void mailWithoutAnUnsubscribeUrlHasNoListHeaders() throws Exception {
        Message message = parse(composer.toBytes(mail("<confirm.1@news.example.org>", "digest@news.example.org",
                "reader@example.org", "Confirm", null)));

        assertThat(header(message, "List-Unsubscribe")).isNull();
        assertThat(header(message, "List-Unsubscribe-Post")).isNull();
        assertThat(header(message, "Message-ID")).isEqualTo("<confirm.1@news.example.org>");
    }

    @Test
    void composingTheSameMailTwiceKeepsTheGivenMessageId() throws Exception {
        OutgoingMail mail = mail("<digest.r1.99@news.example.org>", "digest@news.example.org", "reader@example.org", "Hi", null);

        assertThat(header(parse(composer.toBytes(mail)), "Message-ID")).isEqualTo("<digest.r1.99@news.example.org>");
        assertThat(header(parse(composer.toBytes(mail)), "Message-ID")).isEqualTo("<digest.r1.99@news.example.org>");
    }

    @Test
    void headerValuesWithLineBreaksAreRefusedForGood() {
        String[][] cases = {
                {"<a.1@news.example.org>\r\nBcc: x@evil.test", "digest@news.example.org", "reader@example.org", "https://news.example.org/u/t"},
                {"no-angle-brackets@news.example.org", "digest@news.example.org", "reader@example.org", "https://news.example.org/u/t"},
                {"<a.1@news.example.org>", "digest@news.example.org\nBcc: x@evil.test", "reader@example.org", "https://news.example.org/u/t"},
                {"<a.1@news.example.org>", "digest@news.example.org", "reader@example.org", "https://news.example.org/u/t>\r\nBcc: x@evil.test"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> composer.toBytes(mail(c[0], c[1], c[2], "Hello", c[3])))
                    .as(String.join(" | ", c))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isTrue();
                        assertThat(e.getMessage()).doesNotContain("\r", "\n");
                    });
        }
    }

    @Test
    void quotedPrintableEncodesTheUtf8BytesOfAnyTextAsTheByteByByteDefinitionDoes() {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "ab =\t\n<>\"é’—·Ελ\uD83D\uDCF0\uD83D\uDCF0\uD800\uDC00x\uDFFF";
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String t = text.toString();
            assertThat(MimeComposer.quotedPrintable(t)).as("%s", t).isEqualTo(byteByByte(t));
        }
    }

    @Test
    void anEightBitTextPartIsTheTextsUtf8WithCrlfAndLongLinesGoQuotedPrintable() {
        java.util.Random random = new java.util.Random(12);
        String alphabet = "ab \t\n<>é’—·Ελ\uD83D\uDCF0\uD83D\uDCF0\uD800\uDC00x\uDFFFabcdefghij";
        int tooLong = 0;
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            // some rounds with lines near the 900-byte limit, most well below it
            int length = random.nextInt(round % 5 == 0 ? 2_400 : 400);
            for (int i = 0; i < length; i++) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                text.append(round % 5 == 0 && c == '\n' && random.nextInt(4) > 0 ? 'n' : c);
            }
            String t = text.toString();
            boolean fits = java.util.Arrays.stream(t.split("\n", -1))
                    .allMatch(line -> line.getBytes(StandardCharsets.UTF_8).length <= MimeComposer.EIGHT_BIT_LINE);
            if (!fits) tooLong++;
            assertThat(MimeComposer.eightBit(t)).as("%s", t)
                    .isEqualTo(fits ? t.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8) : null);
        }
        assertThat(tooLong).as("some texts have a line too long for 8bit").isPositive();
    }

    /** RFC 2045 6.7 over the text's UTF-8, byte by byte: the reference the composer's encoder must equal. */
    private static byte[] byteByByte(String lfText) {
        byte[] in = lfText.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\n') {
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                column = 0;
                continue;
            }
            boolean endOfLine = i + 1 == in.length || in[i + 1] == '\n';
            boolean literal = b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !endOfLine;
            int width = literal ? 1 : 3;
            if (column + width > 75) {
                out.writeBytes("=\r\n".getBytes(StandardCharsets.US_ASCII));
                column = 0;
            }
            if (literal) out.write(b);
            else out.writeBytes(String.format("=%02X", b).getBytes(StandardCharsets.US_ASCII));
            column += width;
        }
        return out.toByteArray();
    }

    @Test
    void quotedPrintableDecodesToTheTextWithShortLinesAndNoBareTrailingSpace() throws Exception {
        String text = "<p>Lukashenko’s border = policy, Ελλάδα</p> \n\n" + "a".repeat(200) + "\t\n=".repeat(3)
                + "<a href=\"https://news.example.org/" + "x".repeat(120) + "\">more</a> ";

        byte[] encoded = MimeComposer.quotedPrintable(text);

        String wire = new String(encoded, StandardCharsets.US_ASCII);
        assertThat(wire.split("\r\n", -1)).allSatisfy(line -> {
            assertThat(line.length()).isLessThanOrEqualTo(76);
            assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
        });
        assertThat(wire.replace("\r\n", "")).doesNotContain("\n", "\r");
        try (var decoded = new org.apache.james.mime4j.codec.QuotedPrintableInputStream(
                new java.io.ByteArrayInputStream(encoded))) {
            assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n")).isEqualTo(text);
        }
    }

    @Test
    void aLongNonAsciiSubjectIsSplitIntoShortEncodedWordsThatDecodeBackWhole() throws Exception {
        String subject = "Your digest: 40 stories — Ελλάδα, Lukashenko’s week, 東京の天気 and 3 more 🎉 ".repeat(3).strip();
        byte[] bytes = composer.toBytes(mail("<a.2@news.example.org>", "digest@news.example.org", "reader@example.org",
                subject, null));

        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(head.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(parse(bytes).getSubject()).isEqualTo(subject);
    }
}
