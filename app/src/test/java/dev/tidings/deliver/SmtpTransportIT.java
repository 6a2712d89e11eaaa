package dev.tidings.deliver;

import dev.tidings.model.OutgoingMail;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transport contract against GreenMail, a real SMTP server in-process, plus what only SMTP has. */
class SmtpTransportIT extends MailTransportContract {
    private GreenMail greenMail;
    private SmtpTransport transport;
    private int port;

    @BeforeEach
    void start() throws IOException {
        port = freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser("sender@news.example.org", "tidings", "s3cret:pass");
        transport = (SmtpTransport) MailTransport.fromUrl("smtp://127.0.0.1:" + port, Path.of("."));
    }

    @AfterEach
    void stop() {
        transport.close();
        greenMail.stop();
    }

    @Override
    protected MailTransport transport() {
        return transport;
    }

    @Override
    protected List<byte[]> delivered() throws Exception {
        List<byte[]> all = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            all.add(out.toByteArray());
        }
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theInjectedBccAddressReceivesNothing() throws Exception {
        transport.send(mail("<inject.2@news.example.org>", "reader@example.org", "Hi\r\nBcc: x@evil.test"));

        assertThat(greenMail.getReceivedMessagesForDomain("evil.test")).isEmpty();
        assertThat(greenMail.getReceivedMessagesForDomain("example.org")).hasSize(1);
    }

    @Test
    void itAuthenticatesWithTheUserAndPasswordOfTheUrl() throws Exception {
        try (MailTransport authenticated = MailTransport.fromUrl(
                "smtp://tidings:s3cret%3Apass@127.0.0.1:" + port, Path.of("."))) {
            authenticated.send(mail("<auth.1@news.example.org>"));
            assertThat(authenticated.describe()).isEqualTo("smtp://127.0.0.1:" + port).doesNotContain("s3cret");
        }

        assertThat(delivered()).hasSize(1);
    }

    @Test
    void aWrongPasswordIsATransientFailureThatSaysSo() {
        try (MailTransport wrong = MailTransport.fromUrl("smtp://tidings:nope@127.0.0.1:" + port, Path.of("."))) {
            assertThatThrownBy(() -> wrong.send(mail("<auth.2@news.example.org>")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isFalse();
                        assertThat(e.getMessage()).contains("credentials").doesNotContain("nope");
                    });
        }
    }

    @Test
    void severalMessagesShareOneConnection() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("250 OK", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            for (int i = 0; i < 5; i++) smtp.send(mail("<share." + i + "@news.example.org>"));

            assertThat(server.accepted.get()).isEqualTo(5);
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionTheServerDroppedIsReopened() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("250 OK", true);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            for (int i = 0; i < 3; i++) smtp.send(mail("<drop." + i + "@news.example.org>"));

            assertThat(server.accepted.get()).isEqualTo(3);
            assertThat(server.connections.get()).isEqualTo(3);
        }
    }

    @Test
    void thePipelinedBatchGetsOneOutcomePerRecipientOverOneConnection() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer(address -> switch (address) {
            case "gone@example.org" -> "550 5.1.1 No such user here";
            case "grey@example.org" -> "451 4.7.1 Greylisted";
            default -> "250 OK";
        }, false, true); MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            List<ComposedMail> batch = new ArrayList<>();
            for (String to : List.of("a@example.org", "gone@example.org", "b@example.org", "grey@example.org", "c@example.org")) {
                OutgoingMail mail = mail("<batch." + to + ">", to, "Alert");
                batch.add(new ComposedMail(mail.messageId(), to, new MimeComposer().toBytes(mail)));
            }

            List<Optional<DeliveryException>> outcomes = smtp.sendAll(batch);

            assertThat(outcomes.get(0)).isEmpty();
            assertThat(outcomes.get(1)).hasValueSatisfying(e -> assertThat(e.isPermanent()).isTrue());
            assertThat(outcomes.get(1).get().getMessage()).contains("550", "<batch.gone@example.org>");
            assertThat(outcomes.get(2)).isEmpty();
            assertThat(outcomes.get(3)).hasValueSatisfying(e -> assertThat(e.isPermanent()).isFalse());
            assertThat(outcomes.get(3).get().getMessage()).contains("451");
            assertThat(outcomes.get(4)).isEmpty();
            assertThat(server.accepted.get()).isEqualTo(3);
            assertThat(server.connections.get()).isEqualTo(1);
            // MAIL FROM, RCPT TO and DATA (and the next envelope after a message's end) came in groups
            assertThat(server.arrivedTogether.get()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void withoutPipeliningEachCommandWaitsForItsReply() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer(address -> "250 OK", false, false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            OutgoingMail one = mail("<np.1@news.example.org>");
            OutgoingMail two = mail("<np.2@news.example.org>");
            List<Optional<DeliveryException>> outcomes = smtp.sendAll(List.of(
                    new ComposedMail(one.messageId(), one.to(), new MimeComposer().toBytes(one)),
                    new ComposedMail(two.messageId(), two.to(), new MimeComposer().toBytes(two))));

            assertThat(outcomes).containsExactly(Optional.empty(), Optional.empty());
            assertThat(server.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void dotsThatStartALineAndBareLineFeedsArriveAsTheyWereMeant() throws Exception {
        byte[] raw = ("From: Tidings <news@example.org>\r\nTo: reader@example.org\r\nMessage-ID: <dots.1@news.example.org>\r\n"
                + "Subject: dots\r\n\r\n.first\r\n..second\r\n.\r\nbare\nend").getBytes(StandardCharsets.US_ASCII);

        transport.sendMime("<dots.1@news.example.org>", "reader@example.org", raw);

        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo("<dots.1@news.example.org>");
        assertThat(new String(received.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .startsWith(".first\r\n..second\r\n.\r\nbare\r\nend"); // GreenMail keeps the last CRLF as the end mark's
    }

    @Test
    void theSocketHasNagleTurnedOff() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("250 OK", false);
             SmtpConnection connection = SmtpConnection.open(SmtpTransport.Settings.parse(
                     java.net.URI.create("smtp://127.0.0.1:" + server.port())),
                     (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault(),
                     SmtpTransport.Timeouts.DEFAULT, java.util.concurrent.Executors.newSingleThreadScheduledExecutor())) {
            assertThat(connection.tcpNoDelay()).isTrue();
        }
    }

    @Test
    void a4xxReplyIsATransientFailure() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("451 4.7.1 Greylisted, try again later", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            assertThatThrownBy(() -> smtp.send(mail("<grey.1@news.example.org>")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isFalse();
                        assertThat(e.getMessage()).contains("451");
                    });
            assertThat(server.accepted.get()).isZero();
        }
    }

    @Test
    void a5xxReplyIsAPermanentFailure() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer("550 5.1.1 No such user here", false);
             MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + server.port(), Path.of("."))) {
            assertThatThrownBy(() -> smtp.send(mail("<gone.1@news.example.org>")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isTrue();
                        assertThat(e.getMessage()).contains("550");
                    });
            assertThat(server.accepted.get()).isZero();
        }
    }

    @Test
    void aServerThatIsNotThereIsATransientFailure() throws Exception {
        int closed = freePort();
        try (MailTransport smtp = MailTransport.fromUrl("smtp://127.0.0.1:" + closed, Path.of("."))) {
            assertThatThrownBy(() -> smtp.send(mail("<nobody.1@news.example.org>")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isFalse());
        }
    }
}
